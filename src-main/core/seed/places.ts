import { surname } from './names';
import type { Rng } from './random';

// Word lists for place, school, hospital and company names. Names are assembled from parts so
// a large county still gets thousands of distinct, plausible names.

const PLACE_HEADS = '东西南北大小上下前后新老青白黄红金银石龙凤马鹤云清长安平永兴富太双三塘梅桃柳松竹花'.split('');
const PLACE_TAILS = '山溪河湖桥坪塘岭湾港口关岗田林庄源江阳浦埠坝洲沙泉峰谷'.split('');
// Real-sounding fixed names that read naturally as townships; 城关 is the classic county-seat town.
const TOWNSHIP_CLASSICS = ['城关', '临江', '凤凰', '龙潭', '白沙', '青石', '石门', '西溪', '东湖', '桃源', '黄坪', '长乐', '永安', '太平', '梅林', '清河'];
const COMMUNITY_WORDS = [
  '文化', '和平', '翠苑', '金桥', '锦绣', '阳光', '幸福', '朝晖', '春江', '景苑', '丽水', '紫荆', '文苑', '古荡', '星洲', '华庭',
  '嘉园', '湖畔', '滨江', '银湖', '新华', '民主', '光明', '团结', '东园', '西园', '南苑', '北苑', '桂花', '香樟', '翠竹', '长青',
];
const VILLAGE_SURNAME_TAILS = ['家村', '家湾村', '家坪村', '家庄村', '家坞村', '家埠村'];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

export const BRAND_WORDS = [
  '华宇', '恒信', '天成', '鑫源', '宏达', '永盛', '德润', '正泰', '金诚', '瑞丰', '海纳', '远航', '博远', '新锐', '中天', '恒通',
  '万隆', '嘉禾', '明辉', '东升', '安泰', '润和', '信诚', '合众', '春晖', '银河', '荣昌', '兴业', '卓越', '华创',
];
const INDUSTRIES = [
  '纺织', '机械', '电子', '建设', '食品', '物流', '化工', '电力', '水务', '燃气', '服饰', '家居', '医药', '科技', '农业开发', '建材',
  '汽车配件', '包装', '印务', '茶业', '竹木制品', '新材料', '环保', '旅游开发',
];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];

export const BUREAUS = [
  '公安局', '教育局', '卫生健康局', '民政局', '应急管理局', '交通运输局', '人力资源和社会保障局', '市场监督管理局', '税务局',
  '人民法院', '人民检察院', '机关事务管理中心', '财政局', '自然资源和规划局', '住房和城乡建设局', '农业农村局', '文化和广电旅游体育局',
  '生态环境分局', '水利局', '商务局', '统计局', '司法局', '退役军人事务局', '医疗保障局', '城市管理局', '审计局', '林业局',
  '发展和改革局', '经济和信息化局', '科学技术局', '消防救援大队', '总工会',
];
export const PUBLIC_INSTITUTIONS = [
  '疾病预防控制中心', '急救指挥中心', '中心血站', '图书馆', '文化馆', '广播电视台', '社会福利院', '博物馆', '体育中心', '档案馆',
  '农业技术推广中心', '老年大学', '青少年宫', '救助管理站', '公证处', '职业病防治院', '气象台', '水文站', '林业工作站', '供销合作社',
];
export const TRADE_ALLIANCES = ['农家乐', '民宿', '出租车', '物业服务', '快递物流', '建筑施工', '餐饮', '旅游景区', '商贸市场', '家政服务', '驾驶培训', '美容美发'];

/** "西湖区" → "西湖", so "西湖第一中学" rather than "西湖区第一中学"; two-character names stay whole. */
export function shortCountyName(name: string): string {
  return name.length > 2 && /[区县市旗]$/.test(name) ? name.slice(0, -1) : name;
}

/** Township or street name without its suffix. */
export function placeName(rng: Rng, preferClassic: boolean): string {
  if (preferClassic && rng.chance(0.5)) return rng.pick(TOWNSHIP_CLASSICS);
  return rng.pick(PLACE_HEADS) + rng.pick(PLACE_TAILS);
}

export function villageName(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.35) return surname(rng).slice(0, 1) + rng.pick(VILLAGE_SURNAME_TAILS);
  if (roll < 0.45) return `${placeName(rng, false)}${rng.pick(['一', '二', '三', '新'])}村`;
  return `${placeName(rng, false)}村`;
}

export function communityName(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.55) return `${rng.pick(COMMUNITY_WORDS)}社区`;
  if (roll < 0.7) return `${rng.pick(COMMUNITY_WORDS)}${rng.pick(['新村', '花园', '家园', '里'])}社区`;
  return `${placeName(rng, false)}社区`;
}

/** Primary and secondary schools; `local` names sit under a township or street. */
export function schoolName(rng: Rng, countyShort: string, local: string | null): string {
  if (local !== null) return `${local}${rng.pick(['中心小学', '小学', '初级中学', '中学', '九年一贯制学校'])}`;
  const roll = rng.next();
  if (roll < 0.3) return `${countyShort}第${rng.pick(ORDINALS)}中学`;
  if (roll < 0.45) return `${countyShort}${rng.pick(['实验小学', '实验中学', '外国语学校', '城南小学', '城北小学', '育才小学', '特殊教育学校'])}`;
  return `${countyShort}${placeName(rng, false)}${rng.pick(['小学', '中学', '学校'])}`;
}

export function collegeName(rng: Rng, cityShort: string): string {
  return `${cityShort}${rng.pick(['学院', '师范学院', '职业技术学院', '医学高等专科学校', '理工学院', '开放大学', '科技职业学院'])}`;
}

export function vocationalSchoolName(rng: Rng, countyShort: string): string {
  return `${countyShort}${rng.pick(['职业教育中心', '中等职业学校', '技师学院', '卫生学校', '职业高级中学', '旅游职业学校', '技工学校'])}`;
}

/** County hospitals at top level, or township health centres when `local` is given. */
export function hospitalName(rng: Rng, countyShort: string, local: string | null, redCrossNamed: boolean): string {
  if (local !== null) {
    if (local.endsWith('街道')) return `${local}${redCrossNamed ? '红十字' : ''}社区卫生服务中心`;
    if (redCrossNamed) return `${local}红十字卫生院`;
    return `${local}${rng.pick(['卫生院', '中心卫生院'])}`;
  }
  if (redCrossNamed) return `${countyShort}${rng.pick(['红十字医院', '红十字会医院', '红十字康复医院'])}`;
  return `${countyShort}${rng.pick(['人民医院', '第二人民医院', '中医院', '妇幼保健院', '精神卫生中心', '口腔医院', '中西医结合医院', '康复医院', '骨伤科医院'])}`;
}

export function companyName(rng: Rng, regionShort: string): string {
  const prefix = rng.chance(0.5) ? regionShort : '';
  return `${prefix}${rng.pick(BRAND_WORDS)}${rng.pick(INDUSTRIES)}${rng.pick(COMPANY_FORMS)}`;
}
