// The backend's own thread: it opens the ledger and answers every call through dispatch, so the
// host's thread (Electron's main process, the browser host's server) never runs SQLite and never
// stops answering — a large import's commit or an undo runs here for seconds at a time.
// Started by backend-thread.ts; messages are defined there.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, errorCodes } from '../errors';
import { openLedgerDb } from '../db/open';
import { createFileLog, redact } from '../log';
import type { BackendWorkerData, ToBackend, FromBackend } from './backend-thread';
import { dispatch, runtimeOf, type Backend } from './dispatch';
import type { Envelope } from './contract';

const port = parentPort!;
const { file, nativeBinding, logDir, echoLog } = workerData as BackendWorkerData;
const post = (message: FromBackend) => port.postMessage(message);
const shuttingDown: Envelope = { ok: false, error: { code: 'SHUTTING_DOWN', message: errorCodes.SHUTTING_DOWN } };

function appLog(): (message: string) => void {
  try {
    return createFileLog(logDir, { echo: echoLog });
  } catch {
    // An unwritable log folder must not keep the ledger closed.
    return (message) => process.stderr.write(`${redact(message)}\n`);
  }
}

/** Quits cleanly: running jobs are cancelled and calls under way finish before the ledger closes. */
async function shutDown(backend: Backend, inFlight: Set<Promise<unknown>>): Promise<void> {
  const { jobs, writeLock } = runtimeOf(backend);
  await jobs.cancelAll();
  await Promise.allSettled([...inFlight]);
  // A call that was under way may have started a job meanwhile.
  await jobs.cancelAll();
  await writeLock.run(() => backend.db.close()).catch((error: unknown) => backend.log?.(`closing the ledger failed: ${(error as Error).message}`));
}

async function main(): Promise<void> {
  let backend: Backend;
  try {
    backend = { db: await openLedgerDb(file, { nativeBinding }), log: appLog() };
  } catch (error) {
    const known = error instanceof AppError;
    post({ type: 'failed', code: known ? error.code : 'DB_CORRUPT', message: known ? error.message : `无法打开数据文件 ${file}：${(error as Error).message}` });
    return;
  }
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;
  port.on('message', (message: ToBackend | null) => {
    if (message?.type === 'invoke') {
      if (closing) return post({ type: 'result', id: message.id, envelope: shuttingDown });
      const call = dispatch(backend, message.method, message.input).then((envelope) => post({ type: 'result', id: message.id, envelope }));
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    } else if (message?.type === 'close') {
      closing ??= shutDown(backend, inFlight).then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
}

void main();
