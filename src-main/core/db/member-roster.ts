import type BetterSqlite3 from 'better-sqlite3';

// The roster is the hot path (a million rows): raw prepared statements, keyset pages, never
// OFFSET. Each kind of request has its own statement shaped for the index made for it in
// migration 0030, so SQLite never sorts or scans the county:
// - the county:        member_sorted / member_joined_sorted, walked in order (either direction);
// - a subtree:         member_roster / member_joined_roster, one ordered range per organisation
//                      and status, merged under LIMIT (SQLite stops each range once it cannot
//                      reach the page);
// - a name fragment:   person_name_gram, walked in pinyin order for one 1- or 2-character piece;
// - trailing digits:   person.id_tail / phone_tail prefix ranges (few rows), then sorted.
// Statements are cached per connection and per order.

export type RosterOrder = 'name' | 'joinedOn';

export interface RosterSort {
  by: RosterOrder;
  descending: boolean;
}

export interface RosterFilter {
  orgIds: number[] | null;
  status: 'active' | 'lapsed' | null;
  kind: 'adult' | 'youth' | null;
  /** Joined in this year. */
  joinedYear: number | null;
  nameFragment: string | null;
  digitsTail: string | null;
}

/** The last row of a page in the page's order: (pinyin key, person id) or (join date, member id). */
export interface RosterCursor {
  key: string;
  id: number;
}

export interface RosterRow {
  id: number;
  name: string;
  kind: 'adult' | 'youth';
  gender: 'M' | 'F' | null;
  id_number: string | null;
  phone: string | null;
  organization_id: number;
  org_name: string;
  status: 'active' | 'lapsed';
  joined_on: string;
  cursor_key: string;
  cursor_id: number;
}

/** Tails are indexed reversed up to this many characters; longer tails are checked in full after. */
const indexedTail = 12;

/** (sort column, unique tie-breaker) per order; both pairs are unique and indexed. */
const orderColumns: Record<RosterOrder, [string, string]> = {
  name: ['m.name_sort_key', 'm.person_id'],
  joinedOn: ['m.joined_on', 'm.id'],
};

const joined = `(:joinedFrom IS NULL OR m.joined_on BETWEEN :joinedFrom AND :joinedTo)`;
const filters = `(:status IS NULL OR m.status = :status) AND (:kind IS NULL OR m.kind = :kind) AND ${joined}`;
const inOrgs = `m.organization_id IN (SELECT value FROM json_each(:orgs))`;

function pageSql(shape: Shape, sort: RosterSort): string {
  const [key, tie] = orderColumns[sort.by];
  const dir = sort.descending ? 'DESC' : 'ASC';
  const after = `(${key}, ${tie}) ${sort.descending ? '<' : '>'} (:key, :id)`;
  const order = `ORDER BY ${key} ${dir}, ${tie} ${dir}`;
  const columns = `m.id, p.name, m.kind, p.gender, p.id_number, p.phone, m.organization_id, o.name AS org_name,
    m.status, m.joined_on, ${key} AS cursor_key, ${tie} AS cursor_id`;
  const outer = (inner: string) => `
    SELECT ${columns}
    FROM (${inner}) AS page
    CROSS JOIN member m ON m.id = page.id
    CROSS JOIN person p ON p.id = m.person_id
    CROSS JOIN organization o ON o.id = m.organization_id
    ${order}`;
  switch (shape) {
    case 'county':
      return outer(`SELECT m.id FROM member m INDEXED BY ${sort.by === 'name' ? 'member_sorted' : 'member_joined_sorted'}
        WHERE ${after} AND ${filters} ${order} LIMIT :limit`);
    case 'subtree':
      return outer(`SELECT m.id FROM member m INDEXED BY ${sort.by === 'name' ? 'member_roster' : 'member_joined_roster'}
        WHERE ${inOrgs} AND m.status IN (SELECT value FROM json_each(:statuses))
          AND ${after} AND (:kind IS NULL OR m.kind = :kind) AND ${joined} ${order} LIMIT :limit`);
    case 'name':
      // The gram table walks persons in pinyin order; a longer fragment walks its first
      // 2-character piece and keeps the names that contain the whole of it.
      return outer(`SELECT m.id FROM person_name_gram g
        CROSS JOIN member m INDEXED BY member_person_filters ON m.person_id = g.person_id
        WHERE g.gram = :gram AND (g.name_sort_key, g.person_id) ${sort.descending ? '<' : '>'} (:key, :id)
          AND (:orgs IS NULL OR ${inOrgs}) AND ${filters}
          AND (:whole IS NULL OR instr((SELECT name FROM person WHERE id = g.person_id), :whole) > 0)
        ORDER BY g.name_sort_key ${dir}, g.person_id ${dir} LIMIT :limit`);
    case 'tail':
      return outer(`SELECT m.id
        FROM (SELECT id FROM person WHERE id_number IS NOT NULL AND id_tail >= :rev AND id_tail < :rev || '~'
              UNION
              SELECT id FROM person WHERE phone IS NOT NULL AND phone_tail >= :rev AND phone_tail < :rev || '~') AS hit
        CROSS JOIN member m ON m.person_id = hit.id
        CROSS JOIN person p ON p.id = hit.id
        WHERE ${after}
          AND (substr(p.id_number, -length(:tail)) = :tail OR substr(p.phone, -length(:tail)) = :tail)
          AND (:orgs IS NULL OR ${inOrgs}) AND ${filters}
        ${order} LIMIT :limit`);
  }
}

type Shape = 'county' | 'subtree' | 'name' | 'tail';
const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function statement(sqlite: BetterSqlite3.Database, shape: Shape, sort: RosterSort): BetterSqlite3.Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  const id = `${shape}:${sort.by}:${sort.descending}`;
  let stmt = statements.get(id);
  if (!stmt) statements.set(id, (stmt = sqlite.prepare(pageSql(shape, sort))));
  return stmt;
}

function reversed(text: string): string {
  return [...text].reverse().join('');
}

/** Where a first page starts: before every key ascending; descending, after every text (a BLOB sorts above all text). */
function start(sort: RosterSort): RosterCursor | { key: Buffer; id: number } {
  return sort.descending ? { key: Buffer.from([0xff]), id: 0 } : { key: '', id: 0 };
}

export function readRosterPage(sqlite: BetterSqlite3.Database, filter: RosterFilter, sort: RosterSort, after: RosterCursor | null, limit: number): RosterRow[] {
  const from = after ?? start(sort);
  const year = filter.joinedYear;
  const common = { kind: filter.kind, joinedFrom: year === null ? null : `${year}-01-01`, joinedTo: year === null ? null : `${year}-12-31`, key: from.key, id: from.id, limit };
  const orgs = filter.orgIds ? JSON.stringify(filter.orgIds) : null;
  if (filter.digitsTail) {
    const tail = filter.digitsTail;
    return statement(sqlite, 'tail', sort).all({ ...common, status: filter.status, orgs, tail, rev: reversed(tail).slice(0, indexedTail) }) as RosterRow[];
  }
  if (filter.nameFragment) {
    if (sort.by !== 'name') throw new Error('a name fragment search is ordered by name only');
    const chars = [...filter.nameFragment];
    const gram = chars.slice(0, 2).join('');
    return statement(sqlite, 'name', sort).all({ ...common, status: filter.status, orgs, gram, whole: chars.length > 2 ? filter.nameFragment : null }) as RosterRow[];
  }
  if (orgs) {
    const statuses = JSON.stringify(filter.status ? [filter.status] : ['active', 'lapsed']);
    return statement(sqlite, 'subtree', sort).all({ ...common, orgs, statuses }) as RosterRow[];
  }
  return statement(sqlite, 'county', sort).all({ ...common, status: filter.status }) as RosterRow[];
}
