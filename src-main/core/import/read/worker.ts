// Worker entry for readSheetInWorker: reads one sheet and posts rows in batches. At most a few
// batches are in flight: the worker waits for the parent's acknowledgement, so a slow import
// never piles rows up in either thread.
import { parentPort, workerData } from 'node:worker_threads';
import { readSheet, toAppError } from './read-sheet';
import type { RawRow, ReadOptions } from './types';

export type ToParent =
  | { type: 'rows'; rows: RawRow[] }
  | { type: 'progress'; rows: number; bytesRead: number; totalBytes: number }
  | ({ type: 'done' } & import('./types').SheetRead)
  | { type: 'error'; code: string; message: string };
export type ToWorker = { type: 'ack' };

const MAX_IN_FLIGHT = 4;

if (parentPort) {
  const port = parentPort;
  const { file, opts } = workerData as { file: string; opts: Omit<ReadOptions, 'signal' | 'onProgress'> };
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'ack') {
      inFlight--;
      wake?.();
      wake = null;
    }
  });
  const post = (msg: ToParent) => port.postMessage(msg);

  readSheet(
    file,
    { ...opts, onProgress: (p) => post({ type: 'progress', ...p }) },
    async (rows) => {
      inFlight++;
      post({ type: 'rows', rows });
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    },
  ).then(
    (result) => post({ type: 'done', ...result }),
    (e: unknown) => {
      const err = toAppError(e);
      post({ type: 'error', code: err.code, message: err.message });
    },
  ).finally(() => port.removeAllListeners('message'));
}
