// The backend's own thread: it opens the ledger and answers every call through dispatch, so the
// host's thread (Electron's main process, the browser host's server) never runs SQLite and never
// stops answering — a large import's commit or an undo runs here for seconds at a time.
// Started by backend-thread.ts; messages are defined there.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, errorCodes } from '../errors';
import { openLedgerDb } from '../db/open';
import { createFileLog } from '../log';
import type { BackendWorkerData, ToBackend, FromBackend } from './backend-thread';
import { dispatch, type Backend } from './dispatch';

const port = parentPort!;
const { file, nativeBinding, logDir, echoLog } = workerData as BackendWorkerData;
const post = (message: FromBackend) => port.postMessage(message);

async function main(): Promise<void> {
  let backend: Backend;
  try {
    backend = { db: await openLedgerDb(file, { nativeBinding }), log: createFileLog(logDir, { echo: echoLog }) };
  } catch (error) {
    const known = error instanceof AppError;
    post({ type: 'failed', code: known ? error.code : 'DB_CORRUPT', message: known ? error.message : `无法打开数据文件 ${file}：${(error as Error).message}` });
    return;
  }
  let closing = false;
  port.on('message', (message: ToBackend) => {
    if (message.type === 'invoke') {
      if (closing) return post({ type: 'result', id: message.id, envelope: { ok: false, error: { code: 'SHUTTING_DOWN', message: errorCodes.SHUTTING_DOWN } } });
      void dispatch(backend, message.method, message.input).then((envelope) => post({ type: 'result', id: message.id, envelope }));
    } else if (message.type === 'close') {
      closing = true;
      void backend.db.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
}

void main();
