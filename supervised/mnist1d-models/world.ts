/**
 * The `world` of the MNIST-1D module sessions: the dataset, as the generator's options
 * (supervised/data/mnist1d-options.ts: numSamples, trainSplit, ..., seed) plus the label noise
 * on the training labels (label-noise.ts), all optional: `{}` is the book's 4,000 / 1,000 set.
 *
 *   { numSamples: 15000, trainSplit: 0.66667, labelNoise: 0.15 }
 *
 * The 'mnist1d' session takes one noise fraction (`labelNoise`, default 0); the 'double-descent'
 * session a list of them (default [0, 0.15], fig. 8.10 a and b).
 */
import { MNIST1D_OPTION_KEYS, resolveMnist1dOptions, type Mnist1dDataset, type Mnist1dOptions } from '../data';
import { SplitTensors } from './data-tensors';
import { randomiseLabels, type NoisyLabels } from './label-noise';

export interface DatasetWorld {
  readonly options: Mnist1dOptions;
  /** The world's fields other than the generator's (checked by the caller). */
  readonly extras: Readonly<Record<string, unknown>>;
}

/** Splits a world into checked generator options and the other fields; throws one message naming the field. */
export function parseDatasetWorld(world: unknown, extraKeys: readonly string[], where: string): DatasetWorld {
  if (world === undefined || world === null) return { options: resolveMnist1dOptions(), extras: {} };
  if (typeof world !== 'object' || Array.isArray(world)) throw new Error(`${where}: world must be an object of dataset options, got ${JSON.stringify(world)}`);
  const options: Record<string, unknown> = {};
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(world)) {
    if ((MNIST1D_OPTION_KEYS as readonly string[]).includes(key)) options[key] = value;
    else if (extraKeys.includes(key)) extras[key] = value;
    else throw new Error(`${where}: world has an unknown field '${key}'; fields are ${[...MNIST1D_OPTION_KEYS, ...extraKeys].join(', ')}`);
  }
  try {
    return { options: resolveMnist1dOptions(options as Partial<Mnist1dOptions>), extras };
  } catch (error) {
    throw new Error(`${where}: world: ${(error as Error).message}`, { cause: error });
  }
}

export function checkNoiseFraction(value: unknown, where: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${where} must be a fraction in [0, 1], got ${JSON.stringify(value)}`);
  return value;
}

/** The dataset's two splits on the backend, the training labels noised by `labelNoise`. */
export interface UploadedDataset {
  readonly train: SplitTensors;
  readonly test: SplitTensors;
  readonly noise: NoisyLabels;
}

export function uploadDataset(dataset: Mnist1dDataset, labelNoise: number): UploadedDataset {
  const { sequenceLength: length, classes } = dataset;
  const noise = randomiseLabels(dataset.train.labels, labelNoise, classes, dataset.options.seed);
  const train = new SplitTensors(dataset.train.inputs, noise.labels, length, classes);
  try {
    return { train, test: new SplitTensors(dataset.test.inputs, dataset.test.labels, length, classes), noise };
  } catch (error) {
    train.dispose();
    throw error;
  }
}
