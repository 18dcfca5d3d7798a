/** Wall-clock helpers for the benchmarks: a monotonic clock, the median and a duration loop. */

export function now(): number {
  return performance.now();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A runner advances some work by about `ms` milliseconds and returns units done per second. */
export type RateRun = (ms: number) => number;

export interface RateResult {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Warms every runner up, then takes `runs` timed runs of each, interleaved (a, b, a, b, ...) so
 * that a slow patch of the machine hits all of them alike. Returns each runner's median rate.
 */
export function interleavedRates(runners: readonly RateRun[], runs = 5, runMs = 1000, warmupMs = 500): RateResult[] {
  for (const run of runners) run(warmupMs);
  const rates = runners.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) runners.forEach((run, k) => rates[k].push(run(runMs)));
  return rates.map((r) => ({ median: median(r), min: Math.min(...r), max: Math.max(...r) }));
}

/** Calls `gc()` when node runs with --expose-gc; returns whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  for (let i = 0; i < 3; i++) gc();
  return true;
}
