import type BetterSqlite3 from 'better-sqlite3';

// The roster is the hot path (a million rows): raw prepared statements, keyset pages in
// pinyin order, never OFFSET. Statements are cached per connection.

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

const cache = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function statement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let stmt = cache.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(`
      SELECT m.id, p.name, m.kind, p.gender, p.id_number, p.phone, m.organization_id, o.name AS org_name,
             m.status, m.joined_on, p.name_sort_key AS sort_key, p.id AS cursor_id
      FROM member m
      JOIN person p ON p.id = m.person_id
      JOIN organization o ON o.id = m.organization_id
      WHERE (:status IS NULL OR m.status = :status)
        AND (:kind IS NULL OR m.kind = :kind)
        AND (:orgs IS NULL OR m.organization_id IN (SELECT value FROM json_each(:orgs)))
        AND (:fragment IS NULL OR instr(p.name, :fragment) > 0)
        AND (:tail IS NULL OR substr(p.id_number, -length(:tail)) = :tail OR substr(p.phone, -length(:tail)) = :tail)
        AND (p.name_sort_key, p.id) > (:key, :id)
      ORDER BY p.name_sort_key, p.id
      LIMIT :limit`);
    cache.set(sqlite, stmt);
  }
  return stmt;
}

export function readRosterPage(sqlite: BetterSqlite3.Database, filter: RosterFilter, after: RosterCursor | null, limit: number): RosterRow[] {
  return statement(sqlite).all({
    status: filter.status,
    kind: filter.kind,
    orgs: filter.orgIds ? JSON.stringify(filter.orgIds) : null,
    fragment: filter.nameFragment,
    tail: filter.digitsTail,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  }) as RosterRow[];
}

export function subtreeIds(sqlite: BetterSqlite3.Database, rootId: number): number[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE down(id) AS (SELECT id FROM organization WHERE id = ? UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id) SELECT id FROM down`,
    )
    .pluck()
    .all(rootId) as number[];
}
