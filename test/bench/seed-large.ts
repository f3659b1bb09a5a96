import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { openLedgerDb, openSqlite } from '../../src-main/core/db/open';
import { seedLedger } from '../../src-main/core/seed/seed-ledger';
import { round } from './measure';

const RAW_ROWS = 1_000_000;

/** Rows in all user tables, so the seed's own rows can be told apart from the migrations' reference data. */
function totalRows(sqlite: BetterSqlite3.Database): number {
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.reduce((sum, table) => sum + (sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number), 0);
}

/**
 * The floor for any bulk path on this machine: one cached prepared statement inserting small rows
 * in a single transaction, on a file opened with the ledger's own pragmas (WAL, synchronous=FULL).
 */
function rawInsertRowsPerSecond(file: string): number {
  const sqlite = openSqlite(file);
  try {
    sqlite.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, label TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO scratch (id, n, label) VALUES (?, ?, ?)');
    const started = performance.now();
    sqlite.transaction(() => {
      for (let i = 1; i <= RAW_ROWS; i++) insert.run(i, i * 7, 'row');
    })();
    return RAW_ROWS / ((performance.now() - started) / 1000);
  } finally {
    sqlite.close();
  }
}

/**
 * Seeds the large synthetic county (2,000 organisations, 1,000,000 persons) into a fresh file and
 * compares its insert rate with the raw baseline measured in the same run. `onSeeded` runs
 * further benches on the seeded file before it is deleted.
 */
export async function benchSeedLarge(
  onSeeded?: (file: string) => Promise<Record<string, number>>,
): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-seed-bench-'));
  try {
    const rawRate = rawInsertRowsPerSecond(path.join(dir, 'raw.sqlite'));
    const file = path.join(dir, 'large.sqlite');
    const db = await openLedgerDb(file);
    let seconds: number;
    let rows: number;
    try {
      const before = totalRows(db.sqlite);
      seconds = seedLedger(db.sqlite, { scale: 'large', seed: 1, today: '2025-06-30', countyCode: '330106' }).seconds;
      rows = totalRows(db.sqlite) - before;
    } finally {
      await db.close(); // checkpoints the WAL into the main file, so its size is the whole database
    }
    const seedRate = rows / seconds;
    const dbSizeMB = round(fs.statSync(file).size / 1024 / 1024, 1);
    return {
      seedLargeSeconds: round(seconds, 2),
      seedRows: rows,
      rawInsertRowsPerSecond: Math.round(rawRate),
      seedRowsPerSecond: Math.round(seedRate),
      ratioToRaw: round(seedRate / rawRate, 3),
      dbSizeMB,
      ...(onSeeded ? await onSeeded(file) : {}),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
