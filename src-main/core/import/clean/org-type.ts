// The organisation type a name's ending says, as the ledger names types (organization_type rows
// seeded in db/migrations/0020-reference-data.ts). Order matters: "社区卫生服务中心" is a clinic,
// not a community; "村民委员会" is a village, not a government office.

/** What ends the name of the Red Cross body itself, taken off before reading the unit's type. */
const redCrossSuffix = /(红十字会|红十字分会|红十字总会|红十字服务站|红十字工作站|红十字志愿服务站|红十字会员之家|红十字站|红会|分会|服务站)$/u;

const rules: Array<[RegExp, string]> = [
  [/(卫生院|医院|卫生服务中心|卫生服务站|卫生室|卫生所|诊所|门诊部|疾病预防控制中心|疾控中心|妇幼保健院|妇幼保健计划生育服务中心|保健院|急救中心|血站|中心血站|医疗集团|医共体)$/u, '医疗卫生机构'],
  [/(职业技术学校|职业中学|职业高中|职业学校|职业中专|中等专业学校|中专|职高|技工学校|技校|职教中心|职业教育中心)$/u, '职业学校'],
  [/(大学|学院|高等专科学校)$/u, '高校'],
  [/(小学|中学|初中|高中|初级中学|高级中学|完全小学|完小|中心校|学校|幼儿园|学区|教学点)$/u, '中小学'],
  [/(村|村委会|村民委员会|行政村)$/u, '村'],
  [/(社区|居委会|居民委员会|社区居委会|社区居民委员会)$/u, '社区'],
  [/(街道|街道办事处|街道办)$/u, '街道'],
  [/(镇|乡|乡镇|民族乡|镇人民政府|乡人民政府)$/u, '乡镇'],
  [/(有限公司|有限责任公司|股份公司|公司|集团|企业|厂|银行|支行|分行|商行|超市|酒店|宾馆|商场)$/u, '企业'],
  [/(联合会|联合|协会|商会|联盟)$/u, '行业联合'],
  [/(人民政府|政府|局|委员会|办公室|人民法院|法院|人民检察院|检察院|人大|政协|机关|派出所|公安局|海关)$/u, '机关'],
  [/(图书馆|文化馆|博物馆|纪念馆|科技馆|少年宫|青少年宫|福利院|敬老院|养老院|研究院|研究所|文化站|农技站|农业技术推广站)$/u, '事业单位'],
];

/** Type name (as seeded) or null when the ending says nothing; the caller then warns the clerk. */
export function inferOrgType(name: string): string | null {
  let unit = name.normalize('NFKC').replace(/[\s\u3000]+/gu, '').replace(/[(（][^)）]*[)）]$/u, '');
  unit = unit.replace(redCrossSuffix, '');
  if (unit === '') return null;
  for (const [ending, type] of rules) if (ending.test(unit)) return type;
  return null;
}
