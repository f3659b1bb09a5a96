import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Export of 100k members (the medium seed) against a raw exceljs streaming write of the same
// rows, each in a fresh process so peak RSS is its own. Issue 5 asks ≥ 0.8× the baseline's
// rows/s and ≤ 200 MB peak RSS.

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  rows: number;
  ms: number;
  rowsPerSecond: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

function node(args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export async function benchExportMembers(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const db = path.join(dir, 'ledger.sqlite');
  try {
    node(['src-main/cli/ledger.ts', 'init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会']);
    node(['src-main/cli/ledger.ts', 'seed', '--db', db, '--scale', 'medium', '--seed', '1']);
    const run = (mode: 'app' | 'raw') => JSON.parse(node(['test/bench/export-worker.ts', mode, db, path.join(dir, `${mode}.xlsx`)])) as Run;
    run('raw'); // warms the page cache for both
    const raw = run('raw');
    const app = run('app');
    return {
      rows: app.rows,
      exportMs: app.ms,
      exportRowsPerSecond: app.rowsPerSecond,
      exportPeakRssMb: app.peakRssMb,
      exportRssBeforeMb: app.rssBeforeMb,
      rawMs: raw.ms,
      rawRowsPerSecond: raw.rowsPerSecond,
      rawPeakRssMb: raw.peakRssMb,
      rawRssBeforeMb: raw.rssBeforeMb,
      ratioToRaw: Number((app.rowsPerSecond / raw.rowsPerSecond).toFixed(3)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(await benchExportMembers(), null, 2)}\n`);
}
