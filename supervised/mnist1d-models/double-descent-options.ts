/**
 * The 'double-descent' session's `world` and `options` (double-descent-session.ts).
 *
 * The book's experiment (fig. 8.10): MNIST-1D with 10,000 training and 5,000 test sequences, an
 * MLP with two hidden layers of equal width w (w^2 + 52 w + 10 parameters), widths swept, each
 * trained by Adam (alpha 0.005) for 4,000 full-batch steps, with clean labels (a) and 15% of the
 * training labels randomised (b). Tens of widths at 4,000 full-batch steps on 10,000 examples is
 * hours of work for a browser tab (measured in Node on wasm: a width-200 network takes a
 * full-batch step on 4,000 examples in about a third of a second), so the defaults are a coarse
 * sweep with the same recipe on less: 2,000 training and 1,000 test sequences, widths 4 to 96,
 * 1,000 steps per network. The 'double-descent-book' preset (presets.ts) has the book's numbers.
 *
 * What the coarse default gave here (seed 1, wasm): with 15% noise the test error rose from 0.59
 * at width 8 to a peak of 0.68 at width 24 (1,834 parameters, next to the 2,000 examples) and fell
 * back to 0.62-0.63 at widths 64-96; with clean labels it fell, with bumps, from 0.65 at width 4
 * to 0.53 at widths 64-96. The test loss shows the peak more sharply (width 24 clean, 32 noisy).
 * Errors are higher than the book's: the training set is a fifth of its size.
 *
 * world: the dataset options (world.ts) and `labelNoise`, a list of fractions, one curve each.
 * options:
 * - `widths`: the hidden widths swept, increasing;
 * - `depth`: hidden layers (2 in the book);
 * - `stepsPerWidth`: optimiser steps per network;
 * - `stepsPerUnit`: optimiser steps per session step ("trains one width a little": the worker's
 *   chunks stay short whatever the width);
 * - `optimiser`, `learningRate`, `reduction`, `batchSize`, `l2`, `labelSmoothing` as in training-config.ts, with
 *   Adam in book form (epsilon inside the square root, eq. 6.17) and the full batch as defaults;
 * - `init`: 'he' (the notebooks) or 'glorot'.
 */
import { checkField } from '../../agents/tabular/config';
import { INIT_SCHEMES, type InitScheme } from './init';
import { resolveTrainingConfig, type Mnist1dTrainingConfig, type ResolvedTrainingConfig } from './training-config';
import { checkNoiseFraction, parseDatasetWorld } from './world';
import type { Mnist1dOptions } from '../data';
import type { UpdateRule } from '../core';

export interface DoubleDescentWorld {
  readonly dataset: Mnist1dOptions;
  /** One curve per fraction of randomised training labels, in the order given. */
  readonly labelNoise: readonly number[];
}

export interface DoubleDescentOptions {
  readonly widths: readonly number[];
  readonly depth: number;
  readonly stepsPerWidth: number;
  readonly stepsPerUnit: number;
  readonly init: InitScheme;
  /** steps = evalEvery = stepsPerWidth: each network is measured once, at its end. */
  readonly training: ResolvedTrainingConfig;
}

/** The coarse default: 2,000 training and 1,000 test sequences, so #params = #train at w of about 26 (w^2 + 52 w + 10 = 2,000). */
export const DOUBLE_DESCENT_DEFAULT_WORLD = Object.freeze({ numSamples: 3000, trainSplit: 2 / 3, labelNoise: Object.freeze([0, 0.15]) });

export const DOUBLE_DESCENT_DEFAULTS = Object.freeze({
  widths: Object.freeze([4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96]),
  depth: 2,
  stepsPerWidth: 1000,
  // A unit is indivisible for the worker: at width 96 on 2,000 rows a step takes tens of ms on wasm.
  stepsPerUnit: 5,
  init: 'he' as InitScheme,
  optimiser: Object.freeze({ kind: 'adam', form: 'book', learningRate: 0.005 }) as UpdateRule,
  batchSize: 'full' as const,
});

const OPTION_FIELDS = ['widths', 'depth', 'stepsPerWidth', 'stepsPerUnit', 'init', 'optimiser', 'learningRate', 'reduction', 'batchSize', 'l2', 'labelSmoothing'];
/** Widths and sweep length are bounded so that a typo cannot queue days of work. */
export const MAX_WIDTHS = 64;
export const MAX_WIDTH = 4096;

export function resolveDoubleDescentWorld(world: unknown): DoubleDescentWorld {
  if (world !== undefined && world !== null && (typeof world !== 'object' || Array.isArray(world))) {
    throw new Error(`double-descent: world must be an object of dataset options, got ${JSON.stringify(world)}`);
  }
  // Fields left out take the coarse default's values, not the generator's (5,000 at 0.8).
  const parsed = parseDatasetWorld({ ...DOUBLE_DESCENT_DEFAULT_WORLD, ...(world ?? {}) }, ['labelNoise'], 'double-descent');
  const levels = parsed.extras.labelNoise;
  if (!Array.isArray(levels) || levels.length < 1 || levels.length > 8) throw new Error(`double-descent: world.labelNoise must be a list of 1 to 8 fractions, got ${JSON.stringify(levels)}`);
  const labelNoise = levels.map((level: unknown, i) => checkNoiseFraction(level, `double-descent: world.labelNoise[${i}]`));
  // Distinct in whole percent: each curve's metric keys carry its percentage.
  if (new Set(labelNoise.map((f) => Math.round(f * 100))).size !== labelNoise.length) {
    throw new Error(`double-descent: world.labelNoise must differ by at least a whole percent, got ${JSON.stringify(levels)}`);
  }
  return { dataset: parsed.options, labelNoise: Object.freeze(labelNoise) };
}

export function resolveDoubleDescentOptions(options: unknown): DoubleDescentOptions {
  const fields = options ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new Error(`double-descent: options must be an object, got ${JSON.stringify(options)}`);
  for (const key of Object.keys(fields)) if (!OPTION_FIELDS.includes(key)) throw new Error(`double-descent: unknown option '${key}'; options are ${OPTION_FIELDS.join(', ')}`);
  const merged = { ...DOUBLE_DESCENT_DEFAULTS, ...(fields as Record<string, unknown>) } as Record<string, unknown>;
  const { widths } = merged;
  if (!Array.isArray(widths) || widths.length < 1 || widths.length > MAX_WIDTHS) throw new Error(`double-descent: options.widths must be a list of 1 to ${MAX_WIDTHS} widths, got ${JSON.stringify(widths)}`);
  widths.forEach((w: unknown, i) => {
    if (!(typeof w === 'number' && Number.isInteger(w) && w >= 1 && w <= MAX_WIDTH)) throw new Error(`double-descent: options.widths[${i}] must be an integer in [1, ${MAX_WIDTH}], got ${JSON.stringify(w)}`);
    if (i > 0 && w <= widths[i - 1]) throw new Error(`double-descent: options.widths must increase, but widths[${i}] = ${w} follows ${widths[i - 1]}`);
  });
  const problem =
    checkField('options.depth', { type: 'integer', doc: '', min: 1, max: 8 }, merged.depth) ??
    checkField('options.stepsPerWidth', { type: 'integer', doc: '', min: 1, max: 1_000_000 }, merged.stepsPerWidth) ??
    checkField('options.stepsPerUnit', { type: 'integer', doc: '', min: 1, max: 100_000 }, merged.stepsPerUnit);
  if (problem !== null) throw new Error(`double-descent: ${problem}`);
  if (!INIT_SCHEMES.includes(merged.init as InitScheme)) throw new Error(`double-descent: options.init must be one of ${INIT_SCHEMES.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(merged.init)}`);
  const stepsPerWidth = merged.stepsPerWidth as number;
  const trainingFields: Partial<Mnist1dTrainingConfig> = {
    optimiser: merged.optimiser as UpdateRule,
    batchSize: merged.batchSize as Mnist1dTrainingConfig['batchSize'],
    steps: stepsPerWidth,
    evalEvery: stepsPerWidth,
    ...(merged.learningRate === undefined ? {} : { learningRate: merged.learningRate as Mnist1dTrainingConfig['learningRate'] }),
    ...(merged.reduction === undefined ? {} : { reduction: merged.reduction as Mnist1dTrainingConfig['reduction'] }),
    ...(merged.l2 === undefined ? {} : { l2: merged.l2 as number }),
    ...(merged.labelSmoothing === undefined ? {} : { labelSmoothing: merged.labelSmoothing as number }),
  };
  let training: ResolvedTrainingConfig;
  try {
    training = resolveTrainingConfig(trainingFields);
  } catch (error) {
    throw new Error(`double-descent: options: ${(error as Error).message}`, { cause: error });
  }
  return { widths: Object.freeze([...widths]), depth: merged.depth as number, stepsPerWidth, stepsPerUnit: merged.stepsPerUnit as number, init: merged.init as InitScheme, training };
}
