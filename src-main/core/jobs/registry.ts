import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

// Long work (reading a 100,000-row sheet, committing it) runs as a job inside the backend
// process: the handler that starts it returns at once with the job's id, and the UI polls
// job.get for progress and may job.cancel it. Polling works the same over Electron IPC, the
// loopback host and the CLI, so no transport needs a push channel.

export type JobKind = 'import.preview' | 'import.commit';
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface Job<T = unknown> {
  readonly id: string;
  readonly kind: JobKind;
  state: JobStatus;
  phase: string;
  done: number;
  total: number | null;
  error: { code: string; message: string } | null;
  /** The finished job's value (server-side; handlers decide what of it goes out). */
  value: T | null;
  readonly signal: AbortSignal;
  finishedAt: number | null;
  /** Settles when the job stops, whatever the outcome (never rejects). */
  readonly settled: Promise<void>;
}

export interface JobControl {
  readonly signal: AbortSignal;
  progress(phase: string, done: number, total: number | null): void;
}

const keepFinishedMs = 60 * 60_000;
/** A finished preview holds every row of its sheet; only the latest few stay in memory. */
const keepFinished = 4;

export class JobRegistry {
  private readonly jobs = new Map<string, Job & { controller: AbortController }>();

  constructor(private readonly log: (message: string) => void = () => {}) {}

  start<T>(kind: JobKind, run: (control: JobControl) => Promise<T>): Job<T> {
    this.sweep();
    const controller = new AbortController();
    let resolveSettled!: () => void;
    const job: Job<T> & { controller: AbortController } = {
      id: randomBytes(12).toString('base64url'),
      kind,
      state: 'running',
      phase: '准备中',
      done: 0,
      total: null,
      error: null,
      value: null,
      signal: controller.signal,
      finishedAt: null,
      settled: new Promise<void>((resolve) => (resolveSettled = resolve)),
      controller,
    };
    this.jobs.set(job.id, job as Job & { controller: AbortController });
    const control: JobControl = {
      signal: controller.signal,
      progress: (phase, done, total) => Object.assign(job, { phase, done, total }),
    };
    // Started on the next turn so the caller has the id before any progress is reported.
    setImmediate(() => {
      run(control)
        .then((value) => {
          if (controller.signal.aborted) Object.assign(job, { state: 'cancelled', error: cancelled() });
          else Object.assign(job, { state: 'done', value });
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted || (error instanceof AppError && error.code === 'CANCELLED')) {
            Object.assign(job, { state: 'cancelled', error: cancelled() });
          } else if (error instanceof AppError) {
            Object.assign(job, { state: 'failed', error: { code: error.code, message: error.message } });
          } else {
            this.log(`${kind} job failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            Object.assign(job, { state: 'failed', error: { code: 'INTERNAL', message: `程序内部错误，操作未完成，台账没有改变。（${String((error as Error)?.message ?? error).slice(0, 120)}）` } });
          }
        })
        .finally(() => {
          job.finishedAt = Date.now();
          resolveSettled();
        });
    });
    return job;
  }

  get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('JOB_NOT_FOUND');
    return job;
  }

  cancel(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('JOB_NOT_FOUND');
    if (job.state === 'running') job.controller.abort();
    return job;
  }

  /** Cancels every running job and resolves once each has stopped (its transaction rolled back). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.state === 'running');
    for (const job of running) job.controller.abort();
    await Promise.all(running.map((job) => job.settled));
  }

  private sweep(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null).sort((a, b) => (b.finishedAt as number) - (a.finishedAt as number));
    for (const [i, job] of finished.entries()) {
      if (i >= keepFinished || now - (job.finishedAt as number) > keepFinishedMs) this.jobs.delete(job.id);
    }
  }
}

function cancelled() {
  return { code: 'CANCELLED', message: '操作已取消，台账没有任何改变。' };
}
