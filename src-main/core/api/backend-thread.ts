import { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type ErrorCode } from '../errors';
import { createFileLog } from '../log';
import { workerEntry } from '../worker-entry';
import type { Envelope } from './contract';

// The backend on a worker thread, for the two long-lived hosts (Electron's main process and the
// browser host). Each call is dispatched there exactly as in-process (the CLI and the tests call
// dispatch directly); only the thread differs. In Electron this is what keeps the window alive:
// the main process is the browser's UI thread, and seconds of SQLite on it (a 100,000-row commit,
// an undo, a backup) would freeze every window.

/** The file name electron.vite.config.ts gives the bundled worker entry. */
export const BUNDLED_BACKEND_WORKER = 'backend-worker.js';

/** How long quitting waits for the thread to cancel its jobs and close the ledger before ending it
 *  anyway (SQLite then rolls back whatever was not committed, on the next open). */
const CLOSE_TIMEOUT_MS = 20_000;

export interface BackendWorkerData {
  file: string;
  /** better_sqlite3.node built for Electron's ABI, in the packaged app. */
  nativeBinding?: string;
  logDir: string;
  echoLog?: boolean;
}

export type ToBackend = { type: 'invoke'; id: number; method: string; input: unknown } | { type: 'close' };
export type FromBackend = { type: 'ready' } | { type: 'failed'; code: ErrorCode; message: string } | { type: 'result'; id: number; envelope: Envelope } | { type: 'closed' };

export type Invoke = (method: string, input: unknown) => Promise<Envelope>;

export interface BackendThread {
  /** Settles once the ledger is open; rejects with the clerk-facing reason it cannot be (or with
   *  SHUTTING_DOWN when closed first). Calls made meanwhile wait for it. */
  ready: Promise<void>;
  invoke: Invoke;
  /** Cancels running jobs, lets calls under way finish, closes the ledger (a clean close, see
   *  db/verified.ts) and ends the thread; a thread still opening the ledger is simply ended (the
   *  check only reads, and migrations are one transaction). Calls from now on get SHUTTING_DOWN. */
  close(): Promise<void>;
}

const refused = (code: ErrorCode): Envelope => ({ ok: false, error: { code, message: errorCodes[code] } });

interface Live {
  worker: Worker;
  /** Settles when the thread has opened the ledger, or rejects with why it could not. */
  ready: Promise<void>;
  isReady: boolean;
  /** Answers of the calls in flight, by id. */
  pending: Map<number, (envelope: Envelope) => void>;
  exited: boolean;
  /** Settles when the thread has closed the ledger or ended. */
  closed: Promise<void>;
}

interface SpawnHooks {
  /** What the calls in flight are told when the thread ends under them. */
  endedBecause(): ErrorCode;
  log(message: string): void;
  onExit(): void;
}

function spawn(data: BackendWorkerData, hooks: SpawnHooks): Live {
  const entry = workerEntry(import.meta.url, './backend-worker.ts', BUNDLED_BACKEND_WORKER);
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: data });
  let markReady: () => void = () => {};
  let fail: (error: AppError) => void = () => {};
  let markClosed: () => void = () => {};
  const live: Live = {
    worker,
    ready: new Promise<void>((resolve, reject) => ((markReady = resolve), (fail = reject))),
    isReady: false,
    pending: new Map(),
    exited: false,
    closed: new Promise<void>((resolve) => (markClosed = resolve)),
  };
  // Whoever waits for it sees the rejection; nobody waiting is not an error.
  live.ready.catch(() => {});
  const { pending } = live;
  worker.on('message', (message: FromBackend) => {
    if (message.type === 'ready') {
      live.isReady = true;
      markReady();
    } else if (message.type === 'failed') {
      fail(new AppError(message.code, message.message));
      void worker.terminate();
    } else if (message.type === 'result') {
      pending.get(message.id)?.(message.envelope);
      pending.delete(message.id);
    } else {
      markClosed();
    }
  });
  worker.on('error', (error) => {
    hooks.log(`backend thread failed: ${error.stack ?? error.message}`);
    if (!live.isReady) fail(new AppError('INTERNAL', `后台无法启动：${error.message}`));
  });
  worker.on('exit', () => {
    live.exited = true;
    // Whatever was in flight is answered; a transaction cut short was rolled back by SQLite.
    const reason = hooks.endedBecause();
    for (const answer of pending.values()) answer(refused(reason));
    pending.clear();
    markClosed();
    if (!live.isReady) fail(reason === 'SHUTTING_DOWN' ? new AppError('SHUTTING_DOWN') : new AppError('INTERNAL', '后台无法启动。'));
    hooks.onExit();
  });
  return live;
}

/** Starts the backend thread on `data.file`; see BackendThread.ready for when it is usable. */
export function startBackendThread(data: BackendWorkerData): BackendThread {
  let nextId = 1;
  let closing: Promise<void> | null = null;
  let live: Live | null = null;
  let log: ((message: string) => void) | null = null;
  const hooks: SpawnHooks = {
    endedBecause: () => (closing ? 'SHUTTING_DOWN' : 'BACKEND_STOPPED'),
    log: (message) => {
      try {
        log ??= createFileLog(data.logDir, { echo: data.echoLog });
        log(message);
      } catch {
        // Nowhere to write it; the caller still gets its answer.
      }
    },
    onExit: () => (live = null),
  };
  // dispatch answers every failure itself, so the thread should never end on its own; if it does
  // (a bug in the thread's own code), the calls in flight are answered and the next call reopens
  // the ledger on a fresh thread.
  const current = (): Live => (live ??= spawn(data, hooks));
  const send = async (method: string, input: unknown): Promise<Envelope | null> => {
    const thread = current();
    await thread.ready;
    if (closing) return refused('SHUTTING_DOWN');
    if (thread.exited) return null;
    const id = nextId++;
    return new Promise<Envelope>((resolve) => {
      thread.pending.set(id, resolve);
      try {
        thread.worker.postMessage({ type: 'invoke', id, method, input } satisfies ToBackend);
      } catch {
        // Only a value that cannot be copied (never JSON from a transport) gets here.
        thread.pending.delete(id);
        resolve({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：无法传给后台。' } });
      }
    });
  };
  const shutDown = async () => {
    const thread = live;
    if (!thread || thread.exited) return;
    if (!thread.isReady) return void (await thread.worker.terminate());
    thread.worker.postMessage({ type: 'close' } satisfies ToBackend);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)));
    await Promise.race([thread.closed, timedOut]);
    clearTimeout(timer);
    await thread.worker.terminate();
  };
  return {
    ready: current().ready,
    async invoke(method, input) {
      if (closing) return refused('SHUTTING_DOWN');
      try {
        // A thread found ended between two calls is replaced once.
        return (await send(method, input)) ?? (await send(method, input)) ?? refused('BACKEND_STOPPED');
      } catch (error) {
        return { ok: false, error: { code: error instanceof AppError ? error.code : 'INTERNAL', message: (error as Error).message } };
      }
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
