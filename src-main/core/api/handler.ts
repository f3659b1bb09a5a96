import type BetterSqlite3 from 'better-sqlite3';
import type { ApiOutput, MethodName, ParsedInput } from './contract';
import type { CountySociety, ReadDb, WriteDb } from '../db/schema';
import type { LedgerDb } from '../db/open';
import type { JobRegistry } from '../jobs/registry';
import type { WriteLock } from '../jobs/write-lock';

export interface ReadContext {
  db: ReadDb;
  sqlite: BetterSqlite3.Database;
  /** Absolute path of the database file (':memory:' in tests). */
  dbFile: string;
  now: Date;
  /** Today's date in China, 'YYYY-MM-DD'. */
  today: string;
  county: CountySociety | null;
  /** For handlers that start jobs: they outlive the request, so they get the connection itself. */
  ledger: LedgerDb;
  jobs: JobRegistry;
  writeLock: WriteLock;
  log: (message: string) => void;
}

export interface WriteContext extends ReadContext {
  db: WriteDb;
  /** Who is acting, for the change history: the clerk name from 设置. */
  actor: string;
  /** Groups every change-log row written by one user action. */
  batchId: string;
}

type Run<C, I, O> = (ctx: C, input: I) => Promise<O>;

export type RegisteredHandler<I, O> =
  | { kind: 'query'; beforeSetup: boolean; run: Run<ReadContext, I, O> }
  | { kind: 'mutation'; beforeSetup: boolean; run: Run<WriteContext, I, O> };

export type HandlerTable = { [K in MethodName]: RegisteredHandler<ParsedInput<K>, ApiOutput<K>> };

/** A read-only handler: runs outside any transaction on the shared connection. */
export function query<I, O>(run: Run<ReadContext, I, O>): RegisteredHandler<I, O> {
  return { kind: 'query', beforeSetup: false, run };
}

/** A write: the dispatcher runs it in one transaction, so a user action commits whole or not at all. */
export function mutation<I, O>(run: Run<WriteContext, I, O>): RegisteredHandler<I, O> {
  return { kind: 'mutation', beforeSetup: false, run };
}

/** Marks a handler usable before the county is set up (status, lookup, the setup itself). */
export function allowedBeforeSetup<I, O>(handler: RegisteredHandler<I, O>): RegisteredHandler<I, O> {
  return { ...handler, beforeSetup: true };
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges the per-area maps into one table; a method defined twice is a programming error. */
export function mergeHandlerMaps<T extends Array<Record<string, unknown>>>(...maps: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`handler "${name}" is defined twice`);
      merged[name] = handler;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
