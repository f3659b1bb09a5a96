import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestLedger } from '../helpers/backend';
import { createImportBaseLedger, type ImportBaseLedger } from '../fixtures/import/base-ledger';
import { importCases, refusalCases, type ImportCase, type ImportOptions, type Issue, type StoredCheck } from '../fixtures/import/expected';

// The messy real-world fixtures run through `ledger import` exactly as a clerk's script would,
// against the base ledger, with the row-exact outcomes of expected.ts. Each case runs --dry-run
// (which must write nothing), then, where it names stored rows, the same import for real.

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/import');

interface Reported {
  row: number;
  field: string;
  reason: string;
}
interface Summary {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Reported[];
  warnings: Reported[];
}

function ledger(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let baseDb: string;
let base: ImportBaseLedger;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-import-fixtures-'));
  baseDb = path.join(dir, 'base.sqlite');
  base = await createImportBaseLedger(baseDb);
}, 60_000);

let copies = 0;
function freshLedger(): string {
  const file = path.join(dir, `ledger-${++copies}.sqlite`);
  fs.copyFileSync(baseDb, file);
  if (fs.existsSync(`${baseDb}-wal`)) fs.copyFileSync(`${baseDb}-wal`, `${file}-wal`);
  return file;
}

function importArgs(db: string, file: string, kind: string, options: ImportOptions = {}, dryRun: boolean): string[] {
  const args = ['import', '--db', db, '--kind', kind, path.join(fixtures, file)];
  if (options.sheet !== undefined) args.push('--sheet', options.sheet);
  if (options.encoding !== undefined) args.push('--encoding', options.encoding);
  if (options.org !== undefined) args.push('--org', String(base.orgs[options.org]));
  if (options.createOrgsUnder !== undefined) args.push('--create-orgs-under', String(base.orgs[options.createOrgsUnder]));
  if (options.onDuplicate !== undefined) args.push('--on-duplicate', options.onDuplicate);
  if (options.createTeams) args.push('--create-teams');
  if (dryRun) args.push('--dry-run');
  args.push('--json');
  return args;
}

async function tableCounts(file: string): Promise<Record<string, number>> {
  const l = await createTestLedger({ file, setup: false });
  try {
    return (await l.call('system.check', {})).counts;
  } finally {
    await l.db.close();
  }
}

const fieldsOf = (issue: Issue): readonly string[] => (typeof issue.field === 'string' ? [issue.field] : issue.field);
const rowsOf = (list: ReadonlyArray<{ row: number }>) => [...new Set(list.map((i) => i.row))].sort((a, b) => a - b);

/**
 * Row-exact comparison: the same rows; every reported entry on a field the case accepts for that
 * row; every expected entry matched by a reported one whose reason has the keyword.
 */
function expectIssues(kind: 'rejected' | 'warnings', actual: Reported[], expected: readonly Issue[]): void {
  expect(rowsOf(actual), `${kind}: rows`).toEqual(rowsOf(expected));
  for (const a of actual) {
    expect(typeof a.reason === 'string' && a.reason.length > 0, `${kind}: row ${a.row} has a reason`).toBe(true);
    const accepted = expected.filter((e) => e.row === a.row).flatMap(fieldsOf);
    expect(accepted, `${kind}: row ${a.row} reported on 「${a.field}」（${a.reason}）`).toContain(a.field);
  }
  for (const e of expected) {
    const hit = actual.some((a) => a.row === e.row && fieldsOf(e).includes(a.field) && e.reason.test(a.reason));
    const seen = actual.filter((a) => a.row === e.row).map((a) => `「${a.field}」${a.reason}`);
    expect(hit, `${kind}: row ${e.row} 「${fieldsOf(e).join('/')}」 should match ${e.reason}; got ${seen.join('；') || 'nothing'}`).toBe(true);
  }
}

function parseSummary(stdout: string): Summary {
  const value = JSON.parse(stdout) as Summary;
  expect(Object.keys(value)).toEqual(expect.arrayContaining(['inserted', 'rejected', 'unchanged', 'updated', 'warnings']));
  return value;
}

/** Valid-looking 18-character ID numbers must never be printed in full. */
function expectNoFullIds(text: string): void {
  expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
}

const keyOf: Record<StoredCheck['method'], string> = {
  'member.list': 'name',
  'volunteer.list': 'name',
  'team.list': 'name',
  'org.list': 'name',
  'group.list': 'unitName',
  'service.list': 'title',
};

async function listRows(file: string, method: StoredCheck['method']): Promise<Array<Record<string, unknown>>> {
  const l = await createTestLedger({ file, setup: false });
  try {
    switch (method) {
      case 'member.list':
        return (await l.call('member.list', { limit: 500 })).rows;
      case 'volunteer.list':
        return (await l.call('volunteer.list', { limit: 500 })).rows;
      case 'team.list':
        return await l.call('team.list', {});
      case 'org.list':
        return await l.call('org.list', {});
      case 'group.list':
        return (await l.call('group.list', { limit: 500 })).rows;
      case 'service.list':
        return (await l.call('service.list', { limit: 500 })).rows;
    }
  } finally {
    await l.db.close();
  }
}

async function runImportCase(c: ImportCase): Promise<void> {
  const db = freshLedger();
  const before = await tableCounts(db);
  const dry = ledger(importArgs(db, c.file, c.kind, c.options, true));
  expect(dry.status, dry.stderr).toBe(0);
  const summary = parseSummary(dry.stdout);
  expect({ inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged }).toEqual({
    inserted: c.expect.inserted,
    updated: c.expect.updated,
    unchanged: c.expect.unchanged,
  });
  expect(summary.inserted + summary.updated + summary.unchanged + rowsOf(summary.rejected).length, 'every data row accounted for').toBe(c.dataRows);
  expectIssues('rejected', summary.rejected, c.expect.rejected);
  expectIssues('warnings', summary.warnings, c.expect.warnings);
  expectNoFullIds(dry.stdout + dry.stderr);
  expect(await tableCounts(db), '--dry-run must write nothing').toEqual(before);

  if (!c.stored) return;
  const key = keyOf[c.stored.method];
  const known = new Set((await listRows(db, c.stored.method)).map((r) => r[key]));
  const real = ledger(importArgs(db, c.file, c.kind, c.options, false));
  expect(real.status, real.stderr).toBe(0);
  const done = parseSummary(real.stdout);
  expect({ ...done, importId: null, rejected: rowsOf(done.rejected), warnings: rowsOf(done.warnings) }, 'the real import does what the dry run said').toEqual({
    ...summary,
    importId: null,
    rejected: rowsOf(summary.rejected),
    warnings: rowsOf(summary.warnings),
  });
  const added = (await listRows(db, c.stored.method)).filter((r) => !known.has(r[key]));
  expect(added.map((r) => r[key]).sort(), 'rows added, names byte-exact').toEqual(c.stored.rows.map((r) => (r as Record<string, unknown>)[key]).sort());
  for (const want of c.stored.rows) {
    const got = added.find((r) => r[key] === (want as Record<string, unknown>)[key]);
    expect(got).toMatchObject(want);
  }
}

describe('ledger import: messy real-world fixtures, row-exact', { timeout: 240_000 }, () => {
  for (const c of importCases) {
    it(`${c.file}${c.options ? ` ${JSON.stringify(c.options)}` : ''}: ${c.title}`, () => runImportCase(c));
  }
});

describe('ledger import: files refused with a clear Chinese message, never a crash or a hang', { timeout: 240_000 }, () => {
  for (const c of refusalCases) {
    it(`${c.file}: ${c.title}`, async () => {
      const db = freshLedger();
      const before = await tableCounts(db);
      const result = ledger(importArgs(db, c.file, c.kind, c.options, true));
      expect(result.signal, 'finished in time').toBeNull();
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(c.stderr);
      expect(result.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+/);
      const error = (JSON.parse(result.stdout) as { error: { code: string; message: string } }).error;
      expect(c.codes).toContain(error.code);
      expect(error.message).toMatch(c.stderr);
      expect(await tableCounts(db)).toEqual(before);
    });
  }
});
