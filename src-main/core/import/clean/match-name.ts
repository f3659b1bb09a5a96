// Organisation and team names as rows write them ("象山社区", "城关中心校") matched against the
// ledger's ("城关镇象山社区红十字会"): exact after normalising, else ranked suggestions for the
// clerk. One index per candidate list, so a sheet of a few hundred distinct names against 2,000
// organisations stays well under a second.

export interface NameCandidate {
  id: number;
  name: string;
}

export interface NameSuggestion {
  id: number;
  name: string;
  /** Why it is suggested, in Chinese, for the preview. */
  why: string;
  /** Likely the same body under another form of its name (same name, prefix left out or added,
   *  an abbreviation, one name inside the other) rather than merely a character or two apart. */
  close: boolean;
}

export type NameMatch = { exact: number } | { suggestions: NameSuggestion[] };

export interface NameMatchOptions {
  /** Names of the township(s) the sheet belongs to, which rows often leave out ("城关镇"). */
  prefixes?: readonly string[];
}

export const maxSuggestions = 5;

const redCrossSuffix = /(红十字会|红十字分会|红会)$/u;
/** Where an administrative prefix ends ("城关镇", "东城街道", "某某县"). */
const adminEnd = /(镇|乡|街道|办事处|县|市|区)$/u;

/** A village or neighbourhood named by its committee: 东村村委会 is 东村, 象山居委会 is 象山社区. */
const committee: ReadonlyArray<[RegExp, string]> = [
  [/(村民委员会|村委会)$/u, '村'],
  [/(居民委员会|居委会)$/u, '社区'],
];

/** Compared by words: full-width folded, spaces and punctuation gone, 红十字会 at the end optional,
 *  a committee named as its village or community. */
export function nameKey(name: string): string {
  const words = name.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
  let stripped = words.replace(redCrossSuffix, '');
  for (const [suffix, place] of committee) {
    const head = stripped.replace(suffix, '');
    if (head !== stripped && head.length >= 1) stripped = head.endsWith(place) ? head : `${head}${place}`;
  }
  return stripped === '' ? words : stripped;
}

interface Entry {
  id: number;
  name: string;
  key: string;
  order: number;
  /** How many different characters the key has. */
  distinct: number;
}

interface Found {
  entry: Entry;
  rank: number;
  why: string;
  close: boolean;
}

/** Every split of a key after an administrative prefix: "城关镇象山社区" → [["城关镇", "象山社区"]]. */
function adminSplits(key: string, prefixes: readonly string[]): Array<[prefix: string, tail: string]> {
  const splits: Array<[string, string]> = [];
  for (const p of prefixes) if (p !== '' && key.length - p.length >= 2 && key.startsWith(p)) splits.push([p, key.slice(p.length)]);
  for (let i = 2; i <= key.length - 2; i++) {
    const head = key.slice(0, i);
    if (adminEnd.test(head) && !splits.some(([p]) => p === head)) splits.push([head, key.slice(i)]);
  }
  return splits;
}

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const ch of long) if (ch === short[at]) at++;
  return at === short.length;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, or max + 1 as soon as it must exceed max. Only the diagonal band of
 * width 2·max + 1 is computed (Ukkonen), in reused arrays: this runs for most pairs of a sheet.
 */
function boundedDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const big = max + 1;
  if (Math.abs(n - m) > max) return big;
  if (rowA.length < m + 2) {
    rowA = new Int32Array(m + 2);
    rowB = new Int32Array(m + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, big) : big;
    let rowMin = cur[lo - 1] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost, big);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi + 1 <= m + 1) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return Math.min(prev[m] as number, big);
}

export interface NameIndex {
  match(name: string): NameMatch;
}

/** Builds the lookup once for a list of candidates; `match` is then cheap per distinct name. */
export function buildNameIndex(candidates: readonly NameCandidate[], opts: NameMatchOptions = {}): NameIndex {
  const prefixes = (opts.prefixes ?? []).map(nameKey).filter((p) => p !== '');
  const entries: Entry[] = candidates.map((c, order) => {
    const key = nameKey(c.name);
    return { id: c.id, name: c.name, key, order, distinct: new Set(key).size };
  });
  // Character → entries containing it. A candidate sharing too few characters with a name can be
  // none of the near matches below, so most of the 2,000 are never looked at.
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const ch of new Set(e.key)) {
      const list = postings.get(ch);
      if (list) list.push(i);
      else postings.set(ch, [i]);
    }
  });
  const shared = new Int32Array(entries.length);
  const byKey = new Map<string, Entry[]>();
  const byTail = new Map<string, Array<[prefix: string, entry: Entry]>>();
  for (const e of entries) {
    const sameKey = byKey.get(e.key);
    if (sameKey) sameKey.push(e);
    else byKey.set(e.key, [e]);
    for (const [prefix, tail] of adminSplits(e.key, prefixes)) {
      const sameTail = byTail.get(tail);
      if (sameTail) sameTail.push([prefix, e]);
      else byTail.set(tail, [[prefix, e]]);
    }
  }

  const match = (name: string): NameMatch => {
    const key = nameKey(name);
    if (key === '') return { suggestions: [] };
    const same = byKey.get(key) ?? [];
    if (same.length === 1) return { exact: (same[0] as Entry).id };

    const found = new Map<number, Found>();
    const add = (entry: Entry, rank: number, why: string): void => {
      const known = found.get(entry.id);
      // A name a character or two from the ledger's is as likely a neighbouring village (东村,
      // 西村), unless it is the ledger's name with characters left out (南山和睦社区).
      const close = (rank !== 4 && rank !== 7) || (key.length < entry.key.length && key[0] === entry.key[0] && isSubsequence(key, entry.key));
      if (known === undefined || rank < known.rank) found.set(entry.id, { entry, rank, why, close });
    };
    for (const e of same) add(e, 0, `台账中有 ${same.length} 个同名组织，请选择`);
    for (const [prefix, e] of byTail.get(key) ?? []) add(e, 1, `表中名称省略了“${prefix}”`);
    for (const [prefix, tail] of adminSplits(key, prefixes)) for (const e of byKey.get(tail) ?? []) add(e, 2, `表中名称多了“${prefix}”`);

    const maxDistance = key.length <= 4 ? 1 : 2;
    const keyChars = new Set(key);
    const touched: number[] = [];
    for (const ch of keyChars) {
      for (const i of postings.get(ch) ?? []) {
        if (shared[i] === 0) touched.push(i);
        shared[i] = (shared[i] as number) + 1;
      }
    }
    const near: Entry[] = [];
    for (const i of touched) {
      const e = entries[i] as Entry;
      const common = shared[i] as number;
      shared[i] = 0;
      // Contained, in order or within the distance: at most maxDistance of the name's characters
      // are missing from the candidate. Containing the candidate: all of its characters are shared.
      if (common >= keyChars.size - maxDistance || common === e.distinct) near.push(e);
    }
    for (const e of near) {
      if (found.has(e.id) || e.key === key) continue;
      if (key.length >= 2 && e.key.includes(key)) {
        add(e, 3, '表中名称是台账名称的一部分（简称）');
        continue;
      }
      if (Math.abs(e.key.length - key.length) <= maxDistance) {
        const d = boundedDistance(key, e.key, maxDistance);
        if (d <= maxDistance) {
          add(e, d === 1 ? 4 : 7, `名称与台账相差 ${d} 个字`);
          continue;
        }
      }
      // The township a village belongs to is part of the village's name, but not the same body.
      if (e.key.length >= 2 && key.includes(e.key) && !(key.startsWith(e.key) && adminEnd.test(e.key))) add(e, 5, '台账名称是表中名称的一部分');
      else if (key.length >= 2 && key[0] === e.key[0] && key.length < e.key.length && isSubsequence(key, e.key)) add(e, 6, '可能是台账名称的简称');
    }
    const suggestions = [...found.values()]
      .sort((a, b) => a.rank - b.rank || Math.abs(a.entry.key.length - key.length) - Math.abs(b.entry.key.length - key.length) || a.entry.order - b.entry.order)
      .slice(0, maxSuggestions)
      .map(({ entry, why, close }) => ({ id: entry.id, name: entry.name, why, close }));
    return { suggestions };
  };
  return { match };
}

const indexes = new WeakMap<readonly NameCandidate[], Map<string, NameIndex>>();

/**
 * One name against the candidates: `{ exact: id }` when exactly one has the same name (spaces,
 * full-width forms and a trailing 红十字会 aside), else up to five ranked suggestions. The index is
 * built once per candidate array and reused while the caller keeps passing the same array.
 */
export function matchByName(name: string, candidates: readonly NameCandidate[], opts: NameMatchOptions = {}): NameMatch {
  const cacheKey = (opts.prefixes ?? []).join('\u0001');
  let byPrefixes = indexes.get(candidates);
  if (byPrefixes === undefined) {
    byPrefixes = new Map();
    indexes.set(candidates, byPrefixes);
  }
  let index = byPrefixes.get(cacheKey);
  if (index === undefined) {
    index = buildNameIndex(candidates, opts);
    byPrefixes.set(cacheKey, index);
  }
  return index.match(name);
}
