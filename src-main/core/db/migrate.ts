import { sql, type Kysely } from 'kysely';
import { AppError } from '../errors';
import { migrations, type Migration } from './migrations/index';

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;

export function checkMigrationOrder(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version <= list[i - 1]!.version) {
      throw new Error(`migration ${list[i]!.version} does not follow ${list[i - 1]!.version}`);
    }
  }
}

export async function schemaVersion(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}

/** Applies pending migrations up to `target` in one transaction; a failure leaves the file as it was. */
export async function migrateTo(
  db: Kysely<any>,
  target: number = latestSchemaVersion,
  list: readonly Migration[] = migrations,
): Promise<number> {
  checkMigrationOrder(list);
  const current = await schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new AppError(
      'DB_TOO_NEW',
      `数据文件的版本（${current}）比本程序支持的版本（${newest}）更新，请安装最新版本的红会基层台账后再打开。为保护数据，本程序不会修改它。`,
    );
  }
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return current;
  await db.transaction().execute(async (trx) => {
    for (const migration of pending) await migration.up(trx);
    // PRAGMA does not take bound parameters; the value is an integer from our own list.
    await sql.raw(`PRAGMA user_version = ${pending.at(-1)!.version}`).execute(trx);
  });
  return pending.at(-1)!.version;
}
