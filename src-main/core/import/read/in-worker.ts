// readSheet on a worker thread with a heap cap: a hostile or enormous file can exhaust the
// worker's memory, never the app's. Kept apart from worker.ts so a bundler never puts this
// (and its import.meta.url) in a chunk shared with the worker.
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../errors';
import { workerEntry } from '../../worker-entry';
import { refuse, throwIfAborted } from './refusals';
import type { ReadOptions, RowSink, SheetRead } from './types';
import type { ToParent, ToWorker } from './worker';

export const WORKER_HEAP_MB = 256;
/** The file name electron.vite.config.ts gives the bundled worker entry. */
export const BUNDLED_WORKER = 'import-read-worker.js';

export function readSheetInWorker(file: string, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  return readInWorker(file, opts, sink, WORKER_HEAP_MB);
}

/** readSheetInWorker with the heap cap as a parameter, so a test can hit the cap without a huge file. */
export function readInWorker(file: string, opts: ReadOptions, sink: RowSink, heapMb: number): Promise<SheetRead> {
  const { signal, onProgress, ...plain } = opts;
  return new Promise<SheetRead>((resolve, reject) => {
    throwIfAborted(signal);
    const entry = workerEntry(import.meta.url, './worker.ts', BUNDLED_WORKER);
    const worker = new Worker(entry.script, {
      eval: entry.eval,
      workerData: { file, opts: plain },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    let settled = false;
    let ended = false;
    let chain: Promise<void> = Promise.resolve();
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(refuse.cancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });

    // Messages are handled strictly in order, each after the previous one's sink call has finished;
    // a failing step settles the read and the chain itself never rejects.
    const enqueue = (step: () => unknown) => {
      chain = chain
        .then(async () => {
          if (!settled) await step();
        })
        .catch((e: unknown) => finish(() => reject(e)));
    };
    worker.on('message', (msg: ToParent) => {
      switch (msg.type) {
        case 'rows':
          enqueue(async () => {
            await sink(msg.rows);
            if (!settled) worker.postMessage({ type: 'ack' } satisfies ToWorker);
          });
          break;
        case 'progress':
          enqueue(() => onProgress?.({ rows: msg.rows, bytesRead: msg.bytesRead, totalBytes: msg.totalBytes }));
          break;
        case 'done':
          ended = true;
          enqueue(() => finish(() => resolve({ merges: msg.merges, rowCount: msg.rowCount, truncated: msg.truncated, notes: msg.notes })));
          break;
        case 'error':
          ended = true;
          enqueue(() => finish(() => reject(new AppError(msg.code as ErrorCode, msg.message))));
          break;
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (ended) return;
      finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? refuse.outOfMemory() : refuse.workerCrashed()));
    });
    worker.on('exit', () => {
      // After 'done' or 'error' the outcome is already on its way; any other exit is a crash.
      if (!ended) finish(() => reject(refuse.workerCrashed()));
    });
  });
}
