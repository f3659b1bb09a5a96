// Rows go to the sink in batches (cheap to post across threads, cheap to insert in a transaction),
// and the reader waits for the sink: a slow consumer slows the reader instead of filling memory.
import { refuse } from './refusals';
import type { RawRow, RowSink } from './types';

export const BATCH_ROWS = 1000;

export class RowBatcher {
  delivered = 0;
  private batch: RawRow[] = [];

  constructor(
    private readonly sink: RowSink,
    private readonly progress: (rows: number) => void,
  ) {}

  /** True when a batch is full and flush() must be awaited before adding more. */
  add(row: RawRow): boolean {
    this.batch.push(row);
    this.delivered++;
    return this.batch.length >= BATCH_ROWS;
  }

  async flush(): Promise<void> {
    if (this.batch.length > 0) {
      const rows = this.batch;
      this.batch = [];
      await this.sink(rows);
    }
    this.progress(this.delivered);
  }
}

/** Settles with `work`, or rejects with CANCELLED as soon as the signal fires, even if `work`
 *  is stuck waiting on a stream that the abort destroyed. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(refuse.cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(refuse.cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? refuse.cancelled() : e);
      },
    );
  });
}
