import { dispatch, type Backend } from '../../src-main/core/api/dispatch';
import type { ApiInput, ApiOutput, Envelope, MethodName } from '../../src-main/core/api/contract';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';

export interface TestLedger {
  backend: Backend;
  db: LedgerDb;
  /** Calls a method and returns its value; throws with the error code when the call fails. */
  call<K extends MethodName>(method: K, input?: ApiInput<K>): Promise<ApiOutput<K>>;
  /** Calls a method and returns the raw envelope, for asserting refusals. */
  raw(method: string, input?: unknown): Promise<Envelope>;
  setNow(iso: string): void;
}

/** The typed `call` of a TestLedger over any transport's invoke: the value, or a thrown error carrying the code. */
export function callerOf(raw: (method: string, input?: unknown) => Promise<Envelope>): TestLedger['call'] {
  return async <K extends MethodName>(method: K, input?: ApiInput<K>): Promise<ApiOutput<K>> => {
    const envelope = await raw(method, input);
    if (!envelope.ok) throw Object.assign(new Error(`${envelope.error.code}: ${envelope.error.message}`), { code: envelope.error.code });
    return envelope.value as ApiOutput<K>;
  };
}

export async function createTestLedger(options: { file?: string; setup?: boolean; now?: string } = {}): Promise<TestLedger> {
  const db = await openLedgerDb(options.file ?? ':memory:');
  let now = new Date(options.now ?? '2026-06-15T02:00:00Z');
  const backend: Backend = { db, now: () => now, log: () => {} };
  const raw = (method: string, input?: unknown) => dispatch(backend, method, input);
  const call = callerOf(raw);
  const ledger: TestLedger = { backend, db, call, raw, setNow: (iso) => (now = new Date(iso)) };
  if (options.setup !== false) {
    await call('county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' });
    await call('settings.update', { clerkName: '张敏' });
  }
  return ledger;
}
