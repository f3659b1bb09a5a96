// Fields of service written as free lists ("急救、献血", "应急救护,无偿献血 养老") → the ledger's
// own service_field names (seeded in db/migrations/0020-reference-data.ts, extendable per county).

/** What townships write → the seeded name it means. Used only when that name is in `known`. */
const synonyms: Record<string, readonly string[]> = {
  应急救护: ['急救', '救护', '应急救护培训', '救护培训', '急救培训', '红十字救护', '卫生救护', '现场救护', '初级救护', '救护员', '心肺复苏', 'cpr', 'aed', '急救知识普及', '急救技能'],
  应急救援: ['救援', '救灾', '防灾', '减灾', '防灾减灾', '抢险', '抢险救灾', '搜救', '赈灾', '灾害救援', '抗洪', '抗震', '水上救援', '应急救灾', '备灾'],
  人道救助: ['救助', '救济', '扶贫', '帮扶', '济困', '助困', '帮困', '慰问', '助学', '人道救援', '困难救助', '博爱送万家'],
  无偿献血: ['献血', '义务献血', '献血宣传', '无偿献血宣传', '献血招募', '献血服务', '采血'],
  造血干细胞捐献: ['造血干细胞', '干细胞', '干细胞捐献', '骨髓', '骨髓捐献', '捐髓', '中华骨髓库'],
  '人体器官（遗体、组织）捐献': ['遗体', '器官', '人体器官', '遗体捐献', '器官捐献', '人体器官捐献', '遗体和器官捐献', '遗体器官捐献', '遗体和人体器官捐献', '角膜', '角膜捐献', '组织捐献'],
  社区服务: ['社区', '社区志愿服务', '便民服务', '邻里互助', '社区志愿'],
  养老服务: ['养老', '敬老', '助老', '为老服务', '关爱老人', '孤寡老人', '老年人服务', '居家养老'],
  红十字文化传播: ['宣传', '文化传播', '红十字文化', '红十字宣传', '红十字知识宣传', '红十字运动知识', '宣讲', '文化宣传'],
};

/** Words that name several fields at once: 三献 is the Red Cross's three donations. */
const groups: Record<string, readonly string[]> = {
  三献: ['无偿献血', '造血干细胞捐献', '人体器官（遗体、组织）捐献'],
  红十字三献: ['无偿献血', '造血干细胞捐献', '人体器官（遗体、组织）捐献'],
};

/** Compared by words only: full-width folded, brackets, punctuation and spaces gone. */
function key(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

const openers = new Set(['(', '（', '[', '【', '《', '<']);
const closers = new Set([')', '）', ']', '】', '》', '>']);
const separator = /[、,，;；/／|+＋\s]/u;

/** Splits on separators outside brackets, so "人体器官（遗体、组织）捐献" stays one item. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (openers.has(ch)) depth++;
    else if (closers.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separator.test(ch)) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((t) => t.trim().replace(/等$/u, '')).filter((t) => key(t) !== '');
}

export interface ServiceFieldsParse {
  /** Known names, in the order written, each once. */
  fields: string[];
  /** Items that match no known field, as written, for a warning. */
  unknown: string[];
}

interface Vocabulary {
  exact: Map<string, string>;
  /** [key, name], longest first, for items with extra words ("应急救护知识普及"). */
  inside: Array<[string, string]>;
}

// The engine passes the same list for every row of a sheet.
const vocabularies = new WeakMap<readonly string[], Vocabulary>();

function vocabulary(known: readonly string[]): Vocabulary {
  const cached = vocabularies.get(known);
  if (cached) return cached;
  const exact = new Map<string, string>();
  for (const name of known) exact.set(key(name), name);
  const knownByKey = new Map(exact);
  for (const [target, words] of Object.entries(synonyms)) {
    const name = knownByKey.get(key(target));
    if (name === undefined) continue;
    for (const w of words) if (!exact.has(key(w))) exact.set(key(w), name);
  }
  const inside = [...exact.entries()].filter(([k]) => k.length >= 2).sort((a, b) => b[0].length - a[0].length);
  const vocab = { exact, inside };
  vocabularies.set(known, vocab);
  return vocab;
}

function resolve(item: string, vocab: Vocabulary): string[] {
  const k = key(item);
  const group = groups[k];
  if (group) {
    const names = group.map((g) => vocab.exact.get(key(g))).filter((n): n is string => n !== undefined);
    if (names.length > 0) return names;
  }
  const direct = vocab.exact.get(k);
  if (direct !== undefined) return [direct];
  // "急救和献血", "遗体及器官捐献": several items joined by a word.
  const parts = item.split(/[和及与]/u).filter((p) => key(p) !== '');
  if (parts.length > 1) {
    const each = parts.map((p) => resolve(p, vocab));
    if (each.every((names) => names.length > 0)) return each.flat();
  }
  // One item with extra words names one field: the longest word it contains, the earliest on a tie.
  let best: { at: number; length: number; name: string } | null = null;
  for (const [word, name] of vocab.inside) {
    if (best !== null && word.length < best.length) break;
    const at = k.indexOf(word);
    if (at >= 0 && (best === null || at < best.at)) best = { at, length: word.length, name };
  }
  return best === null ? [] : [best.name];
}

/**
 * A free list of fields of service → the ledger's names (`known`, e.g. the service_field rows),
 * with the items it does not know kept apart so the preview can warn about them.
 */
export function parseServiceFields(text: string, known: readonly string[]): ServiceFieldsParse {
  const vocab = vocabulary(known);
  const fields: string[] = [];
  const unknown: string[] = [];
  for (const item of tokens(text.normalize('NFKC').replace(/\s*[\r\n]+\s*/gu, '、'))) {
    const names = resolve(item, vocab);
    if (names.length === 0) {
      if (!unknown.includes(item)) unknown.push(item);
      continue;
    }
    for (const name of names) if (!fields.includes(name)) fields.push(name);
  }
  return { fields, unknown };
}
