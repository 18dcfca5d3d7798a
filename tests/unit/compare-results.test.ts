/** The compare page's aggregation (src/pages/compare/results.ts): live bands, progress, result rows, sorting, formatting. */
import { describe, expect, it } from 'vitest';
import { buildModel, GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { summarize } from '../../agents/runner/experiment/stats';
import type { TaskProgress, TaskResult } from '../../agents/runner/experiment/task';
import {
  chartSeries,
  configProgress,
  finishedSummary,
  formatSpread,
  initialTasks,
  liveSummary,
  resultRows,
  sortRows,
  type ResultRow,
  type TaskState,
} from '../../src/pages/compare/results';
import { miniScene } from '../../src/pages/compare/mini-scene';

const experiment = checkExperiment({
  format: 'floe-experiment',
  version: 1,
  world: { kind: 'gridworld', preset: 'cliff-walk' },
  configs: [
    { label: 'A', agent: 'q-learning' },
    { label: 'B', agent: 'sarsa' },
  ],
  seeds: 3,
  steps: 40,
  points: 4,
  threshold: -20,
});

const result = (configIndex: number, seedIndex: number, curve: (number | null)[], wallSeconds = 1): TaskResult => ({
  configIndex, seedIndex, seed: seedIndex, steps: 40, curve, episodes: 2, wallSeconds,
});
const progress = (configIndex: number, seedIndex: number, curve: (number | null)[], stepsDone: number): TaskProgress => ({
  configIndex, seedIndex, seed: seedIndex, stepsDone, steps: 40, episodes: 1, curve, done: false,
});

function grid(): TaskState[][] {
  const tasks = initialTasks(experiment);
  tasks[0][0] = { status: 'done', progress: null, result: result(0, 0, [-50, -30, -20, -10]) };
  tasks[0][1] = { status: 'done', progress: null, result: result(0, 1, [-60, -40, -30, -18]) };
  tasks[0][2] = { status: 'running', progress: progress(0, 2, [-70, -50], 25), result: null };
  tasks[1][0] = { status: 'done', progress: null, result: result(1, 0, [null, -25, -25, -25], 2) };
  return tasks;
}

describe('compare results', () => {
  it('live curves count running tasks\' prefixes; the results only finished runs', () => {
    const tasks = grid();
    const live = liveSummary(experiment, tasks);
    expect(live.bucketEnds).toEqual([10, 20, 30, 40]);
    expect(live.configs[0].curve.n).toEqual([3, 3, 2, 2]);
    expect(live.configs[0].curve.mean[0]).toBeCloseTo(-60);
    expect(live.configs[1].curve.n).toEqual([0, 1, 1, 1]);
    const finished = finishedSummary(experiment, tasks);
    expect(finished.configs[0].seeds).toEqual([0, 1]);
    expect(finished.configs[0].curve.n).toEqual([2, 2, 2, 2]);
    expect(finished).toEqual(summarize(experiment, [tasks[0][0].result, tasks[0][1].result, tasks[1][0].result] as TaskResult[]));
  });

  it('chart series: the mean on the bucket ends and the band, NaN where there is none', () => {
    const series = chartSeries(liveSummary(experiment, grid()), ['#111', '#222']);
    expect(series.map((s) => [s.label, s.color])).toEqual([['A', '#111'], ['B', '#222']]);
    expect(series[0].x).toEqual([10, 20, 30, 40]);
    expect(Array.from(series[0].band?.lo ?? []).every(Number.isFinite)).toBe(true);
    expect(Number.isNaN(series[1].y[0])).toBe(true);
    expect(Array.from(series[1].band?.hi ?? []).every(Number.isNaN)).toBe(true); // one seed: no band
  });

  it('progress per configuration', () => {
    const tasks = grid();
    expect(configProgress(experiment, tasks[0])).toEqual({ done: 2, running: 1, stopped: 0, failed: 0, seeds: 3, stepsDone: 105, stepsTotal: 120 });
    tasks[1][1] = { status: 'stopped', progress: null, result: null };
    expect(configProgress(experiment, tasks[1])).toMatchObject({ done: 1, running: 0, stopped: 1, stepsDone: 40 });
  });

  it('sorts by any column, best first; rows without a value last either way', () => {
    const rows = resultRows(finishedSummary(experiment, grid()));
    expect(rows.map((r) => r.runs)).toEqual([2, 1]);
    expect(rows[0].stepsToThreshold).toMatchObject({ reached: 2, of: 2, mean: 35 });
    const labels = (sorted: ResultRow[]) => sorted.map((r) => r.label);
    expect(labels(sortRows(rows, 'finalReturn', 'descending'))).toEqual(['A', 'B']);
    expect(labels(sortRows(rows, 'finalReturn', 'ascending'))).toEqual(['B', 'A']);
    expect(labels(sortRows(rows, 'wallSeconds', 'ascending'))).toEqual(['A', 'B']);
    expect(labels(sortRows(rows, 'wallSeconds', 'descending'))).toEqual(['B', 'A']);
    expect(labels(sortRows(rows, 'label', 'descending'))).toEqual(['B', 'A']);
    // B never reached -20: last in both directions.
    expect(rows[1].stepsToThreshold?.mean).toBeNull();
    expect(labels(sortRows(rows, 'stepsToThreshold', 'ascending'))).toEqual(['A', 'B']);
    expect(labels(sortRows(rows, 'stepsToThreshold', 'descending'))).toEqual(['A', 'B']);
    // Ties keep the configurations' order.
    const tied = rows.map((r) => ({ ...r, auc: { n: 1, mean: 5, sd: null, ci95: null } }));
    expect(labels(sortRows(tied, 'auc', 'descending'))).toEqual(['A', 'B']);
  });

  it('formats mean ± ci95, the mean alone for one seed, a dash for none', () => {
    expect(formatSpread({ n: 3, mean: -17.25, sd: 1, ci95: 2.484 })).toBe('−17.3 ± 2.5');
    expect(formatSpread({ n: 1, mean: 12345.6, sd: null, ci95: null }, 0)).toBe('12,346');
    expect(formatSpread({ n: 0, mean: null, sd: null, ci95: null })).toBe('–');
    expect(formatSpread({ n: 2, mean: -0.01, sd: 0, ci95: 0 })).toBe('0.0 ± 0.0');
    expect(formatSpread(null)).toBe('–');
  });

  it('the small gridworld: the penguin, values and arrows of the view; none on end states', () => {
    const model = buildModel(GRIDWORLD_PRESETS['cliff-walk'].spec);
    const empty = miniScene(model, null);
    expect(empty.penguin).toBe(model.starts[0]);
    expect(empty.values).toBeNull();
    expect(empty.overlays.size).toBe(0);
    const policy = Array.from({ length: model.nS * 4 }, () => 0.25);
    const values = Array.from({ length: model.nS }, (_, s) => -s);
    const scene = miniScene(model, { kind: 'grid', state: 5, values, policy, nS: model.nS, nA: 4 });
    expect(scene.penguin).toBe(5);
    expect(scene.values).toEqual(values);
    const goal = model.nS - 1;
    expect(model.terminal(goal)).toBe(true);
    expect(scene.policy?.slice(goal * 4, goal * 4 + 4)).toEqual([0, 0, 0, 0]);
    expect([...scene.overlays]).toEqual(['values', 'policy']);
    // A view of another world is not drawn.
    expect(miniScene(model, { kind: 'grid', state: 1, values: [0], policy: [1, 0, 0, 0], nS: 1, nA: 4 }).values).toBeNull();
  });
});
