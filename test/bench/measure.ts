import { performance } from 'node:perf_hooks';
import { dispatch, type Backend } from '../../src-main/core/api/dispatch';

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

/** A dispatcher call that throws on an error envelope, for benches that only want the value. */
export function dispatchCaller(backend: Backend) {
  return async (method: string, input: unknown) => {
    const result = await dispatch(backend, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
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
