/**
 * The statistics of a compare: per configuration, the mean learning curve with a 95% confidence
 * band across seeds, and the results table, each number with its spread across seeds.
 *
 * - Spread of n per-seed values: the mean, the sample standard deviation (n - 1 in the
 *   denominator) and the half-width of the 95% confidence interval of the mean,
 *   t(0.975, n - 1) * sd / sqrt(n), with Student's t from the table below (4 decimals, as in
 *   printed tables; between rows the smaller degrees of freedom, which gives the wider, safer
 *   interval). sd and the half-width are null with fewer than 2 values; everything is null with
 *   none.
 * - Curve band: per bucket, the spread of the seeds' curve values there; seeds whose curve is
 *   still null in that bucket (no episode ended yet) are left out, and `n` says how many count.
 *   lower/upper = mean -/+ the half-width (null with fewer than 2 values).
 * - finalReturn: per seed, the mean of its last 10% of buckets (ceil(points / 10), at least 1),
 *   null buckets left out (a seed with none is left out).
 * - stepsToThreshold (only with a threshold): per seed, the end step of the first bucket whose
 *   value is >= threshold; `reached` seeds of `of`, and the spread over the seeds that reached it.
 * - auc: the area under the seed's curve by the trapezoid rule over the points (end of bucket b,
 *   value b), with the curve taken flat from step 0 to the first bucket's end and flat back to
 *   step 0 before its first value, divided by the steps: the average return over training.
 * - episodes: episodes per seed. timing.wallSeconds: seconds per seed (not deterministic, so it
 *   is kept apart from `results`).
 *
 * `summarize` takes any subset of the tasks' results (a stopped configuration has fewer seeds,
 * or none); each (configuration, seed) at most once.
 */
import { bucketEnds } from './curve';
import type { Experiment, ExperimentConfig } from './spec';
import type { TaskResult } from './task';

/** Two-sided 95% critical values of Student's t, t(0.975, df), by degrees of freedom. */
const T_TABLE: readonly (readonly [df: number, t: number])[] = [
  [1, 12.7062], [2, 4.3027], [3, 3.1824], [4, 2.7764], [5, 2.5706], [6, 2.4469], [7, 2.3646], [8, 2.306], [9, 2.2622], [10, 2.2281],
  [11, 2.201], [12, 2.1788], [13, 2.1604], [14, 2.1448], [15, 2.1314], [16, 2.1199], [17, 2.1098], [18, 2.1009], [19, 2.093], [20, 2.086],
  [21, 2.0796], [22, 2.0739], [23, 2.0687], [24, 2.0639], [25, 2.0595], [26, 2.0555], [27, 2.0518], [28, 2.0484], [29, 2.0452], [30, 2.0423],
  [40, 2.0211], [60, 2.0003], [120, 1.9799],
];
/** The normal distribution's value, for df beyond the table. */
const Z_975 = 1.96;

/** t(0.975, df): the table row of the largest df not above `df` (1.96 beyond 120). */
export function tCritical95(df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) throw new Error(`tCritical95: degrees of freedom must be a positive integer, got ${df}`);
  if (df > 120) return Z_975;
  let t = T_TABLE[0][1];
  for (const [rowDf, rowT] of T_TABLE) if (rowDf <= df) t = rowT;
  return t;
}

export interface Spread {
  /** Values that count (seeds with a value). */
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation; null with fewer than 2 values. */
  readonly sd: number | null;
  /** Half-width of the 95% confidence interval of the mean; null with fewer than 2 values. */
  readonly ci95: number | null;
}

/** The spread of some values (see the module doc); null values are left out. */
export function spreadOf(values: readonly (number | null)[]): Spread {
  const xs = values.filter((v): v is number => v !== null);
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n === 1) return { n, mean, sd: null, ci95: null };
  let squares = 0;
  for (const x of xs) squares += (x - mean) * (x - mean);
  const sd = Math.sqrt(squares / (n - 1));
  return { n, mean, sd, ci95: (tCritical95(n - 1) * sd) / Math.sqrt(n) };
}

export interface CurveBand {
  /** Per bucket: the mean over the seeds with a value there (null: none). */
  readonly mean: (number | null)[];
  /** mean - ci95 and mean + ci95 (null with fewer than 2 values). */
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
  /** Seeds with a value in each bucket. */
  readonly n: number[];
}

export interface ThresholdSpread extends Spread {
  /** Seeds whose curve reached the threshold (the spread is over these). */
  readonly reached: number;
  /** Seeds with results. */
  readonly of: number;
}

/** The results table row of one configuration: deterministic numbers only. */
export interface ConfigResults {
  readonly finalReturn: Spread;
  /** Null when the experiment has no threshold. */
  readonly stepsToThreshold: ThresholdSpread | null;
  readonly auc: Spread;
  readonly episodes: Spread;
}

export interface ConfigSummary {
  readonly label: string;
  readonly agent: string;
  readonly options: ExperimentConfig['options'];
  /** The seeds (master seeds) whose results are in, in the experiment's order. */
  readonly seeds: number[];
  readonly curve: CurveBand;
  readonly results: ConfigResults;
  /** Not deterministic: apart from `results`. */
  readonly timing: { readonly wallSeconds: Spread };
}

export interface ExperimentSummary {
  /** The last env step of each bucket: the x axis of every curve. */
  readonly bucketEnds: number[];
  readonly configs: ConfigSummary[];
}

/** Per seed: the mean of the last 10% of buckets (null buckets left out). */
export function finalReturn(curve: readonly (number | null)[]): number | null {
  const window = Math.max(1, Math.ceil(curve.length / 10));
  return spreadOf(curve.slice(curve.length - window)).mean;
}

/** Per seed: the end step of the first bucket at or above `threshold`, or null. */
export function stepsToThreshold(curve: readonly (number | null)[], ends: readonly number[], threshold: number): number | null {
  const b = curve.findIndex((v) => v !== null && v >= threshold);
  return b < 0 ? null : ends[b];
}

/** Per seed: the trapezoid area under the curve divided by the steps (see the module doc); null for an all-null curve. */
export function areaUnderCurve(curve: readonly (number | null)[], ends: readonly number[]): number | null {
  const first = curve.find((v): v is number => v !== null);
  if (first === undefined) return null;
  const ys = curve.map((v) => (v === null ? first : v)); // before its first value the curve is flat
  let area = ends[0] * ys[0];
  for (let b = 1; b < ys.length; b++) area += ((ends[b] - ends[b - 1]) * (ys[b - 1] + ys[b])) / 2;
  return area / ends[ends.length - 1];
}

function checkResults(experiment: Experiment, results: readonly TaskResult[]): void {
  const seen = new Set<string>();
  for (const r of results) {
    const key = `${r.configIndex}/${r.seedIndex}`;
    if (!(Number.isInteger(r.configIndex) && r.configIndex >= 0 && r.configIndex < experiment.configs.length)) throw new Error(`summarize: configIndex ${r.configIndex} is not a configuration of the experiment`);
    if (!(Number.isInteger(r.seedIndex) && r.seedIndex >= 0 && r.seedIndex < experiment.seeds.length)) throw new Error(`summarize: seedIndex ${r.seedIndex} is not a seed of the experiment`);
    if (seen.has(key)) throw new Error(`summarize: configuration ${r.configIndex}, seed index ${r.seedIndex} has two results`);
    seen.add(key);
    if (r.curve.length !== experiment.points) throw new Error(`summarize: configuration ${r.configIndex}, seed index ${r.seedIndex} has a curve of ${r.curve.length} points, expected ${experiment.points}`);
  }
}

function curveBand(curves: readonly (readonly (number | null)[])[], points: number): CurveBand {
  const band: CurveBand = { mean: [], lower: [], upper: [], n: [] };
  for (let b = 0; b < points; b++) {
    const s = spreadOf(curves.map((curve) => curve[b]));
    band.mean.push(s.mean);
    band.lower.push(s.mean === null || s.ci95 === null ? null : s.mean - s.ci95);
    band.upper.push(s.mean === null || s.ci95 === null ? null : s.mean + s.ci95);
    band.n.push(s.n);
  }
  return band;
}

/** The statistics of an experiment's task results (see the module doc). */
export function summarize(experiment: Experiment, results: readonly TaskResult[]): ExperimentSummary {
  checkResults(experiment, results);
  const ends = bucketEnds(experiment.steps, experiment.points);
  const configs = experiment.configs.map((config, c): ConfigSummary => {
    // Seed order, whatever order the pool finished them in.
    const mine = results.filter((r) => r.configIndex === c).sort((a, b) => a.seedIndex - b.seedIndex);
    const curves = mine.map((r) => r.curve);
    let threshold: ThresholdSpread | null = null;
    if (experiment.threshold !== undefined) {
      const level = experiment.threshold;
      const steps = curves.map((curve) => stepsToThreshold(curve, ends, level));
      const spread = spreadOf(steps);
      threshold = { ...spread, reached: spread.n, of: mine.length };
    }
    return {
      label: config.label,
      agent: config.agent,
      options: config.options,
      seeds: mine.map((r) => experiment.seeds[r.seedIndex]),
      curve: curveBand(curves, experiment.points),
      results: {
        finalReturn: spreadOf(curves.map(finalReturn)),
        stepsToThreshold: threshold,
        auc: spreadOf(curves.map((curve) => areaUnderCurve(curve, ends))),
        episodes: spreadOf(mine.map((r) => r.episodes)),
      },
      timing: { wallSeconds: spreadOf(mine.map((r) => r.wallSeconds)) },
    };
  });
  return { bucketEnds: ends, configs };
}
