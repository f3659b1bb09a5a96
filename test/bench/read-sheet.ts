import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readSheet } from '../../src-main/core/import/read/read-sheet';
import { peakRssMb } from './peak-rss';

// The sheet reader alone, on the calling thread (no worker): wall and CPU time of one readSheet
// of the whole sheet, and the process's peak RSS. Each run is its own process so that peak RSS
// and the JIT state belong to it; the parent prints the median of `runs`.
//
//   tsx test/bench/read-sheet.ts SHEET.xlsx [runs]

const [file, runsArg, child] = process.argv.slice(2) as [string, string | undefined, string | undefined];

if (child === 'child') {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let rows = 0;
  let cells = 0;
  await readSheet(file, {}, (batch) => {
    rows += batch.length;
    for (const r of batch) cells += r.cells.length;
  });
  const ms = Math.round(performance.now() - start);
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows, cells, peakRssMb: peakRssMb() }));
} else {
  const runs = Number(runsArg ?? 3);
  const self = fileURLToPath(import.meta.url);
  const results: { ms: number; cpuMs: number; rows: number; cells: number; peakRssMb: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, file, '1', 'child'], { encoding: 'utf8' });
    results.push(JSON.parse(out.trim().split('\n').at(-1) as string) as (typeof results)[number]);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(JSON.stringify({
    runs: results,
    medianMs: median(results.map((r) => r.ms)),
    medianCpuMs: median(results.map((r) => r.cpuMs)),
    maxPeakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
  }));
}
