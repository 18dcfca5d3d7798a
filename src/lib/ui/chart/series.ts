/**
 * Pure helpers behind LineChart: smoothing, laying series out on one shared x axis (uPlot wants
 * "aligned" columns), and the text summary read by screen readers. No DOM, no uPlot: these run in
 * Vitest under Node.
 */

/** A shaded band around a series, e.g. min..max or mean ± std across seeds. */
export interface ChartBand {
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
}

/** One curve. `x` must be ascending; `y`, `band.lo` and `band.hi` have the length of `x`. */
export interface ChartSeries {
  readonly label: string;
  /** Any CSS colour; defaults to the theme's series palette. */
  readonly color?: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly band?: ChartBand;
}

/**
 * Trailing moving average: `out[i]` is the mean of the finite values among
 * `values[i - window + 1 .. i]`. The first points average over the shorter prefix, so the result
 * has the input's length and no warm-up gap. Non-finite inputs (NaN, ±Infinity) are skipped; a
 * window that holds none of them gives NaN. O(n) with a running sum.
 *
 * @param window number of points averaged, a positive integer (1 returns a copy).
 */
export function movingAverage(values: ArrayLike<number>, window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`Expected window to be a positive integer, but got ${window}`);
  }
  const n = values.length;
  const out = new Array<number>(n);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      sum += v;
      count += 1;
    }
    if (i >= window) {
      const old = values[i - window];
      if (Number.isFinite(old)) {
        sum -= old;
        count -= 1;
      }
    }
    // NOTE: recompute exactly when the window empties so rounding error from the running sum
    // cannot leak into later windows.
    if (count === 0) sum = 0;
    out[i] = count > 0 ? sum / count : Number.NaN;
  }
  return out;
}

/** Where one input series lives among the uPlot series (index 0 is x). */
export interface SeriesSlots {
  /** The series drawn bold: the moving average when smoothing, else the raw values. */
  readonly line: number;
  /** The faint raw series, present only when smoothing. */
  readonly raw: number | null;
  /** Upper and lower band edges, present only when the series has a band. */
  readonly band: { readonly hi: number; readonly lo: number } | null;
}

export interface ChartLayout {
  readonly slots: readonly SeriesSlots[];
  /** Number of uPlot series including x. */
  readonly count: number;
}

/**
 * Decides the uPlot series order: all band edges first (drawn underneath), then the faint raw
 * lines, then the bold lines on top.
 */
export function chartLayout(
  series: readonly Pick<ChartSeries, 'band'>[],
  smoothing: boolean,
): ChartLayout {
  let next = 1;
  const bands = series.map((s) => {
    if (!s.band) return null;
    const hi = next++;
    const lo = next++;
    return { hi, lo };
  });
  const raws = series.map(() => (smoothing ? next++ : null));
  const lines = series.map(() => next++);
  return {
    slots: series.map((_, i) => ({ line: lines[i], raw: raws[i], band: bands[i] })),
    count: next,
  };
}

export interface AlignOptions {
  /** Moving-average window; 1 or less draws the raw series only. */
  readonly window: number;
  /** Drop values <= 0 (they have no place on a log axis). */
  readonly logY: boolean;
}

export type Column = (number | null)[];

/**
 * The data columns for uPlot, in the order of `chartLayout`: `[x, ...columns]`. Series with
 * different x values are merged onto the sorted union of all x; a series has null where it has no
 * point (the chart spans those gaps). Non-finite values become null.
 */
export function alignSeries(series: readonly ChartSeries[], opts: AlignOptions): [number[], ...Column[]] {
  const smoothing = opts.window > 1;
  const layout = chartLayout(series, smoothing);
  const x = unionX(series);
  const columns: Column[] = new Array<Column>(layout.count - 1);
  const clean = (v: number): number | null =>
    Number.isFinite(v) && !(opts.logY && v <= 0) ? v : null;
  const smooth = (v: ArrayLike<number>) => (smoothing ? movingAverage(v, opts.window) : v);

  series.forEach((s, i) => {
    const slot = layout.slots[i];
    const place = (values: ArrayLike<number>) => spread(s.x, values, x, clean);
    columns[slot.line - 1] = place(smooth(s.y));
    if (slot.raw !== null) columns[slot.raw - 1] = place(s.y);
    if (slot.band && s.band) {
      columns[slot.band.hi - 1] = place(smooth(s.band.hi));
      columns[slot.band.lo - 1] = place(smooth(s.band.lo));
    }
  });
  return [x, ...columns];
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every series has the same x values (then nothing is merged and gaps are real). */
export function sharesX(series: readonly Pick<ChartSeries, 'x'>[]): boolean {
  return series.every((s) => sameValues(s.x, series[0].x));
}

/** The sorted union of every series' x (fast path: all series share one x). */
export function unionX(series: readonly Pick<ChartSeries, 'x'>[]): number[] {
  if (series.length === 0) return [];
  if (sharesX(series)) return Array.from(series[0].x, (v) => v);
  const all: number[] = [];
  for (const s of series) for (let i = 0; i < s.x.length; i++) if (Number.isFinite(s.x[i])) all.push(s.x[i]);
  all.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of all) if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  return out;
}

/** Puts `values` (indexed like the ascending `xs`) onto the union axis `x`. */
function spread(
  xs: ArrayLike<number>,
  values: ArrayLike<number>,
  x: readonly number[],
  clean: (v: number) => number | null,
): Column {
  const out: Column = new Array<number | null>(x.length);
  if (xs.length === x.length && (xs === x || sameValues(xs, x))) {
    for (let j = 0; j < x.length; j++) out[j] = j < values.length ? clean(values[j]) : null;
    return out;
  }
  let p = 0;
  for (let j = 0; j < x.length; j++) {
    while (p < xs.length && !(xs[p] >= x[j])) p++;
    // Several points at one x: the last one wins.
    while (p + 1 < xs.length && xs[p + 1] === x[j]) p++;
    out[j] = p < xs.length && xs[p] === x[j] && p < values.length ? clean(values[p]) : null;
  }
  return out;
}

/** The last finite value and its index, or null. */
export function lastFinite(values: ArrayLike<number | null>): { index: number; value: number } | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) return { index: i, value: v };
  }
  return null;
}

/** A short number for legends, tooltips and summaries: 4 significant digits, -0 shown as 0. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e6 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
  return s === '-0' ? '0' : s.replace('-', '−');
}

export interface SummaryOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly window: number;
}

/** The chart as one sentence per series, for `aria-label`. */
export function summarizeChart(series: readonly ChartSeries[], opts: SummaryOptions): string {
  const what = opts.yLabel ?? 'value';
  const along = opts.xLabel ?? 'x';
  const head = `${opts.title ? `${opts.title}. ` : ''}Line chart of ${what} against ${along}`;
  if (series.length === 0 || series.every((s) => s.y.length === 0)) return `${head}: no data yet.`;
  const parts = series.map((s) => {
    const last = lastFinite(Array.from(s.y));
    if (!last) return `${s.label}: no data yet`;
    let text = `${s.label}: ${s.y.length} points, last ${formatValue(last.value)} at ${along} ${formatValue(s.x[last.index])}`;
    if (opts.window > 1) {
      const tail = Array.from(s.y).slice(-opts.window);
      const ma = movingAverage(tail, tail.length);
      text += `, moving average over ${opts.window} points ${formatValue(ma[ma.length - 1])}`;
    }
    if (s.band) {
      text += `, band ${formatValue(s.band.lo[last.index])} to ${formatValue(s.band.hi[last.index])}`;
    }
    return text;
  });
  return `${head}. ${parts.join('. ')}.`;
}
