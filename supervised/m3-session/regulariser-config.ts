/**
 * The 'regularisers' module session's config (regulariser-session.ts): the toy dataset (world),
 * which regulariser trains (agent) and its options, each task defaulting to the book's setup.
 *
 *   { module: 'regularisers', world: { points?, sigma?, dataSeed? },
 *     agent: 'early-stopping' | 'dropout' | 'input-noise', options: { ... }, seed }
 *
 * | agent            | book                         | defaults                                                   |
 * |------------------|------------------------------|------------------------------------------------------------|
 * | 'early-stopping' | fig. 9.6                     | 14 regions, random init N(0, 1), SGD batch 5, alpha 0.05,  |
 * |                  |                              | 100,000 steps (measured every 100)                         |
 * | 'dropout'        | fig. 9.9, 2,000 iterations   | 14 regions, the kinked fit (units 7-9, height 0.8), full-  |
 * |                  |                              | batch GD alpha 0.01, 2,000 steps; drop one of the kink's   |
 * |                  |                              | three units a step ('kink'), or each unit at `rate`        |
 * | 'input-noise'    | fig. 9.10                    | 14 regions, from the least-squares fit, SGD batch 5, alpha |
 * |                  |                              | 0.02, sigma_x 0.05, 20,000 steps                           |
 *
 * Every alpha is for the book's SGD, the gradient summed over the batch (eq. 6.10); the book
 * gives batch 5 and lr 0.05 for fig. 9.6 and nothing more, so that is the form that runs.
 * The data: `points` stratified inputs of the A.5 toy with noise `sigma`, drawn from `dataSeed`
 * alone, so the page's closed-form parts (L2, bagging) and every task see the same points.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { checkField, type FieldSpec } from '../../agents/tabular/config';
import { deriveRng } from '../../environments/core/rng';
import { TOY_POINTS, TOY_SIGMA, sampleToyData, type ToyData } from '../m3';

export const REGULARISERS_MODULE = 'regularisers';

export type RegulariserTask = 'early-stopping' | 'dropout' | 'input-noise';
export const REGULARISER_TASKS: readonly RegulariserTask[] = ['early-stopping', 'dropout', 'input-noise'];

export interface RegulariserWorld {
  /** N, the training points. Default 15 (fig. 8.8). */
  readonly points: number;
  /** The noise's standard deviation. Default 0.3 (Appendix A.5). */
  readonly sigma: number;
  /** Seeds the dataset (and nothing else). Default 2: a draw whose least-squares fit wiggles visibly. */
  readonly dataSeed: number;
}

export const REGULARISER_WORLD_DEFAULTS: RegulariserWorld = Object.freeze({ points: TOY_POINTS, sigma: TOY_SIGMA, dataSeed: 2 });

interface CommonOptions {
  /** D, the hidden units (linear regions). */
  readonly capacity: number;
  /** alpha, with the gradient summed over the batch (eq. 6.10). */
  readonly learningRate: number;
  /** Optimiser steps in the run. */
  readonly steps: number;
  /** Measure the training loss and test error every this many steps. */
  readonly evalEvery: number;
}

export interface EarlyStoppingOptions extends CommonOptions {
  /** Points per SGD step. */
  readonly batchSize: number;
  /** The initial phi is Norm[0, initScale^2] in each number. */
  readonly initScale: number;
}

export interface DropoutOptions extends CommonOptions {
  /** 'kink': one of the kink's three units is removed each step (fig. 9.9c); 'independent': each unit with probability `rate`. */
  readonly mode: 'kink' | 'independent';
  readonly rate: number;
  /** The kink's first hidden unit j (it uses j, j + 1, j + 2). */
  readonly kinkUnit: number;
  /** The kink's height k / D. */
  readonly kinkHeight: number;
}

export interface InputNoiseOptions extends CommonOptions {
  readonly batchSize: number;
  /** sigma_x, the noise added to each input at each step. */
  readonly inputNoise: number;
}

export type RegulariserOptions = EarlyStoppingOptions | DropoutOptions | InputNoiseOptions;

export const TASK_DEFAULTS = Object.freeze({
  'early-stopping': Object.freeze({ capacity: 14, learningRate: 0.05, steps: 100_000, evalEvery: 100, batchSize: 5, initScale: 1 }) as EarlyStoppingOptions,
  dropout: Object.freeze({ capacity: 14, learningRate: 0.01, steps: 2000, evalEvery: 10, mode: 'kink', rate: 0.5, kinkUnit: 7, kinkHeight: 0.8 }) as DropoutOptions,
  'input-noise': Object.freeze({ capacity: 14, learningRate: 0.02, steps: 20_000, evalEvery: 20, batchSize: 5, inputNoise: 0.05 }) as InputNoiseOptions,
});

const COMMON_FIELDS: Record<keyof CommonOptions, FieldSpec> = {
  capacity: { type: 'integer', doc: 'hidden units (linear regions)', min: 3, max: 64 },
  learningRate: { type: 'number', doc: 'alpha (gradient summed over the batch)', min: 0, minExclusive: true, max: 10 },
  steps: { type: 'integer', doc: 'optimiser steps', min: 1, max: 10_000_000 },
  evalEvery: { type: 'integer', doc: 'steps between measurements', min: 1, max: 10_000_000 },
};

export const TASK_FIELDS: Readonly<Record<RegulariserTask, Readonly<Record<string, FieldSpec>>>> = Object.freeze({
  'early-stopping': {
    ...COMMON_FIELDS,
    batchSize: { type: 'integer', doc: 'points per step', min: 1, max: 10_000 },
    initScale: { type: 'number', doc: 'standard deviation of the initial weights', min: 0, max: 100 },
  },
  dropout: {
    ...COMMON_FIELDS,
    mode: { type: 'enum', doc: 'which units are dropped', options: ['kink', 'independent'] },
    rate: { type: 'number', doc: 'drop probability per unit (independent)', min: 0, max: 1, maxExclusive: true },
    kinkUnit: { type: 'integer', doc: "the kink's first unit", min: 1, max: 62 },
    kinkHeight: { type: 'number', doc: "the kink's height", min: -10, max: 10 },
  },
  'input-noise': {
    ...COMMON_FIELDS,
    batchSize: { type: 'integer', doc: 'points per step', min: 1, max: 10_000 },
    inputNoise: { type: 'number', doc: 'sigma_x', min: 0, max: 1 },
  },
});

const WORLD_FIELDS: Record<keyof RegulariserWorld, FieldSpec> = {
  points: { type: 'integer', doc: 'training points', min: 4, max: 1000 },
  sigma: { type: 'number', doc: 'noise standard deviation', min: 0, max: 2 },
  dataSeed: { type: 'integer', doc: 'seeds the dataset', min: 0, max: 2 ** 31 - 1 },
};

export function fail(message: string): never {
  throw new Error(`regularisers: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge<T>(given: unknown, defaults: T, fields: Readonly<Record<string, FieldSpec>>, where: string): T {
  if (given === undefined || given === null) return defaults;
  if (!isRecord(given)) fail(`${where} must be an object, got ${JSON.stringify(given)}`);
  for (const key of Object.keys(given)) if (!(key in fields)) fail(`${where} has an unknown field '${key}'; fields are ${Object.keys(fields).join(', ')}`);
  const merged = { ...defaults, ...given } as Record<string, unknown>;
  for (const [key, spec] of Object.entries(fields)) {
    const problem = checkField(`${where}.${key}`, spec, merged[key]);
    if (problem !== null) fail(problem);
  }
  return merged as T;
}

export interface CheckedRegulariserConfig {
  readonly task: RegulariserTask;
  readonly world: RegulariserWorld;
  readonly options: RegulariserOptions;
  readonly seed: number;
}

/** The config with its defaults filled in; one message naming the field for anything wrong. */
export function checkRegulariserConfig(config: ModuleRunConfig): CheckedRegulariserConfig {
  if (!isRecord(config)) fail('the config must be { module, world, agent, options, seed }');
  if (config.module !== REGULARISERS_MODULE) fail(`module must be '${REGULARISERS_MODULE}', got ${JSON.stringify(config.module)}`);
  if (!REGULARISER_TASKS.includes(config.agent as RegulariserTask)) fail(`agent must be ${REGULARISER_TASKS.map((t) => `'${t}'`).join(', ')}, got ${JSON.stringify(config.agent)}`);
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
    fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(config.seed)}`);
  }
  const task = config.agent as RegulariserTask;
  const world = merge(config.world, REGULARISER_WORLD_DEFAULTS, WORLD_FIELDS, 'world');
  const options = merge(config.options, TASK_DEFAULTS[task] as RegulariserOptions, TASK_FIELDS[task], 'options');
  if ('batchSize' in options && options.batchSize > world.points) fail(`options.batchSize must be at most the ${world.points} points, got ${options.batchSize}`);
  if (task === 'dropout') {
    const { kinkUnit, capacity } = options as DropoutOptions;
    if (kinkUnit + 2 > capacity) fail(`options.kinkUnit must leave room for the kink's three units: at most ${capacity - 2} at capacity ${capacity}, got ${kinkUnit}`);
  }
  return { task, world, options, seed: config.seed };
}

/** The bench's dataset: N stratified points of the A.5 toy, from the data seed alone. */
export function regulariserData(world: RegulariserWorld): ToyData {
  return sampleToyData(world.points, world.sigma, deriveRng(world.dataSeed, 'regularisers/data'));
}
