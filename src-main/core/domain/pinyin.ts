import { pinyin } from 'pinyin-pro';
import { normalizeName } from './text';

// Sort keys and initials for personal names, by Hanyu Pinyin with surname readings (曾 zēng,
// 单 shàn, 解 xiè, 尉迟 yùchí …). Readings come from pinyin-pro.
//
// A name is read as surname + given name, each on its own: the surname from the tables below or
// pinyin-pro's surname mode, the given name as a word of its own. Reading the whole name in one
// call lets a word straddle the two and misreads common names: 王朝霞 as wáng cháo xiá
// ('dynasty'), 王重阳 as wáng zhòng yáng; read apart they are zhāo xiá and chóng yáng.
//
// A key has three levels separated by U+0001, compared as plain strings (JS `<`, SQLite BINARY):
//   1. toneless syllables joined by spaces, ü folded into u:        'lu bu'
//   2. syllables with ü written v, each with its tone (5 = neutral): 'lv3 bu4'
//   3. the name exactly as given, so different names never share a key.
// Level 1 puts 吕 (lǚ) between 卢 (lú) and 乱 (luàn) as dictionaries do; level 2 then orders
// lu before lü and tone 1 before tone 4 among names that read the same (汪 wāng before 王 wáng).
// Letters and digits (Latin names, '李2') become lowercase tokens without diacritics; spaces,
// the middle dot of transliterated names (阿依古丽·买买提) and other punctuation only separate
// tokens. A Han character pinyin-pro does not know keeps its own character as its token, which
// sorts after every pinyin syllable.

const SEPARATOR = '\u0001';

/**
 * Compound surnames (pinyin-pro's list), read as such when a name of 3 or more characters starts
 * with one. Only a few read differently from their characters (尉迟 yù chí, 万俟 mò qí, 长孙
 * zhǎng sūn, 澹台 tán tái, 子车 zǐ jū …); the table pins them all.
 */
const COMPOUND_SURNAMES: ReadonlyMap<string, string> = new Map([
  ['南宫', 'nan2 gong1'], ['第五', 'di4 wu3'], ['万俟', 'mo4 qi2'], ['司马', 'si1 ma3'], ['上官', 'shang4 guan1'],
  ['欧阳', 'ou1 yang2'], ['夏侯', 'xia4 hou2'], ['诸葛', 'zhu1 ge3'], ['闻人', 'wen2 ren2'], ['东方', 'dong1 fang1'],
  ['赫连', 'he4 lian2'], ['皇甫', 'huang2 fu3'], ['尉迟', 'yu4 chi2'], ['公羊', 'gong1 yang2'], ['澹台', 'tan2 tai2'],
  ['公冶', 'gong1 ye3'], ['宗政', 'zong1 zheng4'], ['濮阳', 'pu2 yang2'], ['淳于', 'chun2 yu2'], ['太叔', 'tai4 shu1'],
  ['申屠', 'shen1 tu2'], ['公孙', 'gong1 sun1'], ['仲孙', 'zhong4 sun1'], ['轩辕', 'xuan1 yuan2'], ['令狐', 'ling2 hu2'],
  ['钟离', 'zhong1 li2'], ['宇文', 'yu3 wen2'], ['长孙', 'zhang3 sun1'], ['慕容', 'mu4 rong2'], ['鲜于', 'xian1 yu2'],
  ['闾丘', 'lü2 qiu1'], ['司徒', 'si1 tu2'], ['司空', 'si1 kong1'], ['亓官', 'qi2 guan1'], ['司寇', 'si1 kou4'],
  ['仉督', 'zhang3 du1'], ['子车', 'zi3 ju1'], ['颛孙', 'zhuan1 sun1'], ['端木', 'duan1 mu4'], ['巫马', 'wu1 ma3'],
  ['公西', 'gong1 xi1'], ['漆雕', 'qi1 diao1'], ['乐正', 'yue4 zheng4'], ['壤驷', 'rang3 si4'], ['公良', 'gong1 liang2'],
  ['拓跋', 'tuo4 ba2'], ['夹谷', 'jia2 gu3'], ['宰父', 'zai3 fu3'], ['榖梁', 'gu3 liang2'], ['段干', 'duan4 gan1'],
  ['百里', 'bai3 li3'], ['东郭', 'dong1 guo1'], ['南门', 'nan2 men2'], ['呼延', 'hu1 yan2'], ['羊舌', 'yang2 she2'],
  ['梁丘', 'liang2 qiu1'], ['左丘', 'zuo3 qiu1'], ['东门', 'dong1 men2'], ['西门', 'xi1 men2'], ['句龙', 'gou1 long2'],
  ['毌丘', 'guan4 qiu1']
]);

/**
 * Single-character surnames whose surname reading differs from the everyday one. pinyin-pro's
 * surname mode (3.29) gets each of them right; they are pinned so that an upgrade cannot move them.
 */
const SURNAME_READINGS: ReadonlyMap<string, string> = new Map([
  ['曾', 'zeng1'], ['单', 'shan4'], ['解', 'xie4'], ['仇', 'qiu2'], ['区', 'ou1'], ['查', 'zha1'], ['朴', 'piao2'],
  ['盖', 'ge3'], ['乐', 'yue4'], ['缪', 'miao4'], ['翟', 'zhai2'], ['覃', 'qin2'],
]);

/** Characters used in names that pinyin-pro 3.29 has no reading for. */
const EXTRA_READINGS: ReadonlyMap<string, string> = new Map([
  ['𠮷', 'ji2'], // U+20BB7, 吉 with the longer lower stroke
]);

const MIDDLE_DOTS = /[\u00b7\u0387\u16eb\u2022\u2027\u2219\u22c5\u30fb\uff0e\uff65.]/u;
const TOKENS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;
const SYLLABLE = /^([a-zêü]+)([0-5]?)$/u;
/** The common case: nothing that NFKC, normalizeName or the tokenizer would change. */
const PLAIN_HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/u;

/** The reading of a run of characters: its tokens' levels 1 and 2 and its initials. */
interface Reading {
  primary: string;
  secondary: string;
  initials: string;
}

const EMPTY: Reading = { primary: '', secondary: '', initials: '' };

function join(parts: readonly Reading[]): Reading {
  const nonEmpty = parts.filter((p) => p.primary !== '');
  if (nonEmpty.length === 1) return nonEmpty[0] as Reading;
  return {
    primary: nonEmpty.map((p) => p.primary).join(' '),
    secondary: nonEmpty.map((p) => p.secondary).join(' '),
    initials: nonEmpty.map((p) => p.initials).join(''),
  };
}

/** One character's token from pinyin-pro's numbered reading, or the character itself when unknown. */
function syllable(reading: string, char: string): Reading {
  const m = SYLLABLE.exec(reading === char ? (EXTRA_READINGS.get(char) ?? char) : reading);
  if (!m) return { primary: char, secondary: char, initials: char };
  const letters = m[1] as string;
  const tone = m[2] === '' || m[2] === '0' ? '5' : (m[2] as string);
  const primary = letters.replace(/ü/g, 'u').replace(/ê/g, 'e');
  return { primary, secondary: letters.replace(/ü/g, 'v') + tone, initials: primary.charAt(0) };
}

function numbered(text: string, surname: boolean): string[] {
  return pinyin(text, { type: 'array', toneType: 'num', toneSandhi: false, surname: surname ? 'head' : 'off' });
}

function readHan(run: string, surname: boolean): Reading {
  const chars = Array.from(run);
  let readings = numbered(run, surname);
  if (readings.length !== chars.length) {
    // Not expected for a run of Han characters, but never let the alignment slip.
    readings = chars.map((c) => numbered(c, surname)[0] ?? c);
  }
  return join(chars.map((c, i) => syllable(readings[i] ?? c, c)));
}

// A pinyin-pro call costs several microseconds and rosters repeat surnames and given names a lot,
// so readings are memoised: surnames without bound (there are only so many first characters),
// other runs up to a limit, emptying the cache when it is full. A cache only ever holds what
// readHan would compute.
const RUN_CACHE_LIMIT = 100_000;
const surnameCache = new Map<string, Reading>();
const runCache = new Map<string, Reading>();

for (const [surname, reading] of COMPOUND_SURNAMES) {
  surnameCache.set(surname, join(reading.split(' ').map((r, i) => syllable(r, surname.charAt(i)))));
}
for (const [surname, reading] of SURNAME_READINGS) surnameCache.set(surname, syllable(reading, surname));

function readSurname(surname: string): Reading {
  let reading = surnameCache.get(surname);
  if (reading === undefined) {
    reading = readHan(surname, true);
    surnameCache.set(surname, reading);
  }
  return reading;
}

function readRun(run: string): Reading {
  let reading = runCache.get(run);
  if (reading === undefined) {
    reading = readHan(run, false);
    if (runCache.size >= RUN_CACHE_LIMIT) runCache.clear();
    runCache.set(run, reading);
  }
  return reading;
}

/** A run of Han characters at the start of a name: surname, then given name. */
function readFullName(run: string): Reading {
  if (run.length >= 3 && COMPOUND_SURNAMES.has(run.slice(0, 2))) {
    return join([readSurname(run.slice(0, 2)), readRun(run.slice(2))]);
  }
  const first = String.fromCodePoint(run.codePointAt(0) as number);
  return first.length === run.length ? readSurname(first) : join([readSurname(first), readRun(run.slice(first.length))]);
}

/** `personName`: the leading Han run is a surname (曾 zēng, 区 ōu); a unit's name is read as plain text. */
function readName(name: string, personName = true): Reading {
  if (PLAIN_HAN.test(name)) return personName ? readFullName(name) : readRun(name);
  const text = normalizeName(name.normalize('NFKC'));
  // Transliterated names (阿依古丽·买买提, 单增·多吉) have no Chinese surname at their head.
  const surnameFirst = personName && !MIDDLE_DOTS.test(text);
  const parts: Reading[] = [];
  for (const m of text.matchAll(TOKENS)) {
    const han = m[1];
    if (han !== undefined) {
      parts.push(surnameFirst && m.index === 0 ? readFullName(han) : readRun(han));
      continue;
    }
    const word = m[2] as string;
    const folded = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (folded !== '') parts.push({ primary: folded, secondary: word.toLowerCase(), initials: String.fromCodePoint(folded.codePointAt(0) as number) });
  }
  return parts.length === 0 ? EMPTY : join(parts);
}

/**
 * A key that orders personal names by pinyin, surname first, comparing as plain strings
 * (`a < b`, SQLite's default collation). Distinct names never share a key.
 */
export function nameSortKey(name: string): string {
  const { primary, secondary } = readName(name);
  return `${primary}${SEPARATOR}${secondary}${SEPARATOR}${name}`;
}

/** nameSortKey remembering the names it has read, for bulk loads: a county's roster repeats its
 *  common names (the 100,000-row test sheet has 24,475 distinct ones), and a reading costs ~3 µs. */
export function cachedNameSortKey(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) keys.set(name, (key = nameSortKey(name)));
    return key;
  };
}

/** Like nameSortKey, for the names of units (团体会员): no surname readings at the head (区 qū, not ōu). */
export function textSortKey(text: string): string {
  const { primary, secondary } = readName(text, false);
  return `${primary}${SEPARATOR}${secondary}${SEPARATOR}${text}`;
}

/** Lowercase first letters of the syllables and words of a name, e.g. 曾小明 → 'zxm', 尉迟恭 → 'ycg'. */
export function namePinyinInitials(name: string): string {
  return readName(name).initials;
}

/** Compares two names by their sort keys, for Array.prototype.sort. */
export function compareNames(a: string, b: string): number {
  const ka = nameSortKey(a);
  const kb = nameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
