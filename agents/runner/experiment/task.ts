/**
 * Experiment tasks with deep agents too: the session factory that builds createDeepSession runs
 * (this file loads TensorFlow.js; task-run.ts has the TaskRun itself and the tabular factory),
 * `createTaskRun` and `runTask`, which run either kind. See task-run.ts for what a task is.
 */
import { createDeepSession } from '../deep-session';
import { resolvePageOptions } from '../../deep/catalogue';
import { deepPageOptions, gridworldSpecOf, isDeepConfig, type Experiment } from './spec';
import { tabularSessions, TaskRun, type SessionFactory, type TaskOptions, type TaskProgress, type TaskResult } from './task-run';

export * from './task-run';

/** Tabular learners through tabularSessions; deep agents through createDeepSession (whole batches of nEnvs steps). */
export const allSessions: SessionFactory = (experiment, config, seed) => {
  if (!isDeepConfig(config)) return tabularSessions(experiment, config, seed);
  const world = experiment.world;
  const deepWorld = world.kind === 'cartpole' ? 'cartpole' : world.kind === 'arcade' ? world.id : (gridworldSpecOf(world) as NonNullable<ReturnType<typeof gridworldSpecOf>>);
  const options = resolvePageOptions(config.agent, deepPageOptions(config.options));
  const session = createDeepSession({ world: deepWorld, agent: config.agent, options, seed });
  return { session, stepsPerUnit: session.agent.nEnvs };
};

/** A TaskRun of any configuration, tabular or deep. */
export function createTaskRun(experiment: Experiment, configIndex: number, seedIndex: number, options: TaskOptions = {}): TaskRun {
  return new TaskRun(experiment, configIndex, seedIndex, { ...options, sessions: allSessions });
}

export interface RunTaskOptions extends TaskOptions {
  /** Env steps between progress reports (default: one bucket's width, steps / points, rounded up). */
  readonly chunkSteps?: number;
  /** Called after every chunk (a worker posts it as a frame; the CLI prints a line now and then). */
  readonly onProgress?: (progress: TaskProgress) => void;
}

/** Runs task (configIndex, seedIndex) to the end in chunks and returns its result (the session is disposed). */
export function runTask(experiment: Experiment, configIndex: number, seedIndex: number, options: RunTaskOptions = {}): TaskResult {
  const run = createTaskRun(experiment, configIndex, seedIndex, options);
  try {
    const chunk = options.chunkSteps ?? Math.ceil(run.steps / run.points);
    while (!run.done) {
      const progress = run.step(chunk);
      options.onProgress?.(progress);
    }
    return run.result();
  } finally {
    run.dispose();
  }
}
