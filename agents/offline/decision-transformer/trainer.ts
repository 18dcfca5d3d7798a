/**
 * Training the decision transformer on an offline dataset (issue 7 section 3): supervised
 * learning of a_t from the tokens before it, no environment and no rewards beyond the
 * returns-to-go the dataset already holds.
 *
 * One training step: sample `batchSize` windows (windows.ts, with the trainer's own Rng derived
 * from the config's seed), run the model (model.ts), take the cross-entropy of the actions
 * actually taken under the predicted logits, averaged over the real (unpadded) timesteps, and
 * apply one step of Floe's Adam with the optional global-norm clipping.
 *
 * Like a Trainable, `trainSteps(n)` returns one metrics row per step:
 *   'losses/dt_loss'   the mean cross-entropy (nats) of the batch, before the step
 *   'charts/accuracy'  the fraction of real timesteps whose argmax logit is the dataset's action
 *   'losses/grad_norm' the global gradient norm before clipping
 * Same seed, same dataset, same config and backend: the same rows bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveRng, type Rng } from '../../../environments/core/rng';
import type { Metrics } from '../../../environments/core/types';
import { Adam } from '../../deep/adam';
import type { Dataset, DatasetSource } from '../dataset-types';
import { resolveDecisionTransformerConfig, type DecisionTransformerConfig } from './config';
import { saveDecisionTransformer, type DecisionTransformerFile } from './file';
import { DecisionTransformerModel, type WindowBatch } from './model';
import { DecisionTransformerRuntime } from './runtime';
import { WindowSampler, type ReturnRange } from './windows';

/** Where a trained model came from: saved with its weights, shown next to it. */
export interface DecisionTransformerProvenance {
  /** The dataset's world ('arcade/breakout', a gridworld's name). */
  readonly world: string;
  readonly source: DatasetSource;
  readonly episodes: number;
  readonly steps: number;
  /** The dataset's episode returns: the range a sensible target return comes from. */
  readonly returns: ReturnRange;
  /** Gradient steps taken. */
  readonly trainSteps: number;
}

/**
 * The masked cross-entropy of the dataset's actions and the number of real timesteps whose
 * argmax logit is that action. Call inside tf.tidy.
 */
export function actionLoss(model: DecisionTransformerModel, batch: WindowBatch): { loss: tf.Scalar; correct: tf.Scalar; real: number } {
  const { nActions } = model.dims;
  const slots = batch.actions.length;
  const logits = tf.reshape(model.forward(batch).logits, [slots, nActions]) as tf.Tensor2D;
  const actions = tf.tensor1d(batch.actions, 'int32');
  const mask = tf.tensor1d(Float32Array.from(batch.mask));
  const real = batch.mask.reduce((sum, m) => sum + m, 0);
  // NOTE: padded slots must not count: their "actions" are copies, not decisions.
  const crossEntropy = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.cast(tf.oneHot(actions, nActions), 'float32')), 1));
  const loss = tf.div(tf.sum(tf.mul(crossEntropy, mask)), real) as tf.Scalar;
  const correct = tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(logits, 1), actions), 'float32'), mask)) as tf.Scalar;
  return { loss, correct, real };
}

export class DecisionTransformerTrainer {
  readonly config: DecisionTransformerConfig;
  readonly model: DecisionTransformerModel;
  readonly sampler: WindowSampler;
  private readonly dataset: Dataset;
  private readonly adam: Adam;
  /** The windows' sampling stream, derived from the config's seed. */
  private readonly rng: Rng;
  private trained = 0;
  private disposed = false;

  /** Checks the config and the dataset (one precise message each) before building anything. */
  constructor(dataset: Dataset, overrides: Partial<DecisionTransformerConfig> = {}) {
    this.config = resolveDecisionTransformerConfig(overrides);
    this.sampler = new WindowSampler(dataset, this.config.contextLength);
    this.dataset = dataset;
    this.model = new DecisionTransformerModel({ input: dataset.input, nActions: dataset.nActions }, this.config);
    const maxGradNorm = this.config.maxGradNorm === 0 ? Infinity : this.config.maxGradNorm;
    this.adam = new Adam(this.model.variables, { learningRate: this.config.learningRate, maxGradNorm });
    this.rng = deriveRng(this.config.seed, 'replay');
  }

  /** `n` gradient steps; one metrics row each. */
  trainSteps(n: number): Metrics[] {
    this.checkAlive();
    if (!Number.isInteger(n) || n < 0) throw new Error(`decision transformer: trainSteps needs a whole number of steps, got ${n}`);
    const rows: Metrics[] = [];
    for (let i = 0; i < n; i++) rows.push(this.trainStep());
    return rows;
  }

  get stepsDone(): number {
    return this.trained;
  }

  /** A runtime acting with this trainer's model (shared, not copied: later training changes its actions). */
  runtime(targetReturn: number): DecisionTransformerRuntime {
    this.checkAlive();
    return new DecisionTransformerRuntime(this.model, targetReturn);
  }

  provenance(): DecisionTransformerProvenance {
    return {
      world: this.dataset.world,
      source: this.dataset.source,
      episodes: this.dataset.episodes.length,
      steps: this.sampler.steps,
      returns: this.sampler.episodeReturns,
      trainSteps: this.trained,
    };
  }

  /** Weights, config and provenance (file.ts). Adam's moments are not saved: more training on a loaded model starts a fresh Adam. */
  save(): DecisionTransformerFile {
    this.checkAlive();
    return saveDecisionTransformer(this.model, this.provenance());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
    this.adam.dispose();
  }

  private trainStep(): Metrics {
    const batch = this.sampler.sample(this.config.batchSize, this.rng);
    // Filled inside the gradient's function; `correct` is kept past variableGrads, which frees
    // everything its function made but the loss.
    const kept: { correct: tf.Scalar | null; real: number } = { correct: null, real: 0 };
    try {
      const { loss, gradNorm } = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const result = actionLoss(this.model, batch);
          kept.correct = tf.keep(result.correct);
          kept.real = result.real;
          return result.loss;
        }, this.model.variables);
        const norm = this.adam.apply(this.model.variables.map((variable) => grads[variable.name]));
        return { loss: value.dataSync()[0], gradNorm: norm };
      });
      this.trained++;
      const correct = kept.correct === null ? 0 : kept.correct.dataSync()[0];
      return { 'losses/dt_loss': loss, 'charts/accuracy': correct / kept.real, 'losses/grad_norm': gradNorm };
    } finally {
      kept.correct?.dispose();
    }
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('decision transformer: trainer used after dispose()');
  }
}
