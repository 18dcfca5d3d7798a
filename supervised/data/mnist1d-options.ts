/**
 * MNIST-1D's generator options (Appendix B, "Default arguments"): every field of the published
 * recipe, under camelCase names, with its default, a doc line and one checked range. Kept apart
 * from the generator so forms and links can read the fields without generating anything.
 *
 * Messages name the field and the bad value: `mnist1d options: padding must be [min, max] with
 * integers 0 <= min <= max <= 1000, got [60, 36]`.
 */
import { checkField, type FieldSpec } from '../../agents/tabular/config';

export interface Mnist1dOptions {
  /** num_samples: how many sequences in all, a multiple of 10 (numSamples / 10 of each digit). */
  readonly numSamples: number;
  /** train_split: the first floor(numSamples * trainSplit) shuffled sequences train, the rest test. */
  readonly trainSplit: number;
  /** template_len: the templates' nominal length; the padded template is resampled to templateLength + padding[1] samples. */
  readonly templateLength: number;
  /** padding: [min, max]; each template gets a random whole number of zeros in [min, max] appended. */
  readonly padding: readonly [number, number];
  /** scale_coeff: the signal is multiplied by 1 + scaleCoeff (U - 0.5), U uniform in [0, 1). */
  readonly scaleCoeff: number;
  /** max_translation: the signal is rotated right by a whole number of samples in [0, maxTranslation). */
  readonly maxTranslation: number;
  /** corr_noise_scale: standard deviation of the white noise that is Gaussian-filtered (sigma 2) into the background. */
  readonly corrNoiseScale: number;
  /** iid_noise_scale: standard deviation of the independent noise added to every sample. */
  readonly iidNoiseScale: number;
  /** shear_scale: a ramp c * linspace(-0.5, 0.5) is subtracted, with c = shearScale (U - 0.5). */
  readonly shearScale: number;
  /** final_seq_length: samples per sequence in the dataset (the network's input size). */
  readonly finalSeqLength: number;
  /** seed: same seed and options, same dataset, number for number. */
  readonly seed: number;
}

/** The recipe's defaults: 5,000 sequences of 40 samples, 4,000 train and 1,000 test (chapter 8's setup). */
export const MNIST1D_DEFAULTS: Mnist1dOptions = Object.freeze({
  numSamples: 5000,
  trainSplit: 0.8,
  templateLength: 12,
  padding: Object.freeze([36, 60]) as readonly [number, number],
  scaleCoeff: 0.4,
  maxTranslation: 48,
  corrNoiseScale: 0.25,
  iidNoiseScale: 2e-2,
  shearScale: 0.75,
  finalSeqLength: 40,
  seed: 42,
});

/** The standard deviation (in samples of the working length) of the correlated-noise filter; fixed by the recipe. */
export const CORRELATED_NOISE_SIGMA = 2;

/** Bounds that keep a generated dataset to a size a browser tab holds easily. */
export const MNIST1D_MAX_SAMPLES = 100_000;
export const MNIST1D_MAX_LENGTH = 1000;

type ScalarKey = Exclude<keyof Mnist1dOptions, 'padding'>;

const SCALAR_FIELDS: { readonly [K in ScalarKey]: FieldSpec } = {
  numSamples: { type: 'integer', doc: 'Sequences in all (a multiple of 10).', min: 10, max: MNIST1D_MAX_SAMPLES },
  trainSplit: { type: 'number', doc: 'Fraction of the shuffled sequences used for training.', min: 0, max: 1, minExclusive: true, maxExclusive: true },
  templateLength: { type: 'integer', doc: 'Nominal template length; working length = templateLength + padding max.', min: 1, max: MNIST1D_MAX_LENGTH },
  scaleCoeff: { type: 'number', doc: 'Amplitude scale range: factor 1 + scaleCoeff (U - 0.5).', min: 0, max: 2, maxExclusive: true },
  maxTranslation: { type: 'integer', doc: 'Circular shifts drawn from [0, maxTranslation).', min: 1, max: 2 * MNIST1D_MAX_LENGTH },
  corrNoiseScale: { type: 'number', doc: 'Scale of the smoothed background noise.', min: 0, max: 100 },
  iidNoiseScale: { type: 'number', doc: 'Scale of the independent per-sample noise.', min: 0, max: 100 },
  shearScale: { type: 'number', doc: 'Range of the subtracted linear ramp.', min: 0, max: 100 },
  finalSeqLength: { type: 'integer', doc: 'Samples per sequence in the dataset.', min: 2, max: MNIST1D_MAX_LENGTH },
  seed: { type: 'integer', doc: 'Seed of every random draw.', min: 0, max: 2 ** 31 - 1 },
};

/** Every option key, padding included, for messages and forms. */
export const MNIST1D_OPTION_KEYS: readonly (keyof Mnist1dOptions)[] = Object.freeze([
  'numSamples', 'trainSplit', 'templateLength', 'padding', 'scaleCoeff', 'maxTranslation',
  'corrNoiseScale', 'iidNoiseScale', 'shearScale', 'finalSeqLength', 'seed',
]);

function fail(problem: string): never {
  throw new Error(`mnist1d options: ${problem}`);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => describeValue(v)).join(', ')}]`;
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function checkPadding(value: unknown): readonly [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MNIST1D_MAX_LENGTH) &&
    value[0] <= value[1];
  if (!ok) fail(`padding must be [min, max] with integers 0 <= min <= max <= ${MNIST1D_MAX_LENGTH}, got ${describeValue(value)}`);
  return Object.freeze([value[0], value[1]]) as readonly [number, number];
}

/** The samples the padded template is resampled to: templateLength + the most padding (72 by default). */
export function workingLength(options: Mnist1dOptions): number {
  return options.templateLength + options.padding[1];
}

/** How many of the shuffled sequences train: floor(numSamples * trainSplit), as the recipe computes it. */
export function trainCount(options: Mnist1dOptions): number {
  return Math.floor(options.numSamples * options.trainSplit);
}

/**
 * The defaults with `overrides` applied, every field checked, frozen. Throws one Error naming
 * the first bad field, or the unknown key.
 */
export function resolveMnist1dOptions(overrides: Partial<Mnist1dOptions> = {}): Mnist1dOptions {
  if (overrides === null || typeof overrides !== 'object') fail(`expected an object of options, got ${describeValue(overrides)}`);
  for (const key of Object.keys(overrides)) {
    if (!MNIST1D_OPTION_KEYS.includes(key as keyof Mnist1dOptions)) {
      fail(`unknown option '${key}'; options are ${MNIST1D_OPTION_KEYS.join(', ')}`);
    }
  }
  const merged = { ...MNIST1D_DEFAULTS, ...overrides };
  for (const key of Object.keys(SCALAR_FIELDS) as ScalarKey[]) {
    const problem = checkField(key, SCALAR_FIELDS[key], merged[key]);
    if (problem !== null) fail(problem);
  }
  const options: Mnist1dOptions = { ...merged, padding: checkPadding(merged.padding) };
  if (options.numSamples % 10 !== 0) fail(`numSamples must be a multiple of 10 (each digit gets numSamples / 10), got ${options.numSamples}`);
  const train = trainCount(options);
  if (train < 1 || train > options.numSamples - 1) {
    fail(`trainSplit must leave at least one training and one test sequence, got ${options.trainSplit} of ${options.numSamples} (${train} train)`);
  }
  const length = workingLength(options);
  if (options.maxTranslation > length) {
    fail(`maxTranslation must be at most the working length templateLength + padding[1] = ${length}, got ${options.maxTranslation}`);
  }
  return Object.freeze(options);
}
