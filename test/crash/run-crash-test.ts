// Crash test: a clerk's PC loses power (or the app is killed) in the middle of saving. Every action
// the program reported as saved must still be there, whole, and nothing may be half-written.
//
//   npx tsx test/crash/run-crash-test.ts        (npm run test:crash)
//
// Environment: CRASH_ITERATIONS (200), CRASH_SEED (random), CRASH_KILL_MIN_MS / CRASH_KILL_MAX_MS
// (20 / 400: how long after the writer says "ready" it is killed with SIGKILL), CRASH_KEEP=1 keeps
// the database file for inspection.
//
// Each round spawns test/crash/writer.ts, which writes organisations through dispatch() (add,
// rename, move) and prints each action once it has committed. After the kill the database is
// opened the way the app opens it and checked: quick_check, foreign_key_check, and the
// organisations and their change history must equal what the writer reported, plus at most the
// one action that was in flight when it died (committed or not, but never in part).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dispatch, type Backend } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { parentNames, prng, type ActionKind } from './shared';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const writerScript = path.join(here, 'writer.ts');

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const iterations = envInt('CRASH_ITERATIONS', 200);
const seed = envInt('CRASH_SEED', Math.floor(Math.random() * 2 ** 31));
const killMinMs = envInt('CRASH_KILL_MIN_MS', 20);
const killMaxMs = Math.max(killMinMs, envInt('CRASH_KILL_MAX_MS', 400));
const keep = process.env.CRASH_KEEP === '1';
const writerMode = process.env.CRASH_WRITER === 'tsx' ? 'tsx' : 'bundle';

/**
 * The command that starts one writer. Starting it through tsx costs ~1 s of module transforms per
 * round, so by default the writer is bundled once with esbuild (as electron-vite bundles the app)
 * and each round starts plain `node` on the bundle (~0.2 s). CRASH_WRITER=tsx runs the source.
 */
async function writerCommand(): Promise<string[]> {
  if (writerMode === 'tsx') return ['--import', 'tsx', writerScript];
  // Inside node_modules so the bundle's one external import, the native better-sqlite3, resolves.
  const outfile = path.join(projectRoot, 'node_modules', '.cache', 'hongh-ledger-crash', 'writer.mjs');
  await build({
    entryPoints: [writerScript],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Our code bundled, packages imported from node_modules as the app's main bundle does (exceljs
    // requires Node built-ins dynamically, which an ESM bundle cannot).
    packages: 'external',
    logLevel: 'warning',
  });
  return [outfile];
}

interface OrgState {
  name: string;
  parentId: number | null;
  /** Number of user actions (change-log batches) recorded for the organisation. */
  actions: number;
}

type State = Map<number, OrgState>;

interface Action {
  kind: ActionKind;
  id: number | null;
  parentId: number | null;
  name: string;
}

function parseAction(kind: string, id: string, parentId: string, name: string): Action {
  if (kind !== 'add' && kind !== 'update' && kind !== 'move') throw new Error(`unknown action kind ${kind}`);
  return { kind, id: id === '-' ? null : Number(id), parentId: parentId === 'null' ? null : Number(parentId), name };
}

function cloneState(state: State): State {
  return new Map([...state].map(([id, org]) => [id, { ...org }]));
}

/** Applies one action to the model; for an add, `newId` is the id the database gave it. */
function apply(state: State, action: Action, newId?: number): string | null {
  if (action.kind === 'add') {
    const id = newId ?? action.id;
    if (id === null || id === undefined) return 'add without an id';
    if (state.has(id)) return `add reused id ${id}`;
    state.set(id, { name: action.name, parentId: action.parentId, actions: 1 });
    return null;
  }
  const org = action.id === null ? undefined : state.get(action.id);
  if (!org) return `${action.kind} of unknown organisation ${action.id}`;
  if (action.kind === 'update') org.name = action.name;
  else org.parentId = action.parentId;
  org.actions += 1;
  return null;
}

function describeDiff(expected: State, actual: State): string[] {
  const out: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!got) out.push(`org ${id} (${want.name}) reported committed is missing`);
    else if (got.name !== want.name || got.parentId !== want.parentId || got.actions !== want.actions) {
      out.push(`org ${id}: expected ${JSON.stringify(want)}, found ${JSON.stringify(got)}`);
    }
  }
  for (const [id, got] of actual) if (!expected.has(id)) out.push(`org ${id} (${got.name}) is in the database but was never reported`);
  return out;
}

function sameState(a: State, b: State): boolean {
  return describeDiff(a, b).length === 0;
}

interface Inspection {
  state: State;
  problems: string[];
}

/** Opens the database as the app does and reads the organisations and their change history. */
async function inspect(file: string): Promise<Inspection> {
  const problems: string[] = [];
  let db;
  try {
    db = await openLedgerDb(file);
  } catch (error) {
    return { state: new Map(), problems: [`openLedgerDb failed: ${(error as Error).message}`] };
  }
  try {
    const { sqlite } = db;
    const quick = (sqlite.pragma('quick_check') as Array<{ quick_check: string }>).map((r) => r.quick_check);
    if (quick.length !== 1 || quick[0] !== 'ok') problems.push(`quick_check: ${quick.join('; ').slice(0, 500)}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);

    const orgs = sqlite.prepare('SELECT id, name, parent_id AS parentId FROM organization').all() as Array<{ id: number; name: string; parentId: number | null }>;
    const batches = sqlite
      .prepare(
        `SELECT batch_id AS batchId, min(entity_id) AS entityId, count(DISTINCT entity_id) AS entities,
                min(action) AS action, count(DISTINCT action) AS actions, max(id) AS lastRow,
                sum(field = 'name') AS nameRows, sum(field = 'parent') AS parentRows
         FROM change_log WHERE entity = 'organization' GROUP BY batch_id`,
      )
      .all() as Array<{ batchId: string; entityId: number; entities: number; action: string; actions: number; lastRow: number; nameRows: number; parentRows: number }>;

    const byId = new Map(orgs.map((o) => [o.id, o]));
    const actionsOf = new Map<number, number>();
    const creates = new Map<number, number>();
    for (const b of batches) {
      if (b.entities !== 1 || b.actions !== 1) problems.push(`change-log batch ${b.batchId} mixes entities or actions`);
      if (!byId.has(b.entityId)) problems.push(`change-log batch ${b.batchId} (${b.action}) is for organisation ${b.entityId}, which does not exist`);
      actionsOf.set(b.entityId, (actionsOf.get(b.entityId) ?? 0) + 1);
      if (b.action === 'create') {
        creates.set(b.entityId, (creates.get(b.entityId) ?? 0) + 1);
        if (b.nameRows !== 1) problems.push(`create batch ${b.batchId} of organisation ${b.entityId} has no name row`);
      } else if (b.action === 'update') {
        if (b.nameRows !== 1) problems.push(`rename batch ${b.batchId} of organisation ${b.entityId} has no name row`);
      } else if (b.action === 'move') {
        if (b.parentRows !== 1) problems.push(`move batch ${b.batchId} of organisation ${b.entityId} has no parent row`);
      } else problems.push(`unexpected change-log action ${b.action}`);
    }
    for (const o of orgs) {
      if (creates.get(o.id) !== 1) problems.push(`organisation ${o.id} (${o.name}) has ${creates.get(o.id) ?? 0} 'create' batches, expected 1`);
    }

    // The history must agree with the data: the last recorded name and parent are the current ones.
    const lastValue = sqlite.prepare(
      `SELECT entity_id AS id, field, new_value AS value FROM change_log c
       WHERE entity = 'organization' AND field IN ('name', 'parent')
         AND id = (SELECT max(id) FROM change_log d WHERE d.entity = c.entity AND d.entity_id = c.entity_id AND d.field = c.field)`,
    );
    for (const row of lastValue.all() as Array<{ id: number; field: string; value: string | null }>) {
      const org = byId.get(row.id);
      if (!org) continue;
      const current = row.field === 'name' ? org.name : org.parentId === null ? null : (byId.get(org.parentId)?.name ?? null);
      if (row.value !== current) problems.push(`organisation ${row.id}: history says ${row.field} = ${row.value}, data says ${current}`);
    }

    const state: State = new Map(orgs.map((o) => [o.id, { name: o.name, parentId: o.parentId, actions: actionsOf.get(o.id) ?? 0 }]));
    return { state, problems };
  } finally {
    await db.close();
  }
}

interface RoundResult {
  lines: string[];
  stderr: string;
  killed: boolean;
  exitCode: number | null;
  killAfterMs: number;
}

function runWriter(command: string[], file: string, round: number, roundSeed: number, killAfterMs: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, file, String(round), String(roundSeed)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      // The writer never got ready: kill it and report.
      killed = true;
      child.kill('SIGKILL');
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const wasReady = stdout.startsWith('ready ');
      stdout += chunk.toString('utf8');
      if (!wasReady && timer === undefined && /^ready \d+\n/.test(stdout)) {
        clearTimeout(deadline);
        timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
      // Only whole lines count: a line cut off by the kill was never fully reported.
      const lines = stdout.split('\n');
      lines.pop();
      resolve({ lines, stderr, killed, exitCode, killAfterMs });
    });
  });
}

async function setUp(file: string): Promise<State> {
  const db = await openLedgerDb(file);
  const backend: Backend = { db };
  try {
    for (const [method, input] of [
      ['county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' }],
      ['settings.update', { clerkName: '断电测试' }],
      ['org.add', { name: parentNames[0], type: '街道' }],
      ['org.add', { name: parentNames[1], type: '街道' }],
    ] as const) {
      const result = await dispatch(backend, method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    }
  } finally {
    await db.close();
  }
  const { state, problems } = await inspect(file);
  if (problems.length > 0 || state.size !== 2) throw new Error(`setup produced a bad database: ${problems.join('; ')}`);
  return state;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-crash-'));
  const file = path.join(dir, 'ledger.sqlite');
  const random = prng(seed);
  const failures: Array<{ round: number; problems: string[] }> = [];
  let committedActions = 0;
  let inFlightCommitted = 0;
  let inFlightLost = 0;

  const command = await writerCommand();
  let model = await setUp(file);
  for (let round = 1; round <= iterations; round++) {
    const killAfterMs = killMinMs + Math.floor(random() * (killMaxMs - killMinMs + 1));
    const result = await runWriter(command, file, round, Math.floor(random() * 2 ** 31), killAfterMs);
    const problems: string[] = [];
    if (!result.killed) problems.push(`writer exited by itself (code ${result.exitCode}): ${result.stderr.slice(0, 2000)}`);
    if (!result.lines[0]?.startsWith('ready ')) problems.push(`writer never got ready: ${result.stderr.slice(0, 2000)}`);

    // Replay what the writer reported as committed.
    const expected = cloneState(model);
    let inFlight: Action | null = null;
    for (const line of result.lines.slice(1)) {
      const match = /^(begin|committed) (\S+) (\S+) (\S+) (\S+)$/.exec(line);
      if (!match) {
        problems.push(`unexpected writer output: ${line}`);
        continue;
      }
      const action = parseAction(match[2]!, match[3]!, match[4]!, match[5]!);
      if (match[1] === 'begin') {
        if (inFlight) problems.push(`two actions in flight: ${line}`);
        inFlight = action;
      } else {
        if (!inFlight || inFlight.kind !== action.kind || (inFlight.id !== null && inFlight.id !== action.id)) problems.push(`committed without begin: ${line}`);
        inFlight = null;
        const error = apply(expected, action);
        if (error) problems.push(`${error} (${line})`);
        committedActions++;
      }
    }

    const { state: actual, problems: dbProblems } = await inspect(file);
    problems.push(...dbProblems);
    if (dbProblems.length === 0) {
      if (sameState(expected, actual)) {
        if (inFlight) inFlightLost++;
      } else if (inFlight) {
        // The action in flight may have committed just before the kill: then it must be there whole.
        const withInFlight = cloneState(expected);
        const newIds = [...actual.keys()].filter((id) => !expected.has(id));
        const error = apply(withInFlight, inFlight, inFlight.kind === 'add' ? newIds[0] : undefined);
        if (!error && sameState(withInFlight, actual)) inFlightCommitted++;
        else problems.push(`database differs from the reported actions (in flight: ${JSON.stringify(inFlight)}):`, ...describeDiff(expected, actual).slice(0, 10));
      } else {
        problems.push('database differs from the reported actions:', ...describeDiff(expected, actual).slice(0, 10));
      }
    }

    if (problems.length > 0) {
      failures.push({ round, problems });
      process.stderr.write(`round ${round} (kill after ${killAfterMs} ms) FAILED:\n  ${problems.join('\n  ')}\n`);
    }
    // Continue from what is really in the file (already checked above, or reported as a failure).
    model = actual;
    if (dbProblems.some((p) => p.startsWith('openLedgerDb failed'))) break;
    if (round % 20 === 0 || round === iterations) {
      process.stderr.write(`round ${round}/${iterations}: ${committedActions} committed actions, ${model.size} organisations, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }

  // A full integrity check once at the end, as well as the quick checks after every kill.
  const db = await openLedgerDb(file);
  const integrity = (db.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  await db.close();
  if (integrity.join() !== 'ok') failures.push({ round: iterations, problems: [`integrity_check: ${integrity.join('; ').slice(0, 500)}`] });

  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  const summary = {
    iterations,
    committedActions,
    failures: failures.length,
    seed,
    killWindowMs: [killMinMs, killMaxMs],
    writer: writerMode,
    inFlightAtKill: { committed: inFlightCommitted, notCommitted: inFlightLost },
    organisations: model.size,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    ...(keep ? { dbFile: file } : {}),
    ...(failures.length > 0 ? { failedRounds: failures.slice(0, 20) } : {}),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`crash test failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
