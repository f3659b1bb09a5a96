import type BetterSqlite3 from 'better-sqlite3';

// Members of an organisation subtree with their dues for one year, for choosing whom to record in
// bulk: keyset pages in pinyin order like the member roster, never OFFSET.

export interface DuesRosterRow {
  id: number;
  name: string;
  kind: 'adult' | 'youth';
  id_number: string | null;
  organization_id: number;
  org_name: string;
  joined_on: string;
  status: 'paid' | 'unpaid' | 'exempt' | null;
  amount_fen: number | null;
  paid_on: string | null;
  sort_key: string;
  cursor_id: number;
}

export interface DuesRosterCursor {
  key: string;
  id: number;
}

const cache = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function statement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let stmt = cache.get(sqlite);
  if (!stmt) {
    // Members during the year: joined by its end and not lapsed before its start.
    stmt = sqlite.prepare(`
      SELECT m.id, p.name, m.kind, p.id_number, m.organization_id, o.name AS org_name, m.joined_on,
             d.status, d.amount_fen, d.paid_on, p.name_sort_key AS sort_key, p.id AS cursor_id
      FROM member m
      JOIN person p ON p.id = m.person_id
      JOIN organization o ON o.id = m.organization_id
      LEFT JOIN member_dues d ON d.member_id = m.id AND d.year = :year
      WHERE m.organization_id IN (SELECT value FROM json_each(:orgs))
        AND m.joined_on <= :yearEnd
        AND (m.status = 'active' OR m.lapsed_on >= :yearStart)
        AND (:status IS NULL OR (:status = 'none' AND d.status IS NULL) OR d.status = :status)
        AND (p.name_sort_key, p.id) > (:key, :id)
      ORDER BY p.name_sort_key, p.id
      LIMIT :limit`);
    cache.set(sqlite, stmt);
  }
  return stmt;
}

export function readDuesRosterPage(
  sqlite: BetterSqlite3.Database,
  filter: { orgIds: number[]; year: number; status: 'paid' | 'unpaid' | 'exempt' | 'none' | null },
  after: DuesRosterCursor | null,
  limit: number,
): DuesRosterRow[] {
  return statement(sqlite).all({
    orgs: JSON.stringify(filter.orgIds),
    year: filter.year,
    yearStart: `${filter.year}-01-01`,
    yearEnd: `${filter.year}-12-31`,
    status: filter.status,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  }) as DuesRosterRow[];
}
