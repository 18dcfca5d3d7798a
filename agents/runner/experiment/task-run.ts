/**
 * One task of an experiment: configuration c trained with seed k, the unit of work a worker of
 * the compare page's pool runs, and the CLI runs one after another.
 *
 * - Common random numbers: task (c, k) uses master seed `experiment.seeds[k]` whatever c is, so
 *   every configuration gets the same derived streams (the world's 'env' stream, the agent's
 *   'explore' and 'replay' streams, the weight-init seed) for seed k. Within a family the world
 *   randomness is then shared: tabular learners draw the world from deriveRng(seed, 'env') (the
 *   learner session), deep agents from deriveRng(seed, 'env/<copy>') (the vector session). A
 *   tabular and a deep configuration on one gridworld therefore do NOT share world draws: that
 *   is how the sessions derive their streams, and those files are not the experiment's.
 * - Sessions: createGridSession for tabular learners, createDeepSession for deep agents (one-hot
 *   cell input on gridworlds), the same builders as `rl train` and the pages, so a task's
 *   numbers are the app's numbers. Deep agents need a TensorFlow.js backend started first
 *   (asynchronous: initBackend); tabular tasks touch no tensors.
 * - Pausable: `TaskRun.step(n)` advances at most n env steps and returns plain progress; the
 *   caller decides when to go on, so pausing is just not calling it, and stopping is dispose().
 *   Deep agents with nEnvs copies advance in whole batches of nEnvs steps; episodes that end
 *   after `steps` (in the last batch) are left out of the curve.
 * - Wall-clock seconds count only the time spent inside step() (not paused time), and are kept
 *   apart from the deterministic numbers: same experiment, same task, same curve and episodes
 *   (deep agents: on the same backend), whatever the chunk sizes.
 *
 * Plain data in (the experiment, two indices), plain data out (TaskProgress, TaskResult): safe
 * to post between a worker and a page. No DOM, no Node APIs.
 */
import type { Metrics } from '../../../environments/core/types';
import { createGridSession } from '../grid-session';
import { CurveRecorder } from './curve';
import { checkExperiment, gridworldSpecOf, isDeepConfig, type Experiment, type ExperimentConfig } from './spec';

/** Which run of an experiment: configs[configIndex] with master seed seeds[seedIndex]. */
export interface TaskId {
  readonly configIndex: number;
  readonly seedIndex: number;
}

export interface TaskProgress extends TaskId {
  /** The master seed (experiment.seeds[seedIndex]). */
  readonly seed: number;
  /** Env steps taken (at most `steps`). */
  readonly stepsDone: number;
  readonly steps: number;
  /** Episodes that ended so far (within the run's steps). */
  readonly episodes: number;
  /** The buckets closed so far (curve.ts): the first `curve.length` values of the final curve. */
  readonly curve: (number | null)[];
  readonly done: boolean;
}

export interface TaskResult extends TaskId {
  readonly seed: number;
  readonly steps: number;
  /** `points` values: the mean return of the episodes that ended in each bucket (curve.ts). */
  readonly curve: (number | null)[];
  /** Episodes that ended within the run's steps. */
  readonly episodes: number;
  /** Seconds spent stepping (not deterministic: kept apart from the numbers above). */
  readonly wallSeconds: number;
}

export interface TaskOptions {
  /** Milliseconds now, for wall-clock time (default performance.now); tests pass a fake one. */
  readonly clock?: () => number;
  /** Builds the session (default tabularSessions; task.ts's createTaskRun passes the deep-capable one). */
  readonly sessions?: SessionFactory;
}

/** The session calls the task needs (a GridSession or a DeepSession). */
export interface SteppedSession {
  step(n: number, unit?: 'env-step'): Metrics[];
  snapshot(): unknown;
  dispose(): void;
}

/** The tasks of an experiment in the order a single runner does them: seed by seed, every configuration for each seed. */
export function experimentTasks(experiment: Experiment): TaskId[] {
  const tasks: TaskId[] = [];
  for (let seedIndex = 0; seedIndex < experiment.seeds.length; seedIndex++) {
    for (let configIndex = 0; configIndex < experiment.configs.length; configIndex++) tasks.push({ configIndex, seedIndex });
  }
  return tasks;
}

/** Builds the session of one task: configuration `config` of `experiment` with master seed `seed`. */
export type SessionFactory = (experiment: Experiment, config: ExperimentConfig, seed: number) => { session: SteppedSession; stepsPerUnit: number };

/**
 * Tabular learners on a gridworld (no TensorFlow.js). Deep configurations need task.ts's
 * factory, which loads tfjs: this one refuses them with one message.
 */
export const tabularSessions: SessionFactory = (experiment, config, seed) => {
  if (isDeepConfig(config)) throw new Error(`task: ${config.agent} is a deep agent; its runs go through agents/runner/experiment/task.ts (runTask, createTaskRun), which loads TensorFlow.js`);
  const spec = gridworldSpecOf(experiment.world);
  if (spec === null) throw new Error(`experiment: ${config.agent} is tabular and needs a gridworld`);
  const options = config.options as Readonly<Record<string, number | string | boolean>>;
  return { session: createGridSession({ world: spec, agent: config.agent, options, seed }), stepsPerUnit: 1 };
};

/** A task run step by step: see the module doc. */
export class TaskRun {
  readonly configIndex: number;
  readonly seedIndex: number;
  readonly seed: number;
  readonly steps: number;
  /** Buckets of the curve. */
  readonly points: number;
  private readonly session: SteppedSession;
  private readonly stepsPerUnit: number;
  private readonly recorder: CurveRecorder;
  private readonly clock: () => number;
  /** Env steps the session has taken (a vector agent's last batch may pass `steps`). */
  private taken = 0;
  private milliseconds = 0;
  private disposed = false;

  constructor(experiment: Experiment, configIndex: number, seedIndex: number, options: TaskOptions = {}) {
    // Checked again (cheap): the experiment may come from a postMessage or a hand-built object.
    const checked = checkExperiment(experiment);
    if (!(Number.isInteger(configIndex) && configIndex >= 0 && configIndex < checked.configs.length)) {
      throw new Error(`task: configIndex must be an integer from 0 to ${checked.configs.length - 1}, got ${configIndex}`);
    }
    if (!(Number.isInteger(seedIndex) && seedIndex >= 0 && seedIndex < checked.seeds.length)) {
      throw new Error(`task: seedIndex must be an integer from 0 to ${checked.seeds.length - 1}, got ${seedIndex}`);
    }
    this.configIndex = configIndex;
    this.seedIndex = seedIndex;
    // Common random numbers: the seed depends on the seed index only, never on the configuration.
    this.seed = checked.seeds[seedIndex];
    this.steps = checked.steps;
    this.points = checked.points;
    this.clock = options.clock ?? (() => performance.now());
    this.recorder = new CurveRecorder(checked.steps, checked.points);
    const { session, stepsPerUnit } = (options.sessions ?? tabularSessions)(checked, checked.configs[configIndex], this.seed);
    this.session = session;
    this.stepsPerUnit = stepsPerUnit;
  }

  get done(): boolean {
    return this.taken >= this.steps;
  }

  /** Advances at most `maxSteps` env steps (deep agents with nEnvs copies: whole batches, at least one); returns the progress. */
  step(maxSteps: number): TaskProgress {
    if (this.disposed) throw new Error('task: the run was disposed');
    if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) throw new Error(`task: step needs a positive integer count, got ${maxSteps}`);
    const remaining = this.steps - this.taken;
    if (remaining <= 0) return this.progress();
    const units = Math.min(Math.ceil(remaining / this.stepsPerUnit), Math.max(1, Math.floor(maxSteps / this.stepsPerUnit)));
    const start = this.clock();
    const rows = this.session.step(units, 'env-step');
    this.milliseconds += this.clock() - start;
    for (const row of rows) {
      const episodeReturn = row['charts/episodic_return'];
      if (episodeReturn !== undefined) this.recorder.addEpisode(row.global_step, episodeReturn);
    }
    this.taken += units * this.stepsPerUnit;
    this.recorder.closeThrough(Math.min(this.taken, this.steps));
    return this.progress();
  }

  progress(): TaskProgress {
    return {
      configIndex: this.configIndex,
      seedIndex: this.seedIndex,
      seed: this.seed,
      stepsDone: Math.min(this.taken, this.steps),
      steps: this.steps,
      episodes: this.recorder.episodes,
      curve: this.recorder.curve(),
      done: this.done,
    };
  }

  /** The session's plain snapshot (a LearnerSnapshot or a VectorSnapshot) for a small view of the world. */
  snapshot(): unknown {
    return this.session.snapshot();
  }

  /** The finished run's numbers; throws before the run is done. */
  result(): TaskResult {
    if (!this.done) throw new Error(`task: the run has taken ${this.taken} of ${this.steps} steps; step it to the end first`);
    return {
      configIndex: this.configIndex,
      seedIndex: this.seedIndex,
      seed: this.seed,
      steps: this.steps,
      curve: this.recorder.curve(),
      episodes: this.recorder.episodes,
      wallSeconds: this.milliseconds / 1000,
    };
  }

  /** Frees the agent (and its tensors); the run cannot step after this. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.dispose();
  }
}

