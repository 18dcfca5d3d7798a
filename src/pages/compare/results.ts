/**
 * From the tasks' state to what the compare page shows: the live curves (mean and 95% band over
 * every seed with a value, finished or still running), the progress of each configuration, and
 * the results table (finished runs only), sortable by any column. Pure: Node tests run it.
 *
 * Live curves go through summarize() like the final ones: a running task's curve is the prefix of
 * its final curve (curve.ts), padded with nulls, and summarize leaves null buckets out of a band.
 */
import { summarize, type ExperimentSummary, type Spread, type ThresholdSpread } from '../../../agents/runner/experiment/stats';
import type { Experiment } from '../../../agents/runner/experiment/spec';
import type { TaskProgress, TaskResult } from '../../../agents/runner/experiment/task';
import type { ChartSeries } from '../../lib/ui/chart/series';

export type TaskStatus = 'queued' | 'running' | 'done' | 'stopped' | 'failed';

export interface TaskState {
  readonly status: TaskStatus;
  readonly progress: TaskProgress | null;
  readonly result: TaskResult | null;
}

/** tasks[configIndex][seedIndex]. */
export type TaskGrid = readonly (readonly TaskState[])[];

export function initialTasks(experiment: Experiment): TaskState[][] {
  return experiment.configs.map(() => experiment.seeds.map((): TaskState => ({ status: 'queued', progress: null, result: null })));
}

/** A running task's curve so far as a result-shaped record (nulls for the buckets not yet closed). */
function partialResult(experiment: Experiment, progress: TaskProgress): TaskResult {
  const curve = progress.curve.slice(0, experiment.points);
  while (curve.length < experiment.points) curve.push(null);
  return { configIndex: progress.configIndex, seedIndex: progress.seedIndex, seed: progress.seed, steps: progress.steps, curve, episodes: progress.episodes, wallSeconds: 0 };
}

/** Curves over every task with a value: finished results, and running (or stopped) tasks' curves so far. */
export function liveSummary(experiment: Experiment, tasks: TaskGrid): ExperimentSummary {
  const records: TaskResult[] = [];
  for (const row of tasks) {
    for (const task of row) {
      if (task.result) records.push(task.result);
      else if (task.progress) records.push(partialResult(experiment, task.progress));
    }
  }
  return summarize(experiment, records);
}

/** The statistics of the finished runs only (a stopped configuration counts the seeds it finished). */
export function finishedSummary(experiment: Experiment, tasks: TaskGrid): ExperimentSummary {
  return summarize(experiment, tasks.flatMap((row) => row.flatMap((task) => (task.result ? [task.result] : []))));
}

const toNumber = (v: number | null): number => (v === null ? Number.NaN : v);

/** One chart series per configuration: the mean curve and its 95% band, on the bucket ends. */
export function chartSeries(summary: ExperimentSummary, colors: readonly string[]): ChartSeries[] {
  return summary.configs.map((config, i) => ({
    label: config.label,
    color: colors[i % colors.length],
    x: summary.bucketEnds,
    y: config.curve.mean.map(toNumber),
    band: { lo: config.curve.lower.map(toNumber), hi: config.curve.upper.map(toNumber) },
  }));
}

export interface ConfigProgress {
  /** Runs finished, of the experiment's seeds. */
  readonly done: number;
  readonly running: number;
  readonly stopped: number;
  readonly failed: number;
  readonly seeds: number;
  /** Env steps taken over all its runs, and the steps all of them need. */
  readonly stepsDone: number;
  readonly stepsTotal: number;
}

export function configProgress(experiment: Experiment, row: readonly TaskState[]): ConfigProgress {
  let stepsDone = 0;
  const count = (status: TaskStatus) => row.filter((t) => t.status === status).length;
  for (const task of row) stepsDone += task.result ? task.result.steps : (task.progress?.stepsDone ?? 0);
  return { done: count('done'), running: count('running'), stopped: count('stopped'), failed: count('failed'), seeds: row.length, stepsDone, stepsTotal: row.length * experiment.steps };
}

export interface ResultRow {
  readonly index: number;
  readonly label: string;
  readonly agent: string;
  /** Seeds whose run finished. */
  readonly runs: number;
  readonly finalReturn: Spread;
  readonly stepsToThreshold: ThresholdSpread | null;
  readonly auc: Spread;
  readonly episodes: Spread;
  /** Seconds per run (stepping time, not deterministic). */
  readonly wallSeconds: Spread;
}

export function resultRows(summary: ExperimentSummary): ResultRow[] {
  return summary.configs.map((config, index) => ({
    index,
    label: config.label,
    agent: config.agent,
    runs: config.seeds.length,
    finalReturn: config.results.finalReturn,
    stepsToThreshold: config.results.stepsToThreshold,
    auc: config.results.auc,
    episodes: config.results.episodes,
    wallSeconds: config.timing.wallSeconds,
  }));
}

export type SortKey = 'label' | 'finalReturn' | 'stepsToThreshold' | 'auc' | 'wallSeconds';
export type SortDirection = 'ascending' | 'descending';

/** The direction a column sorts in first: best first (high returns and areas, few steps and seconds). */
export const FIRST_DIRECTION: Readonly<Record<SortKey, SortDirection>> = {
  label: 'ascending',
  finalReturn: 'descending',
  stepsToThreshold: 'ascending',
  auc: 'descending',
  wallSeconds: 'ascending',
};

function sortValue(row: ResultRow, key: SortKey): number | string | null {
  switch (key) {
    case 'label':
      return row.label;
    case 'stepsToThreshold':
      return row.stepsToThreshold?.mean ?? null;
    default:
      return row[key].mean;
  }
}

/**
 * The rows sorted by a column; rows without a value there (no finished run, threshold never
 * reached) go last in either direction, and ties keep the configurations' order.
 */
export function sortRows(rows: readonly ResultRow[], key: SortKey, direction: SortDirection): ResultRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows.slice().sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    const order = typeof va === 'string' ? va.localeCompare(String(vb)) : va - (vb as number);
    return order !== 0 ? sign * order : a.index - b.index;
  });
}

/** `mean ± ci95` with the spread's precision; '–' without a value, the mean alone with one seed. */
export function formatSpread(spread: Spread | null, digits = 1): string {
  if (spread === null || spread.mean === null) return '–';
  const mean = formatNumber(spread.mean, digits);
  return spread.ci95 === null ? mean : `${mean} ± ${formatNumber(spread.ci95, digits)}`;
}

export function formatNumber(value: number, digits: number): string {
  // No "−0.0": a value that rounds to zero is shown as zero.
  const rounded = Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value;
  const text = rounded.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return text.replace('-', '−');
}
