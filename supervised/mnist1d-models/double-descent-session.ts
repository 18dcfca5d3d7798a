/**
 * The 'double-descent' module session (issue 8, M3; fig. 8.10): a coarse sweep over the width of
 * a two-hidden-layer MLP, run as steps of the training worker, with one test-error curve per
 * label-noise level (0% and 15% by default).
 *
 *   { module: 'double-descent', world: { ...dataset options, labelNoise: [0, 0.15] },
 *     agent: 'mlp', options: { widths, depth, stepsPerWidth, stepsPerUnit, optimiser, ... }, seed }
 *
 * (double-descent-options.ts has the fields and the defaults.) The networks are trained one at a
 * time, width by width, and for each width once per noise level (so the curves grow together):
 * each session step trains the current network `stepsPerUnit` optimiser steps; when it has had
 * `stepsPerWidth` steps its train and test error and loss are measured, it is freed, and the next
 * one starts. Done when every (width, noise) network is measured.
 *
 * Common random numbers: every network starts from the run's seed (init.ts draws each layer from
 * a stream named by seed and layer, so the widths share their first draws) and sees the same
 * minibatch order; the noise levels differ only by their labels (label-noise.ts).
 *
 * Rows: each step, { global_step: optimiser steps so far, 'losses/batch_loss' } (the current
 * network's last step); each finished network adds a row { 'charts/width', 'charts/parameters',
 * 'charts/train_error_noise<P>', 'charts/test_error_noise<P>' } with P the noise in whole percent.
 * The snapshot has the curves against width and parameter count, and the current network.
 */
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import type { ModuleRunConfig, WorkerSession } from '../../agents/runner/worker-session';
import { generateMnist1d } from '../data';
import { SplitTensors } from './data-tensors';
import { resolveDoubleDescentOptions, resolveDoubleDescentWorld, type DoubleDescentOptions } from './double-descent-options';
import { randomiseLabels, type NoisyLabels } from './label-noise';
import { Mnist1dNetwork } from './network';
import { checkNetworkSpec, parameterCount, type Mnist1dNetworkSpec } from './network-spec';
import { Mnist1dTrainer } from './trainer';
import { describeTraining } from './training-config';

export const DOUBLE_DESCENT_MODULE = 'double-descent';

const UNITS: readonly StepUnit[] = ['step'];
/** The most session steps one call takes. */
export const MAX_UNITS_PER_CALL = 10_000;

export interface DoubleDescentPoint {
  readonly width: number;
  readonly parameters: number;
  readonly trainError: number;
  readonly testError: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

export interface DoubleDescentCurve {
  readonly labelNoise: number;
  /** Training labels redrawn, and those whose class changed. */
  readonly randomisedLabels: number;
  readonly changedLabels: number;
  /** One point per width measured so far, in width order. */
  readonly points: readonly DoubleDescentPoint[];
}

export interface DoubleDescentSnapshot {
  readonly kind: 'double-descent';
  readonly widths: readonly number[];
  /** Parameters of the network of each width (w^2 + 52 w + 10 at depth 2). */
  readonly parameters: readonly number[];
  readonly depth: number;
  /** Training examples: the book's vertical line at #parameters = #training examples. */
  readonly trainCount: number;
  readonly testCount: number;
  readonly training: { readonly description: string; readonly stepsPerWidth: number; readonly stepsPerUnit: number };
  readonly curves: readonly DoubleDescentCurve[];
  /** The network in training (null when done). */
  readonly current: { readonly width: number; readonly labelNoise: number; readonly step: number; readonly steps: number; readonly batchLoss: number | null } | null;
  readonly networksDone: number;
  readonly networksTotal: number;
  readonly done: boolean;
}

function fail(message: string): never {
  throw new Error(`double-descent: ${message}`);
}

interface NoiseLevel {
  readonly fraction: number;
  readonly labels: NoisyLabels;
  readonly train: SplitTensors;
  readonly points: DoubleDescentPoint[];
}

export class DoubleDescentSession implements WorkerSession<DoubleDescentSnapshot> {
  readonly units = UNITS;
  readonly options: DoubleDescentOptions;
  private readonly seed: number;
  private readonly specs: Mnist1dNetworkSpec[];
  private readonly test: SplitTensors;
  private readonly levels: NoiseLevel[] = [];
  private readonly trainCount: number;
  private readonly description: string;
  /** Index of the current network in (width, noise) order; networksTotal when done. */
  private next = 0;
  private trainer: Mnist1dTrainer | null = null;
  private optimiserSteps = 0;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    if (typeof config !== 'object' || config === null) fail('the config must be { module, world, agent, options, seed }');
    if (config.module !== DOUBLE_DESCENT_MODULE) fail(`module must be '${DOUBLE_DESCENT_MODULE}', got ${JSON.stringify(config.module)}`);
    if (config.agent !== 'mlp') fail(`agent must be 'mlp' (hidden layers of equal width), got ${JSON.stringify(config.agent)}`);
    if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
      fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(config.seed)}`);
    }
    const world = resolveDoubleDescentWorld(config.world);
    this.options = resolveDoubleDescentOptions(config.options);
    this.seed = config.seed;
    const { depth, init } = this.options;
    this.specs = this.options.widths.map((width) => {
      try {
        return checkNetworkSpec({ inputLength: world.dataset.finalSeqLength, classes: 10, conv: [], hidden: Array.from({ length: depth }, () => width), init, dropout: 0 });
      } catch (error) {
        fail(`options.widths: width ${width}: ${(error as Error).message}`);
      }
    });
    const dataset = generateMnist1d(world.dataset);
    const { sequenceLength: length, classes } = dataset;
    this.trainCount = dataset.train.count;
    this.description = describeTraining(this.options.training, this.trainCount);
    this.test = new SplitTensors(dataset.test.inputs, dataset.test.labels, length, classes);
    try {
      for (const fraction of world.labelNoise) {
        const labels = randomiseLabels(dataset.train.labels, fraction, classes, dataset.options.seed);
        this.levels.push({ fraction, labels, train: new SplitTensors(dataset.train.inputs, labels.labels, length, classes), points: [] });
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  get networksTotal(): number {
    return this.specs.length * this.levels.length;
  }

  done(): boolean {
    return this.next >= this.networksTotal;
  }

  /** n session steps, each `stepsPerUnit` optimiser steps of the current network (fewer at its end). */
  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`a step trains the current network a little; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_UNITS_PER_CALL)) fail(`step needs a whole number of steps up to ${MAX_UNITS_PER_CALL}, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    for (let i = 0; i < n && !this.done(); i++) {
      const trainer = this.currentTrainer();
      const before = trainer.stepsDone;
      trainer.step(this.options.stepsPerUnit);
      this.optimiserSteps += trainer.stepsDone - before;
      rows.push({ global_step: this.optimiserSteps, 'losses/batch_loss': trainer.snapshot().batchLoss as number });
      if (trainer.done()) rows.push(this.finishNetwork(trainer));
    }
    return rows;
  }

  snapshot(): DoubleDescentSnapshot {
    this.checkAlive();
    const current = this.done() ? null : this.position(this.next);
    const reading = this.trainer?.snapshot() ?? null;
    return {
      kind: 'double-descent',
      widths: this.options.widths,
      parameters: this.specs.map(parameterCount),
      depth: this.options.depth,
      trainCount: this.trainCount,
      testCount: this.test.count,
      training: { description: this.description, stepsPerWidth: this.options.stepsPerWidth, stepsPerUnit: this.options.stepsPerUnit },
      curves: this.levels.map((level) => ({
        labelNoise: level.fraction,
        randomisedLabels: level.labels.randomised,
        changedLabels: level.labels.changed,
        points: level.points.slice(),
      })),
      current:
        current === null
          ? null
          : {
              width: this.options.widths[current.width],
              labelNoise: this.levels[current.level].fraction,
              step: reading?.step ?? 0,
              steps: this.options.stepsPerWidth,
              batchLoss: reading?.batchLoss ?? null,
            },
      networksDone: this.next,
      networksTotal: this.networksTotal,
      done: this.done(),
    };
  }

  backupState(): Metrics[] {
    fail('the sweep trains networks by gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('double-descent sweeps are not saved to a file: the same config and seed give the same curves again');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainer?.dispose();
    this.trainer = null;
    this.test.dispose();
    for (const level of this.levels) level.train.dispose();
  }

  /** Network k of the sweep: width index k / levels, noise index k mod levels. */
  private position(k: number): { width: number; level: number } {
    return { width: Math.floor(k / this.levels.length), level: k % this.levels.length };
  }

  private currentTrainer(): Mnist1dTrainer {
    if (this.trainer !== null) return this.trainer;
    const { width, level } = this.position(this.next);
    const network = new Mnist1dNetwork(this.specs[width], this.seed);
    try {
      this.trainer = new Mnist1dTrainer(network, this.levels[level].train, this.test, this.options.training, this.seed);
    } catch (error) {
      network.dispose();
      throw error;
    }
    return this.trainer;
  }

  private finishNetwork(trainer: Mnist1dTrainer): Metrics {
    const { width, level } = this.position(this.next);
    // The trainer measured both splits at its last step.
    const { train, test } = trainer.snapshot().latest as NonNullable<ReturnType<Mnist1dTrainer['snapshot']>['latest']>;
    const point: DoubleDescentPoint = {
      width: this.options.widths[width],
      parameters: parameterCount(this.specs[width]),
      trainError: train.error,
      testError: test.error,
      trainLoss: train.loss,
      testLoss: test.loss,
    };
    this.levels[level].points.push(point);
    trainer.dispose();
    this.trainer = null;
    this.next++;
    const percent = Math.round(this.levels[level].fraction * 100);
    return {
      global_step: this.optimiserSteps,
      'charts/width': point.width,
      'charts/parameters': point.parameters,
      [`charts/train_error_noise${percent}`]: point.trainError,
      [`charts/test_error_noise${percent}`]: point.testError,
    };
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export function createDoubleDescentSession(config: ModuleRunConfig): DoubleDescentSession {
  return new DoubleDescentSession(config);
}
