import type BetterSqlite3 from 'better-sqlite3';

// Helpers the writers share.

/**
 * import_row names one record by entity and id. Rows of link tables (a volunteer's field of
 * service, team membership, hours in an activity that was already in the ledger) have a
 * two-column key: the entity carries the other column, e.g. `service_hours:service_record_id=7`,
 * and entity_id is the volunteer; undo (history.ts) reads it back with `parseCompositeEntity`.
 */
export function compositeEntity(table: 'team_membership' | 'volunteer_service_field' | 'service_hours', column: string, value: number): string {
  return `${table}:${column}=${value}`;
}

/** `UPDATE table SET a = ?, b = ?, updated_at = ? WHERE id = ?`, prepared once per column set. */
export function updateStatement(sqlite: BetterSqlite3.Database): (table: string, columns: string[]) => BetterSqlite3.Statement {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return (table, columns) => {
    const key = `${table}:${columns.join(',')}`;
    let statement = cache.get(key);
    if (!statement) {
      statement = sqlite.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`);
      cache.set(key, statement);
    }
    return statement;
  };
}
