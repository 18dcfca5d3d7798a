/**
 * Saved compare runs, the pure part: the default name of a run, the run document for what
 * finished, and the mean curves as CSV. The library (src/lib/storage/library.ts) stores them.
 */
import type { Experiment } from '../../../agents/runner/experiment/spec';
import type { ExperimentSummary } from '../../../agents/runner/experiment/stats';
import { curvesToCsv } from '../../lib/storage/csv';
import { makeCompareRun, type CompareRunFile } from '../../lib/storage/run-format';
import { WORLD_CHOICES } from './experiment-form';
import type { TaskGrid } from './results';

/** The title of an experiment's world, as the world menu shows it. */
export function worldTitle(experiment: Experiment): string {
  const world = experiment.world;
  if (world.kind === 'gridworld') {
    if ('spec' in world) return world.spec.name;
    return WORLD_CHOICES.find((c) => c.value === `gridworld:${world.preset}`)?.title ?? world.preset;
  }
  if (world.kind === 'cartpole') return 'CartPole';
  return WORLD_CHOICES.find((c) => c.value === `arcade:${world.id.slice('arcade/'.length)}`)?.title ?? world.id;
}

/** "<world>: <labels>, <n> seeds". */
export function defaultRunName(experiment: Experiment): string {
  const n = experiment.seeds.length;
  return `${worldTitle(experiment)}: ${experiment.configs.map((c) => c.label).join(', ')}, ${n} ${n === 1 ? 'seed' : 'seeds'}`;
}

/** The run document of the finished tasks (stopped and failed ones are left out). */
export function runDocument(experiment: Experiment, tasks: TaskGrid, savedAt: Date): CompareRunFile {
  return makeCompareRun(experiment, tasks.flatMap((row) => row.flatMap((t) => (t.result ? [t.result] : []))), savedAt);
}

/** The mean curve of each configuration as CSV (series = label, x = env step, y = mean return; empty where no episode ended). */
export function meanCurvesCsv(summary: ExperimentSummary): string {
  return curvesToCsv(summary.configs.map((c) => ({ name: c.label, x: summary.bucketEnds, y: c.curve.mean.map((v) => (v === null ? Number.NaN : v)) })));
}

/** A file name from a run's name: letters, digits and dashes. */
export function fileNameOf(name: string, extension: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${base || 'floe-compare'}.${extension}`;
}
