/**
 * The MNIST-1D training loop (issue 8, M3 and M4): a network, a TfOptimiser in book or library
 * form, cross-entropy, minibatches drawn without replacement, and the four curves of fig. 8.2
 * measured every `evalEvery` steps. A Trainable: step(n) runs n optimiser steps.
 *
 * One step: take the next minibatch (minibatches.ts: without replacement, a fresh permutation
 * from the 'batches' stream every epoch), draw the dropout masks from the 'dropout' stream, and
 * minimise
 *
 *   sum (or mean) over the batch of cross-entropy  +  l2 * sum of squared weights.
 *
 * Metrics rows (flat, one per step, `global_step` = steps done):
 * - every step: 'losses/batch_loss', the value the step minimised, per example (divided by the
 *   batch size when the loss is summed), with the L2 term and label smoothing when they are on;
 * - at step 0 (in the first call's rows), every `evalEvery` steps and at the last step, over
 *   the whole splits in evaluation mode: 'charts/train_error', 'charts/test_error' (fractions in
 *   [0, 1]) and 'losses/train_loss', 'losses/test_loss' (mean cross-entropy per example against
 *   the labels as given, no penalty, no smoothing).
 *
 * Same network seed, data, config and seed, same backend: the same numbers bit for bit. The
 * trainer owns the network and the optimiser and frees both in dispose(); the data tensors are
 * the caller's. Every step and measurement leaves the tensor count as it was.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Metrics } from '../../environments/core/types';
import type { Trainable } from '../../agents/runner/trainable';
import { TfOptimiser } from '../core';
import type { SplitTensors } from './data-tensors';
import { MinibatchSampler } from './minibatches';
import { crossEntropy, scoreSplit, smoothTargets, type SplitScore } from './loss';
import type { Mnist1dNetwork } from './network';
import { resolveTrainingConfig, type ResolvedTrainingConfig } from './training-config';

/** The four curves at one step. */
export interface Evaluation {
  readonly step: number;
  readonly train: SplitScore;
  readonly test: SplitScore;
}

export interface TrainerReading {
  /** Optimiser steps done. */
  readonly step: number;
  /** The step budget. */
  readonly steps: number;
  /** Epochs completed (passes over the training set). */
  readonly epoch: number;
  /** The last step's 'losses/batch_loss' (null before the first step). */
  readonly batchLoss: number | null;
  /** The last measurement (null before the first). */
  readonly latest: Evaluation | null;
}

export class Mnist1dTrainer implements Trainable<TrainerReading> {
  readonly config: ResolvedTrainingConfig;
  readonly network: Mnist1dNetwork;
  private readonly train: SplitTensors;
  private readonly test: SplitTensors;
  private readonly optimiser: TfOptimiser;
  /** The training targets: the one-hot rows, or smoothed ones this trainer owns. */
  private readonly targets: tf.Tensor2D;
  private readonly batches: MinibatchSampler;
  private readonly dropoutRng: Rng;
  private t = 0;
  private batchLoss: number | null = null;
  private latest: Evaluation | null = null;
  private disposed = false;

  /**
   * @param seed seeds the minibatch order and the dropout masks (the network has its own seed).
   * Throws one message for a bad config or data that do not fit the network; the network is
   * then the caller's to dispose.
   */
  constructor(network: Mnist1dNetwork, train: SplitTensors, test: SplitTensors, config: unknown = {}, seed = 0) {
    this.config = resolveTrainingConfig(config);
    for (const [name, split] of [['train', train], ['test', test]] as const) {
      if (split.length !== network.spec.inputLength || split.classes !== network.spec.classes) {
        throw new Error(`mnist1d trainer: the ${name} split has sequences of ${split.length} and ${split.classes} classes, the network takes ${network.spec.inputLength} and ${network.spec.classes}`);
      }
    }
    this.network = network;
    this.train = train;
    this.test = test;
    const batchSize = this.config.batchSize === 'full' ? train.count : Math.min(this.config.batchSize, train.count);
    this.batches = new MinibatchSampler(deriveRng(seed, 'mnist1d/batches'), train.count, batchSize);
    this.dropoutRng = deriveRng(seed, 'mnist1d/dropout');
    this.optimiser = new TfOptimiser(network.variables, this.config.optimiser);
    this.targets = this.config.labelSmoothing > 0 ? smoothTargets(train.oneHot, this.config.labelSmoothing) : train.oneHot;
  }

  /** Steps done. */
  get stepsDone(): number {
    return this.t;
  }

  done(): boolean {
    return this.t >= this.config.steps;
  }

  /** Runs up to `n` optimiser steps (never past the budget); see the top of the file for the rows. */
  step(n: number): Metrics[] {
    this.checkAlive();
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`mnist1d trainer: step needs a whole number of steps, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    if (n === 0) return rows;
    if (this.latest === null) rows.push({ global_step: 0, ...this.measure() });
    for (let i = 0; i < n && !this.done(); i++) {
      const batchLoss = this.trainStep();
      this.t++;
      this.batchLoss = batchLoss;
      const row: Metrics = { global_step: this.t, 'losses/batch_loss': batchLoss };
      rows.push(this.t % this.config.evalEvery === 0 || this.done() ? { ...row, ...this.measure() } : row);
    }
    return rows;
  }

  /** Error and loss on both splits now (evaluation mode), without recording them. */
  evaluate(): Evaluation {
    this.checkAlive();
    return { step: this.t, train: scoreSplit(this.network, this.train), test: scoreSplit(this.network, this.test) };
  }

  snapshot(): TrainerReading {
    return { step: this.t, steps: this.config.steps, epoch: this.batches.epochs, batchLoss: this.batchLoss, latest: this.latest };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimiser.dispose();
    if (this.targets !== this.train.oneHot) this.targets.dispose();
    this.network.dispose();
  }

  private measure(): Metrics {
    this.latest = this.evaluate();
    const { train, test } = this.latest;
    return { 'charts/train_error': train.error, 'charts/test_error': test.error, 'losses/train_loss': train.loss, 'losses/test_loss': test.loss };
  }

  /** One optimiser step; returns the minimised value per example. */
  private trainStep(): number {
    const rows = this.batches.next();
    const size = rows === null ? this.train.count : rows.length;
    // Gathered once, outside the loss: optimisers that evaluate the loss again see the same batch.
    const batch =
      rows === null
        ? { x: this.train.inputs, y: this.targets }
        : tf.tidy(() => {
            const indices = tf.tensor1d(rows, 'int32');
            return { x: tf.gather(this.train.inputs, indices) as tf.Tensor2D, y: tf.gather(this.targets, indices) as tf.Tensor2D };
          });
    const masks = this.network.dropoutMasks(size, this.dropoutRng);
    try {
      const { reduction, l2 } = this.config;
      const value = this.optimiser.minimize(() => {
        const data = crossEntropy(this.network.logits(batch.x, masks), batch.y, reduction);
        return l2 > 0 ? (tf.add(data, tf.mul(this.network.l2Penalty(), l2)) as tf.Scalar) : data;
      });
      return reduction === 'sum' ? value / size : value;
    } finally {
      if (rows !== null) tf.dispose([batch.x, batch.y]);
      if (masks !== null) tf.dispose(masks);
    }
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('mnist1d trainer: used after dispose()');
  }
}
