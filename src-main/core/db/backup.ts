import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

const keepPerReason = 20;

function stamp(now: Date): string {
  // China time in the name: that is the clock the clerk reads.
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * A consistent copy of the open database in backups/ next to it (SQLite's online backup, so
 * readers are not blocked), named for why it was taken. The oldest copies beyond the last 20
 * of the same reason are removed. Returns null for an in-memory database.
 */
export async function backupLedger(sqlite: BetterSqlite3.Database, dbFile: string, reason: string, now: Date): Promise<string | null> {
  if (dbFile === ':memory:') return null;
  const dir = path.join(path.dirname(path.resolve(dbFile)), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(dbFile).replace(/\.[^.]+$/, '');
  const file = path.join(dir, `${base}-${reason}-${stamp(now)}.sqlite`);
  await sqlite.backup(file);
  const same = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}-${reason}-`) && name.endsWith('.sqlite'))
    .sort();
  for (const old of same.slice(0, Math.max(0, same.length - keepPerReason))) fs.rmSync(path.join(dir, old), { force: true });
  return file;
}
