import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../errors';
import { migrateTo } from './migrate';
import type { Database } from './schema';
import { recordCleanClose, vouchedCheckAt } from './verified';

export interface LedgerDb {
  readonly file: string;
  readonly kysely: Kysely<Database>;
  /** The same connection, for bulk paths that use cached prepared statements. */
  readonly sqlite: BetterSqlite3.Database;
  /** Whether this open ran the integrity check, or a clean close had vouched for the file (db/verified.ts). */
  readonly integrityCheck: 'ran' | 'skipped';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
  /** Skip migrations; used by migration tests that step through versions themselves. */
  migrate?: boolean;
}

export function openSqlite(file: string, nativeBinding?: string): BetterSqlite3.Database {
  return openVerified(file, nativeBinding).sqlite;
}

/** lastCheck: when the file was last fully checked (now, when this open checked it). */
function openVerified(file: string, nativeBinding?: string): { sqlite: BetterSqlite3.Database; checked: boolean; lastCheck: Date } {
  const now = new Date();
  const vouched = file === ':memory:' ? null : vouchedCheckAt(file, now);
  const checked = vouched === null;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {});
  } catch (error) {
    throw new AppError('DB_CORRUPT', `无法打开数据文件 ${file}：${(error as Error).message}`);
  }
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Check before anything writes: switching journal_mode rewrites the file header.
    const check = checked ? (sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>) : [];
    const problems = check.flatMap((row) => row.quick_check.split('\n')).filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw new AppError(
        'DB_CORRUPT',
        `数据文件 ${file} 完整性检查未通过，为避免进一步损坏，程序没有写入任何内容。请从备份恢复，或联系技术支持。（${problems.slice(0, 3).join('；')}${problems.length > 3 ? ` 等 ${problems.length} 处` : ''}）`,
      );
    }
    // Power cuts are common: WAL plus synchronous=FULL means a committed action survives one.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    if (error instanceof AppError) throw error;
    const message = (error as Error).message;
    if (/SQLITE_BUSY|database is locked/i.test(message)) {
      throw new AppError('DB_BUSY', `数据文件 ${file} 正被另一个程序使用，请关闭其他窗口后重试。`);
    }
    throw new AppError('DB_CORRUPT', `数据文件 ${file} 无法读取（${message}），程序没有写入任何内容。请从备份恢复。`);
  }
  return { sqlite, checked, lastCheck: vouched ?? now };
}

export async function openLedgerDb(file: string, options: OpenOptions = {}): Promise<LedgerDb> {
  const { sqlite, checked, lastCheck } = openVerified(file, options.nativeBinding);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    if (options.migrate !== false) await migrateTo(kysely);
  } catch (error) {
    await kysely.destroy();
    throw error;
  }
  return {
    file,
    kysely,
    sqlite,
    integrityCheck: checked ? 'ran' : 'skipped',
    close: async () => {
      await kysely.destroy();
      if (file !== ':memory:') await recordCleanClose(file, lastCheck);
    },
  };
}
