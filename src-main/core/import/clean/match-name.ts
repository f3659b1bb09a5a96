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

/** Compared by words: full-width folded, spaces and punctuation gone, 红十字会 at the end optional. */
export function nameKey(name: string): string {
  const words = name.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
  const stripped = words.replace(redCrossSuffix, '');
  return stripped === '' ? words : stripped;
}

interface Entry {
  id: number;
  name: string;
  key: string;
  order: number;
}

interface Found {
  entry: Entry;
  rank: number;
  why: string;
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

/** Levenshtein distance, or max + 1 as soon as it must exceed max. */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

export interface NameIndex {
  match(name: string): NameMatch;
}

/** Builds the lookup once for a list of candidates; `match` is then cheap per distinct name. */
export function buildNameIndex(candidates: readonly NameCandidate[], opts: NameMatchOptions = {}): NameIndex {
  const prefixes = (opts.prefixes ?? []).map(nameKey).filter((p) => p !== '');
  const entries: Entry[] = candidates.map((c, order) => ({ id: c.id, name: c.name, key: nameKey(c.name), order }));
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
      if (known === undefined || rank < known.rank) found.set(entry.id, { entry, rank, why });
    };
    for (const e of same) add(e, 0, `台账中有 ${same.length} 个同名组织，请选择`);
    for (const [prefix, e] of byTail.get(key) ?? []) add(e, 1, `表中名称省略了“${prefix}”`);
    for (const [prefix, tail] of adminSplits(key, prefixes)) for (const e of byKey.get(tail) ?? []) add(e, 2, `表中名称多了“${prefix}”`);

    const maxDistance = key.length <= 4 ? 1 : 2;
    for (const e of entries) {
      if (found.has(e.id) || e.key === key) continue;
      if (key.length >= 2 && e.key.includes(key)) add(e, 3, '表中名称是台账名称的一部分（简称）');
      else if (e.key.length >= 2 && key.includes(e.key)) add(e, 3, '台账名称是表中名称的一部分');
      else if (key.length >= 2 && key[0] === e.key[0] && key.length < e.key.length && isSubsequence(key, e.key)) add(e, 4, '可能是台账名称的简称');
      else {
        const d = boundedDistance(key, e.key, maxDistance);
        if (d <= maxDistance) add(e, 4 + d, `名称与台账相差 ${d} 个字`);
      }
    }
    const suggestions = [...found.values()]
      .sort((a, b) => a.rank - b.rank || Math.abs(a.entry.key.length - key.length) - Math.abs(b.entry.key.length - key.length) || a.entry.order - b.entry.order)
      .slice(0, maxSuggestions)
      .map(({ entry, why }) => ({ id: entry.id, name: entry.name, why }));
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
