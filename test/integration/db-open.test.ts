import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/core/api/dispatch';
import { AppError } from '../../src-main/core/errors';
import { openLedgerDb } from '../../src-main/core/db/open';
import { verifiedFile } from '../../src-main/core/db/verified';

// A clerk's ledger lives in one SQLite file on an office PC where power cuts happen. Opening it
// must make committed work durable, and a damaged file must be refused without writing to it
// (so a technician can still try to recover it).

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-open-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A real ledger file with enough organisations that the organisation table spans many pages. */
async function makeLedger(name = 'ledger.sqlite'): Promise<string> {
  const file = path.join(dir, name);
  const db = await openLedgerDb(file);
  const setup = await dispatch({ db }, 'county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' });
  expect(setup.ok).toBe(true);
  const street = await dispatch({ db }, 'org.add', { name: '转塘街道红十字会', type: '街道' });
  expect(street.ok).toBe(true);
  const at = '2026-06-15T02:00:00.000Z';
  const insert = db.sqlite.prepare(
    "INSERT INTO organization (name, type_id, parent_id, leader_name, notes, created_at, updated_at) VALUES (?, (SELECT id FROM organization_type WHERE name = '社区'), 1, ?, ?, ?, ?)",
  );
  db.sqlite.transaction(() => {
    for (let i = 1; i <= 1500; i++) insert.run(`第${i}社区红十字会`, '李红', '每月开展应急救护培训和博爱家园活动。'.repeat(3), at, at);
  })();
  await db.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return file;
}

/** Pages of one b-tree, from SQLite's own page map. */
function pagesOf(file: string, table: string, type: 'leaf' | 'internal'): number[] {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return sqlite.prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno').pluck().all(table, type) as number[];
  } finally {
    sqlite.close();
  }
}

function pageSize(file: string): number {
  return fs.readFileSync(file).readUInt16BE(16);
}

function overwrite(file: string, offset: number, length: number, byte: number): void {
  const bytes = fs.readFileSync(file);
  bytes.fill(byte, offset, offset + length);
  fs.writeFileSync(file, bytes);
}

/** What SQLite itself says about the file, checked on a copy so the original stays untouched. */
function quickCheckOfCopy(file: string): string {
  const copy = path.join(dir, `check-${path.basename(file)}`);
  fs.copyFileSync(file, copy);
  const sqlite = new BetterSqlite3(copy);
  try {
    return (sqlite.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check).join('\n');
  } catch (error) {
    return (error as Error).message;
  } finally {
    sqlite.close();
    fs.rmSync(copy, { force: true });
    fs.rmSync(`${copy}-wal`, { force: true });
    fs.rmSync(`${copy}-shm`, { force: true });
  }
}

async function expectRefusedUntouched(file: string): Promise<AppError> {
  const before = fs.readFileSync(file);
  const error = await openLedgerDb(file).then(
    async (db) => {
      await db.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'DB_CORRUPT' });
  const message = (error as AppError).message;
  expect(message).toContain('没有写入任何内容');
  expect(message).toContain(file);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  return error as AppError;
}

describe('openLedgerDb on a file', () => {
  it('turns on WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const file = path.join(dir, 'sub', 'ledger.sqlite');
    const db = await openLedgerDb(file);
    try {
      expect(db.file).toBe(file);
      expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    // WAL is a property of the file: any later connection sees it too.
    const again = new BetterSqlite3(file, { readonly: true });
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('reopens its own file and finds the data', async () => {
    const file = await makeLedger();
    const db = await openLedgerDb(file);
    try {
      const list = await dispatch({ db }, 'org.list', {});
      expect(list.ok && (list.value as unknown[]).length).toBe(1501);
    } finally {
      await db.close();
    }
  });

  it('refuses a file whose table page has garbage in its rows, without writing to it', async () => {
    const file = await makeLedger();
    const leaves = pagesOf(file, 'organization', 'leaf');
    expect(leaves.length).toBeGreaterThan(10);
    const page = leaves[Math.floor(leaves.length / 2)]!;
    const size = pageSize(file);
    overwrite(file, (page - 1) * size + 1000, 1000, 0xab);
    expect(quickCheckOfCopy(file)).not.toBe('ok');
    await expectRefusedUntouched(file);
  });

  it('refuses a file with a damaged b-tree page header, without writing to it', async () => {
    const file = await makeLedger();
    const leaves = pagesOf(file, 'organization', 'leaf');
    const page = leaves[Math.floor(leaves.length / 3)]!;
    overwrite(file, (page - 1) * pageSize(file), 12, 0xff);
    expect(quickCheckOfCopy(file)).not.toBe('ok');
    const error = await expectRefusedUntouched(file);
    expect(error.message).toMatch(/完整性检查未通过|无法读取/);
  });

  it('refuses a file whose table root page is damaged (SQLite reports it malformed), without writing to it', async () => {
    const file = await makeLedger();
    const [root] = pagesOf(file, 'organization', 'internal');
    expect(root).toBeDefined();
    overwrite(file, (root! - 1) * pageSize(file) + 1, 11, 0xee);
    expect(quickCheckOfCopy(file)).toMatch(/malformed|corrupt|btreeInitPage|Tree/i);
    await expectRefusedUntouched(file);
  });

  it('refuses a file that is not a database at all (say, a spreadsheet picked by mistake)', async () => {
    const file = path.join(dir, '台账.sqlite');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(8192, 0x37)]));
    await expectRefusedUntouched(file);
  });

  // journal_mode = WAL rewrites the header, so the check must come before it.
  it('refuses a damaged file in rollback-journal mode without rewriting its header', async () => {
    const file = await makeLedger();
    const leaves = pagesOf(file, 'organization', 'leaf');
    const legacy = new BetterSqlite3(file);
    legacy.pragma('journal_mode = DELETE');
    legacy.close();
    overwrite(file, (leaves[5]! - 1) * pageSize(file), 12, 0xff);
    expect(fs.readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    await expectRefusedUntouched(file);
  });
});

// The check costs 12–20 s on a county-scale ledger, so a clean close vouches for the file until
// something else could have touched it (db/verified.ts).
describe('the integrity check on open', () => {
  async function openedCheck(file: string): Promise<'ran' | 'skipped'> {
    const db = await openLedgerDb(file);
    const check = db.integrityCheck;
    await db.close();
    return check;
  }

  it('is skipped after a clean close, and runs again once the file changed, a log is left over, or a week has passed', async () => {
    const file = await makeLedger();
    expect(fs.existsSync(verifiedFile(file))).toBe(true);
    expect(await openedCheck(file)).toBe('skipped');
    expect(await openedCheck(file)).toBe('skipped');

    // Another program wrote to it.
    const other = new BetterSqlite3(file);
    other.prepare("UPDATE organization SET notes = '外部修改' WHERE id = 2").run();
    other.close();
    expect(await openedCheck(file)).toBe('ran');
    expect(await openedCheck(file)).toBe('skipped');

    // A crash or power cut leaves the write-ahead log behind (here: a connection still open).
    const crashed = new BetterSqlite3(file);
    crashed.prepare("UPDATE organization SET notes = '未提交完' WHERE id = 3").run();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const whileOpen = await openLedgerDb(file);
    expect(whileOpen.integrityCheck).toBe('ran');
    await whileOpen.close();
    crashed.close();

    // The last full check was over a week ago.
    expect(await openedCheck(file)).toBe('ran');
    const record = JSON.parse(fs.readFileSync(verifiedFile(file), 'utf8')) as { lastFullCheckAt: string };
    record.lastFullCheckAt = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    fs.writeFileSync(verifiedFile(file), JSON.stringify(record));
    expect(await openedCheck(file)).toBe('ran');
    expect(Date.now() - Date.parse((JSON.parse(fs.readFileSync(verifiedFile(file), 'utf8')) as { lastFullCheckAt: string }).lastFullCheckAt)).toBeLessThan(60_000);
    expect(await openedCheck(file)).toBe('skipped');
  });

  it('still refuses a file damaged after a clean close, the record notwithstanding', async () => {
    const file = await makeLedger();
    expect(await openedCheck(file)).toBe('skipped');
    const leaves = pagesOf(file, 'organization', 'leaf');
    overwrite(file, (leaves[4]! - 1) * pageSize(file) + 1000, 1000, 0xab);
    await expectRefusedUntouched(file);
  });

  it('does not vouch for a file replaced by a copy of the same size', async () => {
    const file = await makeLedger();
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    overwrite(copy, (pagesOf(copy, 'organization', 'leaf')[4]! - 1) * pageSize(copy) + 1000, 1000, 0xab);
    const stat = fs.statSync(file);
    fs.renameSync(copy, file);
    fs.utimesSync(file, stat.atime, stat.mtime);
    expect(fs.statSync(file).size).toBe(stat.size);
    await expectRefusedUntouched(file);
  });
});
