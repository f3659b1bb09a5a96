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
