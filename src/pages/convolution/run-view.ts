/**
 * Small helpers the convolution page's trained parts share: curves from the worker's metrics log
 * put on the right x axis, and numbers written the page's way.
 */
import type { SeriesSet } from '../../../agents/runner/metrics';

/**
 * The metrics log plots each metric against its own count (agents/runner/metrics.ts). A metric
 * measured at step 0 and then every `every` steps has its k-th point at step (k - 1) * every:
 * this puts the chosen series on that axis (decimated points included: the map is linear).
 */
export function onStepAxis(series: SeriesSet, keys: readonly string[], every: number): SeriesSet {
  const out: SeriesSet = {};
  for (const key of keys) {
    const s = series[key];
    if (s) out[key] = { ...s, x: s.x.map((x) => (x - 1) * every) };
  }
  return out;
}

/** 0.1734 -> '17.3%'; null -> '—'. */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(100 * value).toFixed(digits)}%`;
}

/** 59065 -> '59,065'. */
export function count(value: number): string {
  return value.toLocaleString('en');
}
