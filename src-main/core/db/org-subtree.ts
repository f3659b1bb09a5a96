import type BetterSqlite3 from 'better-sqlite3';

/** The organisation and everything under it: the scope of every "含下级" filter. */
export function subtreeIds(sqlite: BetterSqlite3.Database, rootId: number): number[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE down(id) AS (SELECT id FROM organization WHERE id = ? UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id) SELECT id FROM down`,
    )
    .pluck()
    .all(rootId) as number[];
}
