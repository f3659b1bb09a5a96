import { performance } from 'node:perf_hooks';
import { openLedgerDb } from '../../src-main/core/db/open';
import { peakRssMb } from './peak-rss';

// One measured export in its own process, so peak RSS belongs to that export alone. The bench
// bundles this file with esbuild and runs it with plain node, like the app's own main bundle.
// `app`: export.roster of every member through dispatch (masking, styles, the app's read path).
// `raw`: the baseline — one prepared statement over the same rows, each written straight to
// exceljs' streaming writer with no styles and no masking. Each mode loads only its own code.

const [mode, db, out] = process.argv.slice(2) as ['app' | 'raw', string, string];
const ledger = await openLedgerDb(db);
const run = mode === 'app' ? (await import('./export-worker-app')).exportApp : (await import('./export-worker-raw')).exportRaw;
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const cpuBefore = process.cpuUsage();
const start = performance.now();
const rows = await run(ledger, out);
const ms = performance.now() - start;
// CPU time of all the process's threads (deflate runs on the thread pool): steadier than wall time on a busy machine.
const cpu = process.cpuUsage(cpuBefore);
await ledger.close();
const peakRss = peakRssMb();
process.stdout.write(`${JSON.stringify({ mode, rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)), cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb: peakRss, rssBeforeMb })}\n`);
