import type BetterSqlite3 from 'better-sqlite3';

// How an exported sheet names each organisation: by its name, or, where the ledger has that name
// more than once (two villages called 新村 in two townships), with its parents before it,
// 三墩镇红十字会/新村红十字会, which the import reads back (import/plan/org-path.ts). Unique names,
// the usual case, stay as they are.

interface OrgNode {
  id: number;
  name: string;
  parent_id: number | null;
}

export function sheetOrgNames(orgs: readonly OrgNode[]): Map<number, string> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const count = new Map<string, number>();
  for (const o of orgs) count.set(o.name, (count.get(o.name) ?? 0) + 1);
  const labels = new Map<number, string>();
  const label = (o: OrgNode): string => {
    let text = labels.get(o.id);
    if (text !== undefined) return text;
    const parent = o.parent_id === null ? undefined : byId.get(o.parent_id);
    text = (count.get(o.name) ?? 0) > 1 && parent ? `${label(parent)}/${o.name}` : o.name;
    labels.set(o.id, text);
    return text;
  };
  for (const o of orgs) label(o);
  return labels;
}

/** sheetOrgNames of the whole ledger, as a lookup that falls back to the name read with the row. */
export function readSheetOrgNames(sqlite: BetterSqlite3.Database): (id: number | null, name: string | null) => string | null {
  const labels = sheetOrgNames(sqlite.prepare('SELECT id, name, parent_id FROM organization').all() as OrgNode[]);
  return (id, name) => (id === null ? name : (labels.get(id) ?? name));
}
