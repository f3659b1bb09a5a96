import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startBackendThread, type Invoke } from '../../src-main/core/api/backend-thread';
import type { JobState } from '../../src-main/core/api/contract';
import { dispatch } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { callerOf } from '../helpers/backend';
import { upload } from '../helpers/import';

// How long the host's own thread stops answering while a member sheet is imported through the API
// as the UI does it (upload, preview job, commit job, progress polls every 100 ms). The host is
// Electron's main process in the app — the browser's UI thread — or the browser host's server.
// `thread`: the backend on its own thread, as the app runs it; `in-process`: dispatch on the host's
// thread, as before the backend thread.
//
//   tsx test/bench/host-stall-worker.ts thread|in-process LEDGER.sqlite SHEET.xlsx

const [mode, dbFile, sheet] = process.argv.slice(2) as ['thread' | 'in-process', string, string];

let invoke: Invoke;
let close: () => Promise<void>;
if (mode === 'thread') {
  const thread = startBackendThread({ file: dbFile, logDir: path.join(path.dirname(dbFile), 'logs') });
  await thread.ready;
  invoke = thread.invoke;
  close = thread.close;
} else {
  const db = await openLedgerDb(dbFile);
  const backend = { db, log: () => {} };
  invoke = (method, input) => dispatch(backend, method, input);
  close = db.close;
}

const api = { call: callerOf(invoke) };
const uploadId = await upload(api, 'members.xlsx', fs.readFileSync(sheet));

const stall = monitorEventLoopDelay({ resolution: 10 });
let slowestPollMs = 0;
let polls = 0;
/** Polls the job as the UI's progress bar does, timing each answer. */
async function follow(jobId: string): Promise<JobState> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const asked = performance.now();
    const state = await api.call('job.get', { jobId });
    slowestPollMs = Math.max(slowestPollMs, performance.now() - asked);
    polls++;
    if (state.state !== 'running') return state;
  }
}

stall.enable();
const started = performance.now();
const previewJob = await api.call('import.preview', { uploadId, kind: 'members' });
const previewed = await follow(previewJob.jobId);
if (previewed.state !== 'done') throw new Error(`preview ${previewed.state}: ${previewed.error?.message}`);
const previewMs = performance.now() - started;
const commitJob = await api.call('import.commit', { jobId: previewJob.jobId });
const committed = await follow(commitJob.jobId);
if (committed.state !== 'done' || !committed.result) throw new Error(`commit ${committed.state}: ${committed.error?.message}`);
const totalMs = performance.now() - started;
stall.disable();
await close();

process.stdout.write(
  `${JSON.stringify({
    mode,
    inserted: committed.result.counts.inserted,
    previewMs: Math.round(previewMs),
    commitMs: Math.round(totalMs - previewMs),
    hostLongestStallMs: Math.round(stall.max / 1e6),
    hostP99StallMs: Math.round(stall.percentile(99) / 1e6),
    slowestPollMs: Math.round(slowestPollMs),
    polls,
  })}\n`,
);
