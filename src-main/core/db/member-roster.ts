import type BetterSqlite3 from 'better-sqlite3';

// The roster is the hot path (a million rows): raw prepared statements, keyset pages in pinyin
// order on (name_sort_key, person id), never OFFSET. Each kind of request has its own statement
// shaped for the index made for it in migration 0030, so SQLite never sorts or scans the county:
// - the county:        member_sorted, walked in order;
// - a subtree:         member_roster, one ordered range per organisation and status, merged
//                      under LIMIT (SQLite stops each range once it cannot reach the page);
// - a name fragment:   person_name_gram, walked in order for one 1- or 2-character piece;
// - trailing digits:   person.id_tail / phone_tail prefix ranges (few rows), then sorted.
// Statements are cached per connection.

export interface RosterFilter {
  orgIds: number[] | null;
  status: 'active' | 'lapsed' | null;
  kind: 'adult' | 'youth' | null;
  nameFragment: string | null;
  digitsTail: string | null;
}

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
  sort_key: string;
  /** The person id: one person is at most one member, and (sort key, person id) is unique and indexed. */
  cursor_id: number;
}

/** Tails are indexed reversed up to this many characters; longer tails are checked in full after. */
const indexedTail = 12;

const columns = `m.id, p.name, m.kind, p.gender, p.id_number, p.phone, m.organization_id, o.name AS org_name,
  m.status, m.joined_on, m.name_sort_key AS sort_key, m.person_id AS cursor_id`;

const filters = `(:status IS NULL OR m.status = :status) AND (:kind IS NULL OR m.kind = :kind)`;
const inOrgs = `m.organization_id IN (SELECT value FROM json_each(:orgs))`;

const sql = {
  county: `
    SELECT ${columns}
    FROM (SELECT m.id FROM member m INDEXED BY member_sorted
          WHERE (m.name_sort_key, m.person_id) > (:key, :id) AND ${filters}
          ORDER BY m.name_sort_key, m.person_id LIMIT :limit) AS page
    CROSS JOIN member m ON m.id = page.id
    CROSS JOIN person p ON p.id = m.person_id
    CROSS JOIN organization o ON o.id = m.organization_id
    ORDER BY m.name_sort_key, m.person_id`,
  subtree: `
    SELECT ${columns}
    FROM (SELECT m.id FROM member m INDEXED BY member_roster
          WHERE ${inOrgs} AND m.status IN (SELECT value FROM json_each(:statuses))
            AND (m.name_sort_key, m.person_id) > (:key, :id) AND (:kind IS NULL OR m.kind = :kind)
          ORDER BY m.name_sort_key, m.person_id LIMIT :limit) AS page
    CROSS JOIN member m ON m.id = page.id
    CROSS JOIN person p ON p.id = m.person_id
    CROSS JOIN organization o ON o.id = m.organization_id
    ORDER BY m.name_sort_key, m.person_id`,
  // The gram table walks persons in roster order; a longer fragment walks its first 2-character
  // piece and keeps the names that contain the whole of it.
  name: `
    SELECT ${columns}
    FROM (SELECT m.id FROM person_name_gram g
          CROSS JOIN member m INDEXED BY member_person_filters ON m.person_id = g.person_id
          WHERE g.gram = :gram AND (g.name_sort_key, g.person_id) > (:key, :id)
            AND (:orgs IS NULL OR ${inOrgs}) AND ${filters}
            AND (:whole IS NULL OR instr((SELECT name FROM person WHERE id = g.person_id), :whole) > 0)
          ORDER BY g.name_sort_key, g.person_id LIMIT :limit) AS page
    CROSS JOIN member m ON m.id = page.id
    CROSS JOIN person p ON p.id = m.person_id
    CROSS JOIN organization o ON o.id = m.organization_id
    ORDER BY m.name_sort_key, m.person_id`,
  tail: `
    SELECT ${columns}
    FROM (SELECT id FROM person WHERE id_number IS NOT NULL AND id_tail >= :rev AND id_tail < :rev || '~'
          UNION
          SELECT id FROM person WHERE phone IS NOT NULL AND phone_tail >= :rev AND phone_tail < :rev || '~') AS hit
    CROSS JOIN member m ON m.person_id = hit.id
    CROSS JOIN person p ON p.id = hit.id
    CROSS JOIN organization o ON o.id = m.organization_id
    WHERE (m.name_sort_key, m.person_id) > (:key, :id)
      AND (substr(p.id_number, -length(:tail)) = :tail OR substr(p.phone, -length(:tail)) = :tail)
      AND (:orgs IS NULL OR ${inOrgs}) AND ${filters}
    ORDER BY m.name_sort_key, m.person_id LIMIT :limit`,
} as const;

type Shape = keyof typeof sql;
const cache = new WeakMap<BetterSqlite3.Database, Map<Shape, BetterSqlite3.Statement>>();

function statement(sqlite: BetterSqlite3.Database, shape: Shape): BetterSqlite3.Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let stmt = statements.get(shape);
  if (!stmt) statements.set(shape, (stmt = sqlite.prepare(sql[shape])));
  return stmt;
}

function reversed(text: string): string {
  return [...text].reverse().join('');
}

export function readRosterPage(sqlite: BetterSqlite3.Database, filter: RosterFilter, after: RosterCursor | null, limit: number): RosterRow[] {
  const common = {
    status: filter.status,
    kind: filter.kind,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  };
  const orgs = filter.orgIds ? JSON.stringify(filter.orgIds) : null;
  if (filter.digitsTail) {
    const tail = filter.digitsTail;
    return statement(sqlite, 'tail').all({ ...common, orgs, tail, rev: reversed(tail).slice(0, indexedTail) }) as RosterRow[];
  }
  if (filter.nameFragment) {
    const chars = [...filter.nameFragment];
    const gram = chars.slice(0, 2).join('');
    return statement(sqlite, 'name').all({ ...common, orgs, gram, whole: chars.length > 2 ? filter.nameFragment : null }) as RosterRow[];
  }
  if (orgs) {
    const statuses = JSON.stringify(filter.status ? [filter.status] : ['active', 'lapsed']);
    return statement(sqlite, 'subtree').all({ kind: common.kind, key: common.key, id: common.id, limit, orgs, statuses }) as RosterRow[];
  }
  return statement(sqlite, 'county').all(common) as RosterRow[];
}

export function subtreeIds(sqlite: BetterSqlite3.Database, rootId: number): number[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE down(id) AS (SELECT id FROM organization WHERE id = ? UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id) SELECT id FROM down`,
    )
    .pluck()
    .all(rootId) as number[];
}
