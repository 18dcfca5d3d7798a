/**
 * How an MNIST-1D network is trained (trainer.ts): the optimiser and its batch convention, the
 * minibatch size, the step budget, how often the curves are measured, and the regularisers of
 * chapter 9 that act on the loss (L2, label smoothing; dropout is part of the network spec).
 *
 * Which form runs, and the learning rates: the book's SGD sums the loss over the batch (eq.
 * 6.10), while the book's figures were made with PyTorch, whose loss is the batch mean. With
 * batch B the two give the same path when alpha_sum = alpha_mean / B. The defaults are the
 * training monitor of section 8.1 (the book's "SGD, lr 0.1, batch 100") in the book's own form:
 * reduction 'sum' with alpha = 0.1 / 100 = 0.001. Setting `form: 'library'` on the optimiser
 * switches the default reduction to 'mean', where the book's 0.1 is the number to use.
 */
import { checkField } from '../../agents/tabular/config';
import { BATCH_REDUCTIONS, describeUpdateRule, resolveUpdateRule, type BatchReduction, type LearningRate, type ResolvedUpdateRule, type UpdateRule } from '../core';

export interface Mnist1dTrainingConfig {
  /** The update rule (supervised/core/optimisers): kind, form, learningRate, ... Default book-form SGD with alpha 0.001. */
  readonly optimiser: UpdateRule;
  /** When given, replaces the optimiser's learningRate (a number or a schedule): what a page's slider sets. */
  readonly learningRate?: LearningRate;
  /** 'sum' over the batch (eq. 6.10) or 'mean'. Default: 'sum' when the optimiser runs in book form, 'mean' in library form. */
  readonly reduction?: BatchReduction;
  /** Examples per minibatch, drawn without replacement within each epoch; 'full' uses the whole training set every step. Default 100. */
  readonly batchSize: number | 'full';
  /** Optimiser steps in the run; the trainer is done after them. Default 6,000 (section 8.1). */
  readonly steps: number;
  /** Measure train and test error and loss every this many steps (and at steps 0 and the last). Default 50. */
  readonly evalEvery: number;
  /**
   * lambda of the L2 penalty lambda * sum of squared weights (biases left out, section 9.1.1),
   * added to the batch loss as `reduction` forms it: against a summed loss the same lambda weighs
   * B times less than against the mean. Default 0.
   */
  readonly l2: number;
  /** rho: the target puts 1 - rho on the label and rho / (K - 1) on each other class. Default 0 (one-hot). */
  readonly labelSmoothing: number;
}

export interface ResolvedTrainingConfig extends Omit<Mnist1dTrainingConfig, 'optimiser' | 'reduction' | 'learningRate'> {
  readonly optimiser: ResolvedUpdateRule;
  readonly reduction: BatchReduction;
}

/** Section 8.1's training monitor, in book form (see the top of the file). */
export const TRAINING_DEFAULTS: Mnist1dTrainingConfig = Object.freeze({
  optimiser: Object.freeze({ kind: 'sgd', form: 'book', learningRate: 0.001 }) as UpdateRule,
  batchSize: 100,
  steps: 6000,
  evalEvery: 50,
  l2: 0,
  labelSmoothing: 0,
});

/** The most optimiser steps one run may ask for. */
export const MAX_TRAINING_STEPS = 10_000_000;

export const TRAINING_FIELDS = ['optimiser', 'learningRate', 'reduction', 'batchSize', 'steps', 'evalEvery', 'l2', 'labelSmoothing'] as const;

function fail(problem: string): never {
  throw new Error(`mnist1d training: ${problem}`);
}

/**
 * The defaults with `overrides` applied, every field checked. Throws one Error naming the field:
 * `mnist1d training: batchSize must be a whole number of at least 1 or 'full', got 0`.
 */
export function resolveTrainingConfig(overrides: unknown = {}): ResolvedTrainingConfig {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) fail(`the config must be an object, got ${JSON.stringify(overrides)}`);
  for (const key of Object.keys(overrides)) {
    if (!(TRAINING_FIELDS as readonly string[]).includes(key)) fail(`unknown field '${key}'; fields are ${TRAINING_FIELDS.join(', ')}`);
  }
  const { learningRate, ...merged } = { ...TRAINING_DEFAULTS, ...(overrides as Partial<Mnist1dTrainingConfig>) };
  let optimiser: ResolvedUpdateRule;
  try {
    optimiser = resolveUpdateRule(learningRate === undefined ? merged.optimiser : { ...merged.optimiser, learningRate });
  } catch (error) {
    fail(`optimiser: ${(error as Error).message}`);
  }
  const reduction = merged.reduction ?? (optimiser.form === 'book' ? 'sum' : 'mean');
  if (!BATCH_REDUCTIONS.includes(reduction)) fail(`reduction must be 'sum' or 'mean', got ${JSON.stringify(merged.reduction)}`);
  const { batchSize } = merged;
  if (batchSize !== 'full' && !(typeof batchSize === 'number' && Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1_000_000)) {
    fail(`batchSize must be a whole number of at least 1 or 'full', got ${JSON.stringify(batchSize)}`);
  }
  const problem =
    checkField('steps', { type: 'integer', doc: '', min: 1, max: MAX_TRAINING_STEPS }, merged.steps) ??
    checkField('evalEvery', { type: 'integer', doc: '', min: 1, max: MAX_TRAINING_STEPS }, merged.evalEvery) ??
    checkField('l2', { type: 'number', doc: '', min: 0, max: 1e6 }, merged.l2) ??
    checkField('labelSmoothing', { type: 'number', doc: '', min: 0, max: 1, maxExclusive: true }, merged.labelSmoothing);
  if (problem !== null) fail(problem);
  return Object.freeze({ ...merged, optimiser, reduction });
}

/** 'SGD (eq. 6.10: ...), α = 0.001, loss summed over batches of 100': what a legend says runs. */
export function describeTraining(config: ResolvedTrainingConfig, trainCount: number): string {
  const batch = config.batchSize === 'full' ? `the full batch of ${trainCount}` : `batches of ${config.batchSize}`;
  return `${describeUpdateRule(config.optimiser)}, loss ${config.reduction === 'sum' ? 'summed' : 'averaged'} over ${batch}`;
}
