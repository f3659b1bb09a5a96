import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import ts from 'typescript';

const schemaFile = path.resolve(import.meta.dirname, '../../src-main/core/db/schema.ts');

/**
 * Table → column names of the Kysely `Database` interface in schema.ts, read with the TypeScript
 * checker, so the test follows the interface rather than a copy of it.
 */
export function databaseInterfaceColumns(): Map<string, string[]> {
  const program = ts.createProgram([schemaFile], { strict: true, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaFile);
  if (!source) throw new Error(`cannot read ${schemaFile}`);
  const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!declaration) throw new Error('schema.ts has no `interface Database`');
  const database = checker.getTypeAtLocation(declaration);
  const tables = new Map<string, string[]>();
  for (const table of database.getProperties()) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, declaration);
    tables.set(
      table.name,
      tableType.getProperties().map((c) => c.name),
    );
  }
  return tables;
}

export function userTables(sqlite: BetterSqlite3.Database): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>
  ).map((r) => r.name);
}

/** Every column, generated (virtual) ones included. */
export function columnsOf(sqlite: BetterSqlite3.Database, table: string): string[] {
  return (sqlite.prepare('SELECT name FROM pragma_table_xinfo(?) ORDER BY cid').all(table) as Array<{ name: string }>).map((r) => r.name);
}

/** The whole schema text, for "nothing changed" comparisons. */
export function schemaSql(sqlite: BetterSqlite3.Database): Array<{ type: string; name: string; sql: string | null }> {
  return sqlite.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as Array<{ type: string; name: string; sql: string | null }>;
}

/** Every column of one row as "storage class:hex bytes", so a changed type or encoding shows. */
export function rowBytes(sqlite: BetterSqlite3.Database, table: string, id: number): Record<string, string> {
  const columns = columnsOf(sqlite, table);
  const select = columns.map((c) => `typeof("${c}") || ':' || hex("${c}") AS "${c}"`).join(', ');
  const row = sqlite.prepare(`SELECT ${select} FROM "${table}" WHERE id = ?`).get(id) as Record<string, string> | undefined;
  if (!row) throw new Error(`${table} ${id} not found`);
  return row;
}

/** Every row of every table, for "nothing changed" comparisons. */
export function allData(sqlite: BetterSqlite3.Database): Record<string, unknown[]> {
  const data: Record<string, unknown[]> = {};
  for (const table of userTables(sqlite)) data[table] = sqlite.prepare(`SELECT * FROM "${table}"`).all();
  return data;
}
