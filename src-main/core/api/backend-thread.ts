import { Worker } from 'node:worker_threads';
import { AppError, errorCodes, type ErrorCode } from '../errors';
import { workerEntry } from '../worker-entry';
import type { Envelope } from './contract';

// The backend on a worker thread, for the two long-lived hosts (Electron's main process and the
// browser host). Each call is dispatched there exactly as in-process (the CLI and the tests call
// dispatch directly); only the thread differs. In Electron this is what keeps the window alive:
// the main process is the browser's UI thread, and seconds of SQLite on it (a 100,000-row commit,
// an undo, a backup) would freeze every window.

/** The file name electron.vite.config.ts gives the bundled worker entry. */
export const BUNDLED_BACKEND_WORKER = 'backend-worker.js';

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
  invoke: Invoke;
  /** Closes the ledger (a clean close, see db/verified.ts) and ends the thread. */
  close(): Promise<void>;
}

const refused = (code: ErrorCode): Envelope => ({ ok: false, error: { code, message: errorCodes[code] } });

interface Live {
  worker: Worker;
  /** Answers of the calls in flight, by id. */
  pending: Map<number, (envelope: Envelope) => void>;
  exited: boolean;
  /** Settles when the thread has closed the ledger or died. */
  closed: Promise<void>;
}

/** One worker: resolves once it has opened the ledger, rejects with the reason it could not. */
function spawn(data: BackendWorkerData, onExit: () => void): Promise<Live> {
  const entry = workerEntry(import.meta.url, './backend-worker.ts', BUNDLED_BACKEND_WORKER);
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: data });
  let markClosed: () => void = () => {};
  const live: Live = { worker, pending: new Map(), exited: false, closed: new Promise<void>((resolve) => (markClosed = resolve)) };
  const { pending } = live;
  return new Promise((resolve, reject) => {
    let ready = false;
    worker.on('message', (message: FromBackend) => {
      if (message.type === 'ready') {
        ready = true;
        resolve(live);
      } else if (message.type === 'failed') {
        reject(new AppError(message.code, message.message));
        void worker.terminate();
      } else if (message.type === 'result') {
        pending.get(message.id)?.(message.envelope);
        pending.delete(message.id);
      } else {
        markClosed();
      }
    });
    worker.on('error', (error) => {
      if (!ready) reject(new AppError('INTERNAL', `后台无法启动：${error.message}`));
    });
    worker.on('exit', () => {
      live.exited = true;
      // Whatever was in flight is answered; a transaction cut short was rolled back by SQLite.
      for (const answer of pending.values()) answer(refused('BACKEND_STOPPED'));
      pending.clear();
      markClosed();
      if (!ready) reject(new AppError('INTERNAL', '后台无法启动。'));
      onExit();
    });
  });
}

/** Starts the backend thread on `data.file`; rejects with the clerk-facing reason the ledger cannot be opened. */
export async function startBackendThread(data: BackendWorkerData): Promise<BackendThread> {
  let nextId = 1;
  let closing = false;
  let live: Promise<Live> | null = null;
  // dispatch answers every failure itself, so the thread should never die; if it does (a bug in the
  // thread's own code), the calls in flight are answered and the next call reopens the ledger.
  const current = (): Promise<Live> => {
    live ??= spawn(data, () => (live = null));
    return live;
  };
  await current();
  return {
    async invoke(method, input) {
      if (closing) return refused('SHUTTING_DOWN');
      let thread: Live;
      try {
        thread = await current();
      } catch (error) {
        return { ok: false, error: { code: error instanceof AppError ? error.code : 'INTERNAL', message: (error as Error).message } };
      }
      if (thread.exited) return refused('BACKEND_STOPPED');
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
    },
    async close() {
      closing = true;
      const thread = await live?.catch(() => null);
      if (!thread) return;
      thread.worker.postMessage({ type: 'close' } satisfies ToBackend);
      await thread.closed;
      await thread.worker.terminate();
    },
  };
}
