import { performance } from 'node:perf_hooks';

/** Median milliseconds of `runs` calls after one warm-up call. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return round(samples[Math.floor(samples.length / 2)]!);
}

export const round = (n: number, digits = 3) => Number(n.toFixed(digits));

export interface Percentiles {
  p50: number;
  p95: number;
}

/** p50 and p95 milliseconds of `runs` calls after a warm-up call. */
export async function percentiles(runs: number, fn: () => unknown): Promise<Percentiles> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: round(samples[Math.floor(runs * 0.5)]!), p95: round(samples[Math.min(runs - 1, Math.floor(runs * 0.95))]!) };
}
