/**
 * The 'regularisers' module session (issue 8, M3; section 9.3): the simplified model of fig. 8.4
 * trained by gradient descent in the training worker, with one regulariser that acts through
 * training, so the page's regulariser bench uses the same controls, machine and chart as every
 * other page. The tasks and their book settings are in regulariser-config.ts:
 *
 * - 'early-stopping' (fig. 9.6): SGD from random weights; the fit takes the coarse shape first and
 *   the wiggles through the points later. The checkpoints let the page scrub back in time, and
 *   the measurement of lowest test error is where early stopping would have stopped.
 * - 'dropout' (fig. 9.9): gradient descent from a fit with a kink that costs nothing (the points
 *   under it are left out), removing units at random each step; the kink goes.
 * - 'input-noise' (fig. 9.10): SGD from the least-squares fit with noise of deviation sigma_x
 *   added to each input at each step; the fit smooths. The snapshot carries ten jittered copies
 *   of each point, as the figure draws them.
 *
 * step(n): n optimiser steps (the unit 'step'). Rows at each measurement:
 * { global_step, 'losses/train_loss' (mean squared error on the points trained on),
 * 'losses/test_loss' (expected squared error on a fresh point, fit-quality.ts) }. Done after
 * `steps` steps. No tfjs: float64, the same numbers bit for bit for the same config.
 */
import type { Metrics } from '../../environments/core/types';
import { deriveRng } from '../../environments/core/rng';
import type { StepUnit } from '../../agents/runner/trainable';
import type { ModuleRunConfig, WorkerSession } from '../../agents/runner/worker-session';
import { fillNormal } from '../data/random-draws';
import { HingeTrainer, fitHinge, kinkedStart, type DropoutSpec, type HingeTrainerConfig, type ToyData, type TrainerCheckpoint } from '../m3';
import {
  REGULARISERS_MODULE,
  checkRegulariserConfig,
  fail,
  regulariserData,
  type DropoutOptions,
  type EarlyStoppingOptions,
  type InputNoiseOptions,
  type RegulariserOptions,
  type RegulariserTask,
  type RegulariserWorld,
} from './regulariser-config';

const UNITS: readonly StepUnit[] = ['step'];
/** The most steps one call takes (a typo must not freeze the worker). */
export const MAX_STEPS_PER_CALL = 1_000_000;
/** Jittered copies of each point in the input-noise picture (fig. 9.10 draws ten). */
export const JITTER_COPIES = 10;

export interface PlainData {
  readonly x: number[];
  readonly y: number[];
}

export interface RegulariserSnapshot {
  readonly kind: 'regularisers';
  readonly task: RegulariserTask;
  readonly world: RegulariserWorld;
  readonly options: RegulariserOptions;
  /** Every point of the dataset, and those trained on (all but the ones under the kink for dropout). */
  readonly data: PlainData;
  readonly trained: PlainData;
  /** phi at step 0 as given (for dropout: the kinked network itself, fig. 9.9a, not weight-scaled), and the least-squares fit to the points trained on (the unregularised reference). */
  readonly start: number[];
  readonly reference: number[];
  /** phi now, as measured and drawn (dropout: weights scaled by the keep probability). */
  readonly phi: number[];
  readonly step: number;
  readonly done: boolean;
  readonly latest: TrainerCheckpoint | null;
  /** The measurement of lowest test error so far: where early stopping stops. */
  readonly best: TrainerCheckpoint | null;
  /** Log-spaced checkpoints (about ten a decade of steps) for scrubbing back in time. */
  readonly checkpoints: readonly TrainerCheckpoint[];
  /** Dropout: the kink's units and where it is. */
  readonly kink: { readonly units: readonly number[]; readonly span: readonly [number, number] } | null;
  /** Input noise: JITTER_COPIES noisy copies of each trained point's input, with its output. */
  readonly jitter: PlainData | null;
  /** What runs, in words: the update, the batch, alpha. */
  readonly description: string;
}

function plain(data: ToyData): PlainData {
  return { x: Array.from(data.x), y: Array.from(data.y) };
}

function describe(task: RegulariserTask, options: RegulariserOptions, points: number): string {
  const batch = 'batchSize' in options ? `batches of ${options.batchSize}` : `the full batch of ${points}`;
  const update = 'batchSize' in options ? 'SGD' : 'gradient descent';
  const extra =
    task === 'dropout'
      ? (options as DropoutOptions).mode === 'kink'
        ? '; each step removes one of the kink’s three units'
        : `; each step drops each unit with probability ${(options as DropoutOptions).rate}`
      : task === 'input-noise'
        ? `; inputs jittered by Norm[0, ${(options as InputNoiseOptions).inputNoise}²] each step`
        : '';
  return `${update} in book form (eq. 6.10: least-squares gradient summed over ${batch}), α = ${options.learningRate}${extra}`;
}

export class RegulariserSession implements WorkerSession<RegulariserSnapshot> {
  readonly units = UNITS;
  readonly task: RegulariserTask;
  readonly trainer: HingeTrainer;
  private readonly world: RegulariserWorld;
  private readonly options: RegulariserOptions;
  private readonly data: ToyData;
  private readonly start: number[];
  private readonly reference: number[];
  private readonly kink: RegulariserSnapshot['kink'];
  private readonly jitter: PlainData | null;
  private readonly description: string;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    const { task, world, options, seed } = checkRegulariserConfig(config);
    this.task = task;
    this.world = world;
    this.options = options;
    this.data = regulariserData(world);
    const { capacity } = options;
    const common = { capacity, learningRate: options.learningRate, steps: options.steps, evalEvery: options.evalEvery, sigma: world.sigma };
    let trained = this.data;
    let start: Float64Array;
    let trainer: HingeTrainerConfig;
    this.kink = null;
    this.jitter = null;
    if (task === 'early-stopping') {
      const o = options as EarlyStoppingOptions;
      start = fillNormal(deriveRng(seed, 'regularisers/init'), new Float64Array(capacity + 1), o.initScale);
      trainer = { ...common, batchSize: o.batchSize, dropout: { kind: 'none' }, inputNoise: 0 };
    } else if (task === 'dropout') {
      const o = options as DropoutOptions;
      let kinked;
      try {
        kinked = kinkedStart(this.data, capacity, o.kinkUnit, o.kinkHeight);
      } catch (error) {
        fail((error as Error).message);
      }
      trained = kinked.kept;
      start = kinked.phi;
      const dropout: DropoutSpec = o.mode === 'kink' ? { kind: 'one-of', units: kinked.units } : { kind: 'independent', rate: o.rate };
      trainer = { ...common, batchSize: 'full', dropout, inputNoise: 0 };
      this.kink = { units: [...kinked.units], span: kinked.span };
    } else {
      const o = options as InputNoiseOptions;
      start = fitHinge(this.data, capacity);
      trainer = { ...common, batchSize: o.batchSize, dropout: { kind: 'none' }, inputNoise: o.inputNoise };
      const noise = fillNormal(deriveRng(seed, 'regularisers/jitter-picture'), new Float64Array(this.data.x.length * JITTER_COPIES), o.inputNoise);
      this.jitter = {
        x: Array.from(noise, (e, k) => this.data.x[Math.floor(k / JITTER_COPIES)] + e),
        y: Array.from(noise, (_, k) => this.data.y[Math.floor(k / JITTER_COPIES)]),
      };
    }
    try {
      this.trainer = new HingeTrainer(trained, start, trainer, seed);
    } catch (error) {
      fail((error as Error).message);
    }
    this.start = Array.from(start);
    this.reference = Array.from(fitHinge(trained, capacity));
    this.description = describe(task, options, trained.x.length);
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`steps are optimiser steps; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`step needs a whole number of steps up to ${MAX_STEPS_PER_CALL.toLocaleString('en')}, got ${JSON.stringify(n)}`);
    return this.trainer.run(n);
  }

  done(): boolean {
    return this.trainer.done();
  }

  snapshot(): RegulariserSnapshot {
    this.checkAlive();
    const reading = this.trainer.reading();
    return {
      kind: 'regularisers',
      task: this.task,
      world: this.world,
      options: this.options,
      data: plain(this.data),
      trained: plain(this.trainer.data),
      start: this.start,
      reference: this.reference,
      phi: Array.from(this.trainer.testPhi()),
      step: this.trainer.step,
      done: this.trainer.done(),
      latest: reading.latest,
      best: reading.best,
      checkpoints: reading.checkpoints,
      kink: this.kink,
      jitter: this.jitter,
      description: this.description,
    };
  }

  backupState(): Metrics[] {
    fail('the model learns by gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('regulariser runs are not saved to a file: the same settings and seed train the same fit again in a second');
  }

  dispose(): void {
    this.disposed = true;
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export function createRegulariserSession(config: ModuleRunConfig): RegulariserSession {
  return new RegulariserSession(config);
}

export { REGULARISERS_MODULE };
