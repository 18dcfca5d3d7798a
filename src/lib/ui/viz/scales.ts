/**
 * Scales and ticks for the visual kit's plots: linear maps from data to pixels and back, "nice"
 * tick values (1, 2 or 5 times a power of ten), and padded extents. Pure functions, no DOM.
 */

export type Interval = readonly [number, number];

export interface LinearScale {
  /** The pixel (or other range value) for a data value. */
  (value: number): number;
  /** The data value at a pixel. */
  invert(position: number): number;
  readonly domain: Interval;
  readonly range: Interval;
}

/** A linear map from `domain` onto `range` (a reversed range is fine: SVG y grows downwards). */
export function linearScale(domain: Interval, range: Interval): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (!(Number.isFinite(d0) && Number.isFinite(d1) && d0 !== d1)) throw new Error(`scale: the domain must be two different finite numbers, got [${d0}, ${d1}]`);
  const k = (r1 - r0) / (d1 - d0);
  const scale = ((value: number) => r0 + (value - d0) * k) as LinearScale;
  return Object.assign(scale, {
    invert: (position: number) => d0 + (position - r0) / k,
    domain: [d0, d1] as Interval,
    range: [r0, r1] as Interval,
  });
}

/** The tick step for about `count` ticks over `span`: 1, 2 or 5 times a power of ten. */
export function tickStep(span: number, count: number): number {
  const raw = Math.abs(span) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const fraction = raw / power;
  const nice = fraction >= 7.5 ? 10 : fraction >= 3.5 ? 5 : fraction >= 1.5 ? 2 : 1;
  return nice * power;
}

/** Tick values inside [min, max] at a nice step; exact multiples of it (no 0.30000000000000004). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (lo === hi) return [lo];
  const step = tickStep(hi - lo, count);
  const decimals = decimalsFor(step);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return ticks;
}

/** Decimals that show a step exactly (0.25 needs 2, 5 needs 0). */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let d = 0; d < 12; d++) {
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9 * 10 ** d) return d;
  }
  return 12;
}

/** A tick label: fixed decimals from the ticks' step, a real minus sign, no "-0". */
export function formatTick(value: number, ticks: readonly number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = decimalsFor(step);
  const text = Math.abs(value) < 10_000 || decimals > 0 ? value.toFixed(decimals) : value.toExponential(1);
  const clean = Number(text) === 0 ? text.replace('-', '') : text;
  return clean.replace('-', '−');
}

/** The smallest and largest finite values, or null when there are none. */
export function extent(...arrays: readonly ArrayLike<number>[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** `interval` widened by `fraction` of its width on each side; a single value gets +-1. */
export function padInterval(interval: Interval, fraction = 0.05): [number, number] {
  const [a, b] = interval;
  if (a === b) return [a - 1, b + 1];
  const pad = (b - a) * fraction;
  return [a - pad, b + pad];
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
