import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportBaseLedger } from '../fixtures/import/base-ledger';
import { writeLargeMemberSheet } from '../fixtures/import/large-sheet';

// kill -9 of `ledger import` in the middle of reading the sheet, planning it and writing it: the
// ledger afterwards passes quick_check and is exactly the ledger before the import, or — when the
// kill came after COMMIT — exactly the fully imported ledger. Never a part of the rows.
//
// The child is the real command (bin/ledger.mjs) with --progress, whose stderr lines say which
// step the job is in; each round kills at a random moment inside one chosen step. IMPORT_CRASH_SEED
// replays a run.

const root = path.resolve(import.meta.dirname, '../..');
const rows = 20_000;
const seed = Number(process.env.IMPORT_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

function prng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Fingerprint {
  counts: Record<string, number>;
  /** sha256 of every person and member row by natural key, without timestamps (they differ per run). */
  checksum: string;
}

function fingerprint(file: string): Fingerprint & { quickCheck: string } {
  const db = new Database(file);
  try {
    const quickCheck = db.pragma('quick_check', { simple: true }) as string;
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const counts = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
    const hash = createHash('sha256');
    for (const r of db.prepare('SELECT id, name, name_sort_key, gender, id_type, id_number, birth_date, phone, guardian_name, guardian_phone FROM person ORDER BY id').raw().iterate()) hash.update(JSON.stringify(r));
    for (const r of db.prepare('SELECT id, person_id, kind, organization_id, joined_on, status, name_sort_key, notes FROM member ORDER BY id').raw().iterate()) hash.update(JSON.stringify(r));
    return { quickCheck, counts, checksum: hash.digest('hex') };
  } finally {
    db.close();
  }
}

interface Outcome {
  /** Step → ms after spawn when its first progress line arrived. */
  steps: Map<string, number>;
  killed: boolean;
  exitCode: number | null;
  stdout: string;
}

/** Runs the command; when `kill` is given, SIGKILLs it `delayMs` after the first line of `step`. */
function runImport(db: string, sheet: string, kill?: { step: string; delayMs: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['bin/ledger.mjs', 'import', '--db', db, '--kind', 'members', sheet, '--json', '--progress'], { cwd: root });
    const steps = new Map<string, number>();
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      for (const line of stderr.split('\n').slice(0, -1)) {
        const step = line.split(' ')[0]!;
        if (steps.has(step)) continue;
        steps.set(step, performance.now() - start);
        if (kill && step === kill.step) {
          setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, kill.delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ steps, killed: killed && signal === 'SIGKILL', exitCode: code, stdout }));
  });
}

let dir: string;
let sheet: string;
let base: string;
let before: Fingerprint;
let after: Fingerprint;
/** ms each step lasted in the uninterrupted run. */
const durations = new Map<string, number>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
  sheet = path.join(dir, 'members.xlsx');
  base = path.join(dir, 'base.sqlite');
  await writeLargeMemberSheet(sheet, rows);
  await createImportBaseLedger(base);
  const { quickCheck, ...fp } = fingerprint(base);
  expect(quickCheck).toBe('ok');
  before = fp;

  const full = path.join(dir, 'full.sqlite');
  fs.copyFileSync(base, full);
  const run = await runImport(full, sheet);
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ inserted: rows, rejected: [] });
  const { quickCheck: fullCheck, ...fullFp } = fingerprint(full);
  expect(fullCheck).toBe('ok');
  after = fullFp;
  const ordered = [...run.steps].sort((a, b) => a[1] - b[1]);
  ordered.forEach(([step, at], i) => durations.set(step, (ordered[i + 1]?.[1] ?? at) - at));
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe(`kill -9 during ledger import (seed ${seed})`, () => {
  it('leaves the ledger exactly as before, or exactly fully imported, never in part', async () => {
    expect(after.counts.person).toBe(before.counts.person! + rows);
    expect(after.counts.member).toBe(before.counts.member! + rows);
    // The steps the uninterrupted run went through; reading, checking and writing must be among them.
    expect([...durations.keys()]).toEqual(expect.arrayContaining(['读取文件', '检查数据', '写入', '完成']));

    const random = prng(seed);
    // Two kills while reading, one while checking, two inside the write transaction, one after it.
    const rounds = ['读取文件', '读取文件', '检查数据', '写入', '写入', '完成'];
    const seen: string[] = [];
    for (const [round, step] of rounds.entries()) {
      const db = path.join(dir, `round-${round}.sqlite`);
      fs.copyFileSync(base, db);
      // Anywhere inside the step, as it lasted in the uninterrupted run (the step may end sooner).
      const delayMs = step === '完成' ? 0 : Math.floor(random() * 0.9 * durations.get(step)!);
      const outcome = await runImport(db, sheet, { step, delayMs });
      const { quickCheck, ...state } = fingerprint(db);
      const label = `seed ${seed}, round ${round}: killed ${delayMs} ms into ${step}, steps seen ${[...outcome.steps.keys()].join(' → ')}`;
      expect(quickCheck, label).toBe('ok');
      if (outcome.steps.has('完成') || !outcome.killed) {
        expect(state, label).toEqual(after);
      } else if (outcome.steps.has('写入')) {
        // Killed while writing: COMMIT may have landed between the last progress poll and the kill.
        expect([before, after], label).toContainEqual(state);
      } else {
        expect(state, label).toEqual(before);
      }
      seen.push(`${step}:${outcome.killed ? 'killed' : 'finished'}:${JSON.stringify(state) === JSON.stringify(before) ? 'before' : 'after'}`);
    }
    // Every kill before the last step found the ledger as before: the rounds really hit the work.
    expect(seen.filter((s) => s.endsWith(':killed:before')).length, seen.join(', ')).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
