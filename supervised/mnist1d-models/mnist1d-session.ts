/**
 * The 'mnist1d' module session (issue 8: M3's training monitor, M4's conv net against the MLP):
 * one network learning MNIST-1D in the training worker, with the controls every page has.
 *
 *   { module: 'mnist1d', world: { ...dataset options, labelNoise? }, agent: 'mlp' | 'conv',
 *     options: { hidden?, conv?, init?, dropout?, optimiser?, reduction?, batchSize?, steps?,
 *                evalEvery?, l2?, labelSmoothing? }, seed }
 *
 * world: world.ts (default: the book's 4,000 / 1,000 set, clean labels); agent and options:
 * mnist1d-options.ts (each agent defaults to its book setup); seed: the network's initial
 * weights, the minibatch order and the dropout masks.
 *
 * step(n): n optimiser steps (the unit 'step'); the rows are the
 * trainer's (trainer.ts): 'losses/batch_loss' every step, 'charts/train_error',
 * 'charts/test_error', 'losses/train_loss' and 'losses/test_loss' every `evalEvery` steps. The
 * session is done after `steps` steps.
 *
 * snapshot(): the network (description, layers, parameter count), the training setup in words,
 * the dataset's sizes and label noise, the step, epoch and last measurement, and the first
 * layer's weights as a heatmap grid.
 *
 * query({ kind: 'predict', split, index, shift? } or { kind: 'predict', input, shift? }): the
 * network's logits, probabilities and every layer's output (conv feature maps, hidden units) for
 * one sequence, rotated right by `shift` samples first (MNIST-1D's own translations are circular,
 * so this is the "shift the input" test of equivariance).
 */
import * as tf from '@tensorflow/tfjs';
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import type { ModuleRunConfig, WorkerSession } from '../../agents/runner/worker-session';
import { generateMnist1d, type Mnist1dDataset } from '../data';
import { Mnist1dNetwork, type WeightGrid } from './network';
import { describeNetwork, type LayerSummary } from './network-spec';
import { resolveMnist1dRunOptions, type Mnist1dAgent } from './mnist1d-options';
import { Mnist1dTrainer } from './trainer';
import { describeTraining } from './training-config';
import { checkNoiseFraction, parseDatasetWorld, uploadDataset, type UploadedDataset } from './world';

export const MNIST1D_MODULE = 'mnist1d';

/** Optimiser steps are the session's only unit, 'step'. */
const UNITS: readonly StepUnit[] = ['step'];
/** The most optimiser steps one call takes (a typo must not freeze the worker). */
export const MAX_STEPS_PER_CALL = 100_000;

export interface Mnist1dSnapshot {
  readonly kind: 'mnist1d';
  readonly agent: Mnist1dAgent;
  readonly network: { readonly description: string; readonly parameters: number; readonly layers: readonly LayerSummary[] };
  readonly training: { readonly description: string; readonly batchSize: number; readonly steps: number; readonly evalEvery: number };
  readonly dataset: {
    readonly train: number;
    readonly test: number;
    readonly sequenceLength: number;
    readonly classes: number;
    /** The noise fraction asked for, and the training labels actually redrawn and changed. */
    readonly labelNoise: number;
    readonly randomisedLabels: number;
    readonly changedLabels: number;
  };
  /** Optimiser steps done. */
  readonly step: number;
  readonly epoch: number;
  readonly done: boolean;
  /** The last step's minimised value per example (null before the first step). */
  readonly batchLoss: number | null;
  /** The curves' latest values (null before the first measurement); errors are fractions. */
  readonly latest: { readonly step: number; readonly trainError: number; readonly testError: number; readonly trainLoss: number; readonly testLoss: number } | null;
  readonly firstLayer: WeightGrid;
}

export interface PredictQuestion {
  readonly kind: 'predict';
  /** A sequence of the dataset ... */
  readonly split?: 'train' | 'test';
  readonly index?: number;
  /** ... or one of the page's own (sequenceLength numbers). */
  readonly input?: readonly number[];
  /** Rotate the sequence right by this many samples first (default 0). */
  readonly shift?: number;
}

export interface PredictAnswer {
  /** The sequence the network saw (after the shift). */
  readonly input: number[];
  /** Its label in the dataset (the training label as trained on, noise included); null for a page's own input. */
  readonly label: number | null;
  readonly shift: number;
  readonly logits: number[];
  readonly probabilities: number[];
  readonly predicted: number;
  /** Every layer's output for this sequence: conv layers [length, channels] (values position by position), dense [units]. */
  readonly layers: { readonly name: string; readonly shape: readonly number[]; readonly values: number[] }[];
}

function fail(message: string): never {
  throw new Error(`mnist1d: ${message}`);
}

export class Mnist1dSession implements WorkerSession<Mnist1dSnapshot> {
  readonly units = UNITS;
  readonly agent: Mnist1dAgent;
  readonly dataset: Mnist1dDataset;
  readonly trainer: Mnist1dTrainer;
  private readonly data: UploadedDataset;
  private readonly labelNoise: number;
  private readonly trainingDescription: string;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    if (typeof config !== 'object' || config === null) fail('the config must be { module, world, agent, options, seed }');
    if (config.module !== MNIST1D_MODULE) fail(`module must be '${MNIST1D_MODULE}', got ${JSON.stringify(config.module)}`);
    if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
      fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(config.seed)}`);
    }
    const world = parseDatasetWorld(config.world, ['labelNoise'], 'mnist1d');
    this.labelNoise = world.extras.labelNoise === undefined ? 0 : checkNoiseFraction(world.extras.labelNoise, 'mnist1d: world.labelNoise');
    const run = resolveMnist1dRunOptions(config.agent, config.options, 'mnist1d', world.options.finalSeqLength, 10);
    this.agent = run.agent;
    this.dataset = generateMnist1d(world.options);
    this.data = uploadDataset(this.dataset, this.labelNoise);
    let network: Mnist1dNetwork | null = null;
    try {
      network = new Mnist1dNetwork(run.network, config.seed);
      this.trainer = new Mnist1dTrainer(network, this.data.train, this.data.test, run.training, config.seed);
    } catch (error) {
      network?.dispose();
      this.disposeData();
      throw error;
    }
    this.trainingDescription = describeTraining(this.trainer.config, this.dataset.train.count);
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`steps are optimiser steps; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`step needs a whole number of optimiser steps up to ${MAX_STEPS_PER_CALL}, got ${JSON.stringify(n)}`);
    return this.trainer.step(n);
  }

  done(): boolean {
    return this.trainer.done();
  }

  snapshot(): Mnist1dSnapshot {
    this.checkAlive();
    const reading = this.trainer.snapshot();
    const { network, config } = this.trainer;
    const latest = reading.latest;
    return {
      kind: 'mnist1d',
      agent: this.agent,
      network: { description: describeNetwork(network.spec), parameters: network.parameterCount(), layers: network.layers },
      training: {
        description: this.trainingDescription,
        batchSize: config.batchSize === 'full' ? this.dataset.train.count : Math.min(config.batchSize, this.dataset.train.count),
        steps: config.steps,
        evalEvery: config.evalEvery,
      },
      dataset: {
        train: this.dataset.train.count,
        test: this.dataset.test.count,
        sequenceLength: this.dataset.sequenceLength,
        classes: this.dataset.classes,
        labelNoise: this.labelNoise,
        randomisedLabels: this.data.noise.randomised,
        changedLabels: this.data.noise.changed,
      },
      step: reading.step,
      epoch: reading.epoch,
      done: this.trainer.done(),
      batchLoss: reading.batchLoss,
      latest:
        latest === null
          ? null
          : { step: latest.step, trainError: latest.train.error, testError: latest.test.error, trainLoss: latest.train.loss, testLoss: latest.test.loss },
      firstLayer: network.firstLayerWeights(),
    };
  }

  query(question: unknown): PredictAnswer {
    this.checkAlive();
    if (typeof question !== 'object' || question === null || Array.isArray(question)) fail("a question must be an object with kind 'predict'");
    const q = question as Record<string, unknown>;
    if (q.kind !== 'predict') fail(`question kind must be 'predict', got ${JSON.stringify(q.kind)}`);
    return this.predict(q);
  }

  private predict(q: Record<string, unknown>): PredictAnswer {
    const length = this.dataset.sequenceLength;
    const shift = q.shift ?? 0;
    if (!(typeof shift === 'number' && Number.isInteger(shift) && Math.abs(shift) <= 100_000)) fail(`predict: shift must be a whole number of samples, got ${JSON.stringify(q.shift)}`);
    let sequence: Float32Array;
    let label: number | null = null;
    if (q.input !== undefined) {
      if (q.split !== undefined || q.index !== undefined) fail('predict: give either input or split and index, not both');
      const input = q.input;
      if (!Array.isArray(input) || input.length !== length || !input.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        fail(`predict: input must be a list of ${length} finite numbers`);
      }
      sequence = Float32Array.from(input as number[]);
    } else {
      if (q.split !== 'train' && q.split !== 'test') fail(`predict: split must be 'train' or 'test', got ${JSON.stringify(q.split)}`);
      const split = q.split === 'train' ? this.dataset.train : this.dataset.test;
      const index = q.index;
      if (!(typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < split.count)) fail(`predict: index must be a whole number in [0, ${split.count}), got ${JSON.stringify(index)}`);
      sequence = split.inputs.slice(index * length, (index + 1) * length);
      label = q.split === 'train' ? this.data.train.labels[index] : split.labels[index];
    }
    const offset = ((shift % length) + length) % length;
    const shifted = new Float32Array(length);
    for (let i = 0; i < length; i++) shifted[(i + offset) % length] = sequence[i];
    const network = this.trainer.network;
    const outputs = tf.tidy(() => network.activations(tf.tensor2d(shifted, [1, length])).map((t) => Array.from(t.dataSync())));
    const logits = outputs[outputs.length - 1];
    const top = Math.max(...logits);
    const exps = logits.map((v) => Math.exp(v - top));
    const total = exps.reduce((a, b) => a + b, 0);
    return {
      input: Array.from(shifted),
      label,
      shift,
      logits,
      probabilities: exps.map((v) => v / total),
      predicted: logits.indexOf(top),
      layers: network.layers.map((layer, i) => ({ name: layer.name, shape: layer.outputShape, values: outputs[i] })),
    };
  }

  backupState(): Metrics[] {
    fail('an MNIST-1D network learns by gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('MNIST-1D runs are not saved to a file: the same config and seed train the same network again');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.trainer.dispose();
    this.disposeData();
  }

  private disposeData(): void {
    this.data.train.dispose();
    this.data.test.dispose();
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export function createMnist1dSession(config: ModuleRunConfig): Mnist1dSession {
  return new Mnist1dSession(config);
}
