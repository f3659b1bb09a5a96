import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { contract, type Envelope, type MethodName } from './contract';
import type { HandlerTable, ReadContext, RegisteredHandler } from './handler';
import { handlers as defaultHandlers } from './handlers/index';
import { AppError, errorCodes } from '../errors';
import { readCountySociety } from '../db/county';
import type { LedgerDb } from '../db/open';
import type { WriteDb } from '../db/schema';
import { readSettings } from '../db/settings';
import { todayInChina } from '../domain/dates';
import { inputFieldLabels } from '../domain/labels';
import { JobRegistry } from '../jobs/registry';
import { WriteLock } from '../jobs/write-lock';

export interface Backend {
  db: LedgerDb;
  /** Injected in tests; the real clock otherwise. */
  now?: () => Date;
  handlers?: HandlerTable;
  /** Where unexpected errors are reported (never with input values, which may hold personal data). */
  log?: (message: string) => void;
}

interface Runtime {
  jobs: JobRegistry;
  writeLock: WriteLock;
}

// Per-backend state that lives as long as the backend: running jobs and the one-writer lock.
const runtimes = new WeakMap<Backend, Runtime>();

export function runtimeOf(backend: Backend): Runtime {
  let runtime = runtimes.get(backend);
  if (!runtime) {
    runtime = { jobs: new JobRegistry(backend.log), writeLock: new WriteLock() };
    runtimes.set(backend, runtime);
  }
  return runtime;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const key = [...issue.path].reverse().find((p) => typeof p === 'string');
    const index = issue.path.find((p) => typeof p === 'number');
    const label = key ? (inputFieldLabels[key] ?? key) : '';
    const where = label ? `「${label}」${typeof index === 'number' ? `（第 ${index + 1} 项）` : ''}` : '';
    return `${where}${issue.message}`;
  });
  const more = error.issues.length > 3 ? `等 ${error.issues.length} 处问题` : '';
  return `输入有误：${parts.join('；')}${more}。`;
}

/**
 * The single entry point of the backend. Every transport calls this and only this:
 * validate the input → check setup → run the handler (writes in one transaction) → validate the output.
 */
export async function dispatch(backend: Backend, method: string, input: unknown): Promise<Envelope> {
  const table = backend.handlers ?? defaultHandlers;
  if (typeof method !== 'string' || !isMethodName(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `不支持的操作“${String(method).slice(0, 60)}”。` } };
  }
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? undefined);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } };
  // Input was parsed with this method's own schema, so the handler's input type holds.
  const handler = table[method] as RegisteredHandler<unknown, unknown>;
  try {
    const { kysely, sqlite, file } = backend.db;
    const now = backend.now?.() ?? new Date();
    const county = await readCountySociety(kysely);
    if (!handler.beforeSetup && county === null) throw new AppError('SETUP_REQUIRED');
    const { jobs, writeLock } = runtimeOf(backend);
    const log = backend.log ?? (() => {});
    const base: ReadContext = { db: kysely, sqlite, dbFile: file, now, today: todayInChina(now), county, ledger: backend.db, jobs, writeLock, log };
    let value: unknown;
    if (handler.kind === 'query') {
      value = await handler.run(base, parsed.data);
    } else {
      const { clerkName } = await readSettings(kysely);
      value = await writeLock.run(() =>
        kysely.transaction().execute((trx) => handler.run({ ...base, db: trx as WriteDb, actor: clerkName, batchId: randomUUID() }, parsed.data)),
      );
    }
    const output = spec.output.safeParse(value);
    if (!output.success) {
      backend.log?.(`output of ${method} does not match the contract: ${output.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join(', ')}`);
      throw new AppError('INTERNAL', '程序内部错误：返回结果不符合约定，操作已取消。请联系技术支持。');
    }
    return { ok: true, value: output.data };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    if (/SQLITE_BUSY|database is locked/i.test(message)) {
      return { ok: false, error: { code: 'DB_BUSY', message: '数据文件正被另一个程序使用，操作未保存，请稍后重试。' } };
    }
    backend.log?.(`${method} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    return { ok: false, error: { code: 'INTERNAL', message: `${errorCodes.INTERNAL}，操作未保存。（${message.slice(0, 120)}）` } };
  }
}
