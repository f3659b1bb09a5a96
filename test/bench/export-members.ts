import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// Export of 100k members (the medium seed) against a raw exceljs streaming write of the same
// rows. Both run in fresh processes from the same esbuild bundle on plain node (tsx's compiler
// would otherwise sit in the RSS), packages external as in the app's main bundle, so each
// peak RSS (VmHWM, see peak-rss.ts) is that export's own. Issue 5 asks ≥ 0.8× the
// baseline's rows/s and ≤ 200 MB peak RSS.

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

function tsx(args: string[]): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
}

/** Bundles the worker into node_modules/.cache, where its external packages resolve; returns its entry. */
export async function bundleExportWorker(outdir: string): Promise<string> {
  await build({
    entryPoints: [path.join(root, 'test/bench/export-worker.ts')],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return path.join(outdir, 'export-worker.js');
}

export function runExportWorker(worker: string, mode: 'app' | 'raw', db: string, out: string, nodeArgs: string[] = []): Run {
  const result = spawnSync(process.execPath, [...nodeArgs, worker, mode, db, out], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`export worker ${mode} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Run;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchExportMembers(rounds = 3): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const bundleDir = fs.mkdtempSync(path.join(root, 'node_modules', '.cache', 'ledger-bench-export-'));
  try {
    const db = path.join(dir, 'ledger.sqlite');
    tsx(['src-main/cli/ledger.ts', 'init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会']);
    tsx(['src-main/cli/ledger.ts', 'seed', '--db', db, '--scale', 'medium', '--seed', '1']);
    const worker = await bundleExportWorker(bundleDir);
    const run = (mode: 'app' | 'raw') => runExportWorker(worker, mode, db, path.join(dir, `${mode}.xlsx`));
    run('raw'); // warms the page cache for both
    // Alternating rounds, so a burst of load on the machine hits both sides alike.
    const raws: Run[] = [];
    const apps: Run[] = [];
    for (let i = 0; i < rounds; i++) {
      raws.push(run('raw'));
      apps.push(run('app'));
    }
    const raw = { ms: median(raws.map((r) => r.ms)), peakRssMb: Math.max(...raws.map((r) => r.peakRssMb)), rssBeforeMb: median(raws.map((r) => r.rssBeforeMb)) };
    const app = { ms: median(apps.map((r) => r.ms)), peakRssMb: Math.max(...apps.map((r) => r.peakRssMb)), rssBeforeMb: median(apps.map((r) => r.rssBeforeMb)) };
    const rows = apps[0]!.rows;
    return {
      rows,
      rounds,
      exportMs: app.ms,
      exportRowsPerSecond: Math.round(rows / (app.ms / 1000)),
      exportPeakRssMb: app.peakRssMb,
      exportRssBeforeMb: app.rssBeforeMb,
      rawMs: raw.ms,
      rawRowsPerSecond: Math.round(raws[0]!.rows / (raw.ms / 1000)),
      rawPeakRssMb: raw.peakRssMb,
      rawRssBeforeMb: raw.rssBeforeMb,
      ratioToRaw: Number((raw.ms / app.ms).toFixed(3)),
      peakRssRatioToRaw: Number((app.peakRssMb / raw.peakRssMb).toFixed(3)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(bundleDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchExportMembers(), null, 2)}\n`);
}
