import { type Rng, WeightedPicker } from './random';

// Chinese personal names shaped to exercise the app: weighted common surnames, surnames with
// more than one reading (sorting and pinyin search must cope), compound surnames, characters
// outside the common set (fonts, input methods, CJK Extension A), and minority names written
// with a middle dot.

// Approximate shares per thousand people, after the 2020 census surname ranking.
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 71], ['李', 70], ['张', 66], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 26], ['赵', 24], ['吴', 20], ['周', 19],
  ['徐', 16], ['孙', 15], ['马', 15], ['朱', 13], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11], ['高', 11], ['罗', 11],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 7], ['韩', 7], ['邓', 7], ['冯', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 5], ['董', 5], ['潘', 5], ['袁', 5], ['蔡', 5], ['蒋', 5], ['余', 5],
  ['于', 5], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['卢', 4],
  ['姚', 4], ['沈', 4], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 3], ['汪', 3], ['廖', 3],
  ['石', 3], ['金', 3], ['韦', 3], ['贾', 3], ['夏', 3], ['付', 3], ['方', 3], ['邹', 3], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['龙', 2], ['黎', 2], ['史', 2], ['陶', 2], ['贺', 2], ['毛', 2], ['郝', 2], ['顾', 2], ['龚', 2], ['邵', 2],
  ['万', 2], ['覃', 2], ['武', 2], ['钱', 2], ['戴', 2], ['严', 2], ['莫', 1], ['孔', 1], ['向', 1], ['常', 1],
  ['汤', 1], ['康', 1], ['易', 1], ['乔', 1], ['赖', 1], ['文', 1], ['施', 1], ['洪', 1], ['倪', 1], ['柳', 1],
  ['章', 1], ['应', 1], ['楼', 1], ['俞', 1], ['骆', 1], ['鲍', 1], ['翟', 0.5],
  // Surnames read differently from the common character (单 Shàn, 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā, 朴 Piáo, 盖 Gě).
  ['单', 0.4], ['解', 0.3], ['仇', 0.2], ['区', 0.1], ['查', 0.3], ['朴', 0.2], ['盖', 0.1], ['尉迟', 0.03],
  // Compound surnames: the given name starts at the third character.
  ['欧阳', 0.4], ['司马', 0.08], ['诸葛', 0.06], ['上官', 0.08], ['皇甫', 0.05], ['令狐', 0.03], ['东方', 0.04], ['慕容', 0.03],
];

const MALE_CHARS = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳成建国峰亮东文博志海晨轩睿泽昊然子梓铭奕航宸诚皓毅振嘉翔德荣';
const FEMALE_CHARS = '芳娜敏静丽艳娟霞秀玲燕婷雪琳慧颖洁倩晶莉萍红梅琴云欣怡悦涵萱雨彤诗梦佳思可妍瑶若馨蕊婉琪月蓉楠雅洁丹';
const SHARED_FIRST = '小晓文嘉子一安心宇晨思永春秋立家';
// Characters that break naive fonts, encodings or input methods. 䶮 is in CJK Extension A.
const RARE_MALE = ['䶮', '堃', '昇', '喆', '燚', '淼', '犇', '旻'];
const RARE_FEMALE = ['珺', '婠', '玥', '婧', '祎', '嫣', '琇'];

const UYGHUR_FEMALE = ['阿依古丽', '古丽娜尔', '热依拉', '迪丽娜尔', '帕提古丽', '阿丽米热', '努尔尼沙'];
const UYGHUR_MALE = ['艾尔肯', '买买提', '阿卜杜拉', '艾合买提', '吐尔逊', '努尔艾力', '伊力哈木'];
const UYGHUR_FATHER = ['买买提', '吐尔逊', '阿不都拉', '艾力', '热合曼', '依明', '司马义', '玉素甫'];
// Tibetan and Mongolian names usually have no surname and no dot.
const NO_SURNAME_MALE = ['扎西顿珠', '巴特尔', '次仁多吉', '格桑平措'];
const NO_SURNAME_FEMALE = ['次仁卓玛', '其其格', '央金拉姆', '萨仁高娃'];

const surnamePicker = new WeightedPicker(SURNAMES);

function charAt(rng: Rng, pool: string): string {
  return pool.charAt(rng.index(pool.length));
}

export function surname(rng: Rng): string {
  return surnamePicker.pick(rng);
}

export function givenName(rng: Rng, male: boolean): string {
  const pool = male ? MALE_CHARS : FEMALE_CHARS;
  if (rng.chance(0.006)) {
    const rare = rng.pick(male ? RARE_MALE : RARE_FEMALE);
    return rng.chance(0.5) ? rare : charAt(rng, rng.chance(0.3) ? SHARED_FIRST : pool) + rare;
  }
  if (rng.chance(0.15)) return charAt(rng, pool);
  const first = rng.chance(0.25) ? charAt(rng, SHARED_FIRST) : charAt(rng, pool);
  let second = charAt(rng, pool);
  if (second === first) second = charAt(rng, pool);
  return first + second;
}

/** A full name for a resident of an eastern-China county. */
export function personName(rng: Rng, male: boolean): string {
  const roll = rng.next();
  if (roll < 0.003) {
    return `${rng.pick(male ? UYGHUR_MALE : UYGHUR_FEMALE)}·${rng.pick(UYGHUR_FATHER)}`;
  }
  if (roll < 0.004) return rng.pick(male ? NO_SURNAME_MALE : NO_SURNAME_FEMALE);
  return surname(rng) + givenName(rng, male);
}

/** Same surname for the father's side, as is usual; mothers keep their own. */
export function relativeName(rng: Rng, childName: string, male: boolean, sameSurname: boolean): string {
  const noSurname = childName.includes('·') || NO_SURNAME_MALE.includes(childName) || NO_SURNAME_FEMALE.includes(childName);
  if (!sameSurname || noSurname) return personName(rng, male);
  const compound = SURNAMES.find(([s]) => s.length === 2 && childName.startsWith(s));
  const family = compound ? compound[0] : childName.charAt(0);
  return family + givenName(rng, male);
}
