/**
 * Gradient descent on the simplified model (hinge-model.ts) for the regularisers that act through
 * training (section 9.3): early stopping (fig. 9.6), dropout (fig. 9.9) and noise added to the
 * inputs (fig. 9.10). One step, in the book's form (eq. 6.10: the gradient of the least-squares
 * loss summed over the batch, not averaged):
 *
 *   phi <- phi - alpha sum_{i in B} 2 (f~[x~_i, phi] - y_i) a~_i,
 *
 * a~_i the features of x~_i = x_i + sigma_x epsilon_i (input noise, drawn afresh every step) with
 * the features of the dropped hidden units set to zero (dropout, a fresh mask every step), and
 * f~ = phi . a~_i. Batches are drawn without replacement within each epoch (m2's EpochBatcher).
 *
 * Dropout's test-time rule is the book's weight scaling (section 9.3.3): the network used for
 * measuring and drawing multiplies each weight omega_d by 1 - p_d, the chance that unit d is kept.
 * Two kinds of masks:
 * - 'independent': every hidden unit is dropped with probability `rate` (typically 0.5);
 * - 'one-of': exactly one of the listed units is dropped each step (fig. 9.9c: "randomly removing
 *   one of the three hidden units that cause the kink"), so each is dropped with probability 1 / k.
 *
 * Measurements (at step 0, every `evalEvery` steps and at the last): the mean squared error on
 * the training points and the expected test error (fit-quality.ts). Checkpoints of phi are kept
 * at log-spaced steps (about ten a decade) for the early-stopping scrubber, with the measurement
 * of lowest test error so far. Same data, start, config and seed: the same numbers bit for bit.
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Metrics } from '../../environments/core/types';
import { EpochBatcher } from '../m2/epoch-batcher';
import { fillNormal } from '../data/random-draws';
import { TestErrorIntegral, meanSquaredError } from './fit-quality';
import { checkCapacity, hingeFeatures } from './hinge-model';
import { checkSigma, type ToyData } from './toy-data';

export type DropoutSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'independent'; readonly rate: number }
  /** Hidden units by number, 1 to D (unit d has its joint at (d - 1) / D). */
  | { readonly kind: 'one-of'; readonly units: readonly number[] };

export interface HingeTrainerConfig {
  /** D, the hidden units. */
  readonly capacity: number;
  /** alpha; the gradient is summed over the batch (eq. 6.10). */
  readonly learningRate: number;
  /** Points per step, or 'full' for gradient descent on all of them. */
  readonly batchSize: number | 'full';
  /** The step budget: the trainer is done after it. */
  readonly steps: number;
  /** Measure every this many steps (and at step 0 and the last). */
  readonly evalEvery: number;
  readonly dropout: DropoutSpec;
  /** sigma_x, the standard deviation of the noise added to each input at each step (0: none). */
  readonly inputNoise: number;
  /** The data's noise sigma, for the expected test error. */
  readonly sigma: number;
}

export interface TrainerCheckpoint {
  readonly step: number;
  /** The weights as used for measuring (dropout's weight scaling applied). */
  readonly phi: number[];
  readonly trainLoss: number;
  readonly testError: number;
}

export const MAX_HINGE_STEPS = 10_000_000;

function fail(problem: string): never {
  throw new Error(`hinge trainer: ${problem}`);
}

function checkNumber(value: unknown, name: string, min: number, max: number, minExclusive = false): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max)) {
    fail(`${name} must be a number in ${minExclusive ? '(' : '['}${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkWhole(value: unknown, name: string, min: number, max: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) fail(`${name} must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${JSON.stringify(value)}`);
  return value;
}

/** Each hidden unit's chance of being dropped at a step (index d - 1 for unit d). */
export function dropProbabilities(dropout: DropoutSpec, capacity: number): Float64Array {
  const p = new Float64Array(capacity);
  if (dropout.kind === 'independent') p.fill(dropout.rate);
  if (dropout.kind === 'one-of') for (const unit of dropout.units) p[unit - 1] = 1 / dropout.units.length;
  return p;
}

export function checkTrainerConfig(config: HingeTrainerConfig, points: number): HingeTrainerConfig {
  if (typeof config !== 'object' || config === null) fail(`the config must be an object, got ${JSON.stringify(config)}`);
  const capacity = checkCapacity(config.capacity, 'hinge trainer');
  checkNumber(config.learningRate, 'learningRate', 0, 100, true);
  if (config.batchSize !== 'full') checkWhole(config.batchSize, 'batchSize', 1, points);
  checkWhole(config.steps, 'steps', 1, MAX_HINGE_STEPS);
  checkWhole(config.evalEvery, 'evalEvery', 1, MAX_HINGE_STEPS);
  checkNumber(config.inputNoise, 'inputNoise', 0, 10);
  checkSigma(config.sigma, 'hinge trainer');
  const dropout = config.dropout as DropoutSpec | undefined;
  if (typeof dropout !== 'object' || dropout === null) fail(`dropout must be { kind: 'none' | 'independent' | 'one-of', ... }, got ${JSON.stringify(dropout)}`);
  if (dropout.kind === 'independent') checkNumber(dropout.rate, 'dropout.rate', 0, 1 - 1e-9);
  else if (dropout.kind === 'one-of') {
    const units = dropout.units;
    if (!Array.isArray(units) || units.length < 2 || units.length > capacity || new Set(units).size !== units.length || !units.every((u) => Number.isInteger(u) && u >= 1 && u <= capacity)) {
      fail(`dropout.units must be 2 or more different hidden units from 1 to ${capacity}, got ${JSON.stringify(units)}`);
    }
  } else if (dropout.kind !== 'none') fail(`dropout.kind must be 'none', 'independent' or 'one-of', got ${JSON.stringify((dropout as { kind?: unknown }).kind)}`);
  return config;
}

/** Log-spaced checkpoint steps: 0, then about `perDecade` a decade up to `steps`, and `steps`. */
export function checkpointSteps(steps: number, perDecade = 10): number[] {
  const out = new Set<number>([0]);
  for (let k = 0; ; k++) {
    const step = Math.round(10 ** (k / perDecade));
    if (step >= steps) break;
    out.add(step);
  }
  out.add(steps);
  return [...out].sort((a, b) => a - b);
}

export class HingeTrainer {
  readonly config: HingeTrainerConfig;
  readonly data: ToyData;
  private phi: Float64Array;
  private readonly keep: Float64Array;
  private readonly batcher: EpochBatcher | null;
  private readonly dropoutRng: Rng;
  private readonly noiseRng: Rng;
  private readonly integral: TestErrorIntegral;
  private readonly checkpointAt: number[];
  private nextCheckpoint = 0;
  private readonly kept: TrainerCheckpoint[] = [];
  private t = 0;
  private latest: TrainerCheckpoint | null = null;
  private best: TrainerCheckpoint | null = null;

  /** `start` is phi at step 0 (D + 1 numbers); `seed` seeds the batches, the masks and the input noise. */
  constructor(data: ToyData, start: ArrayLike<number>, config: HingeTrainerConfig, seed: number | string) {
    if (data.x.length === 0 || data.x.length !== data.y.length) fail(`the data must have as many outputs as inputs, and at least one point; got ${data.x.length} and ${data.y.length}`);
    this.config = checkTrainerConfig(config, data.x.length);
    if (start.length !== config.capacity + 1) fail(`the start has ${start.length} numbers; capacity ${config.capacity} needs ${config.capacity + 1} (beta and one omega per unit)`);
    for (let k = 0; k < start.length; k++) if (!Number.isFinite(start[k])) fail(`start[${k}] is not finite (${start[k]})`);
    this.data = data;
    this.phi = Float64Array.from(start);
    this.keep = dropProbabilities(config.dropout, config.capacity).map((p) => 1 - p);
    const batchSize = config.batchSize === 'full' ? data.x.length : config.batchSize;
    this.batcher = batchSize === data.x.length ? null : new EpochBatcher(data.x.length, batchSize, deriveRng(seed, 'regularisers/batches'));
    this.dropoutRng = deriveRng(seed, 'regularisers/dropout');
    this.noiseRng = deriveRng(seed, 'regularisers/input-noise');
    this.integral = new TestErrorIntegral(config.sigma);
    this.checkpointAt = checkpointSteps(config.steps);
  }

  get step(): number {
    return this.t;
  }

  done(): boolean {
    return this.t >= this.config.steps;
  }

  /** The weights as the network is measured and drawn: dropout's weight scaling applied. */
  testPhi(): Float64Array {
    const out = Float64Array.from(this.phi);
    for (let d = 0; d < this.config.capacity; d++) out[d + 1] *= this.keep[d];
    return out;
  }

  /** The weights as trained (no scaling). */
  trainingPhi(): Float64Array {
    return Float64Array.from(this.phi);
  }

  /** The last measurement, the best so far (lowest test error) and the log-spaced checkpoints. */
  reading(): { readonly latest: TrainerCheckpoint | null; readonly best: TrainerCheckpoint | null; readonly checkpoints: readonly TrainerCheckpoint[] } {
    return { latest: this.latest, best: this.best, checkpoints: this.kept.slice() };
  }

  /** Up to n steps (never past the budget); rows at the measurements (see the top of the file). */
  run(n: number): Metrics[] {
    if (!(Number.isInteger(n) && n >= 0)) fail(`run needs a whole number of steps, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    if (n > 0 && this.latest === null) rows.push(this.measure());
    for (let i = 0; i < n && !this.done(); i++) {
      this.update();
      this.t++;
      const measuring = this.t % this.config.evalEvery === 0 || this.done();
      if (measuring) rows.push(this.measure());
      else if (this.checkpointAt[this.nextCheckpoint] === this.t) this.measure();
    }
    return rows;
  }

  private measure(): Metrics {
    const phi = this.testPhi();
    const point: TrainerCheckpoint = { step: this.t, phi: Array.from(phi), trainLoss: meanSquaredError(phi, this.data), testError: this.integral.of(phi) };
    this.latest = point;
    if (this.best === null || point.testError < this.best.testError) this.best = point;
    while (this.nextCheckpoint < this.checkpointAt.length && this.checkpointAt[this.nextCheckpoint] <= this.t) {
      if (this.checkpointAt[this.nextCheckpoint] === this.t) this.kept.push(point);
      this.nextCheckpoint++;
    }
    return { global_step: this.t, 'losses/train_loss': point.trainLoss, 'losses/test_loss': point.testError };
  }

  private dropMask(): Float64Array | null {
    const { dropout, capacity } = this.config;
    if (dropout.kind === 'none') return null;
    const mask = new Float64Array(capacity).fill(1);
    if (dropout.kind === 'independent') {
      for (let d = 0; d < capacity; d++) if (this.dropoutRng.next() < dropout.rate) mask[d] = 0;
    } else {
      mask[dropout.units[this.dropoutRng.int(dropout.units.length)] - 1] = 0;
    }
    return mask;
  }

  private update(): void {
    const { capacity, learningRate, inputNoise } = this.config;
    const size = capacity + 1;
    const batch = this.batcher === null ? null : this.batcher.next();
    const count = batch === null ? this.data.x.length : batch.length;
    const mask = this.dropMask();
    const noise = inputNoise > 0 ? fillNormal(this.noiseRng, new Float64Array(count), inputNoise) : null;
    const gradient = new Float64Array(size);
    const a = new Float64Array(size);
    for (let b = 0; b < count; b++) {
      const i = batch === null ? b : batch[b];
      hingeFeatures(noise === null ? this.data.x[i] : this.data.x[i] + noise[b], capacity, a);
      if (mask !== null) for (let d = 0; d < capacity; d++) a[d + 1] *= mask[d];
      let f = 0;
      for (let k = 0; k < size; k++) f += this.phi[k] * a[k];
      const r = 2 * (f - this.data.y[i]);
      for (let k = 0; k < size; k++) gradient[k] += r * a[k];
    }
    const next = new Float64Array(size);
    for (let k = 0; k < size; k++) next[k] = this.phi[k] - learningRate * gradient[k];
    this.phi = next;
  }
}
