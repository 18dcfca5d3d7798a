/**
 * MNIST-1D (Greydanus 2020), the small sequence dataset of chapter 8, generated from the
 * published recipe (book-chapters.md, Appendix B) with Floe's seeded Rng. Ten digit templates of
 * 12 points (mnist1d-templates.ts) are each turned into numSamples / 10 sequences of 40 samples
 * by the transform pipeline below, then shuffled, split (4,000 train / 1,000 test by default)
 * and standardised.
 *
 * The pipeline, per sequence, in the recipe's order ("working length" = templateLength +
 * padding max = 72 by default):
 * 1. pad: append p zeros, p a whole number drawn uniformly from [padding[0], padding[1]];
 * 2. resample the 12 + p samples linearly to the working length (the template is stretched
 *    over less or more of it depending on p);
 * 3. scale by 1 + scaleCoeff (U - 0.5), that is by [0.8, 1.2) by default;
 * 4. rotate right by k samples, k drawn uniformly from [0, maxTranslation): the sample at i
 *    moves to (i + k) mod n, so what falls off the end comes back at the start;
 * 5. correlated noise: white noise of standard deviation corrNoiseScale over the whole working
 *    length, smoothed by a Gaussian filter of sigma 2 samples (gaussian-filter.ts), replaces
 *    the signal wherever the signal is the padding's zero;
 * 6. add independent normal noise of standard deviation iidNoiseScale to every sample;
 * 7. shear: subtract c * linspace(-0.5, 0.5, n), with c = shearScale (U - 0.5);
 * 8. resample linearly to finalSeqLength (40) samples.
 * Then the sequences are shuffled, the first floor(numSamples * trainSplit) train, and every
 * value is standardised with one mean and one standard deviation taken over the whole dataset
 * (train and test together, as the recipe does), so the whole set has mean 0 and std 1.
 *
 * Readings of the reference, where it leaves room (each matches the published generator):
 * - Step 5's "where the signal is 0" means the padding, not any sample whose value happens to
 *   be 0. The normalised templates start and end at exactly 0, and all but d0, d2 and d6 also
 *   touch 0 inside (wherever the raw template is back at 5); those samples are the digit's own
 *   and stay noise-free. The published code gets this by adding 1e-8 to the template before
 *   padding and testing `!= 0`; here a 0/1 "is template" mask goes through the same padding,
 *   resampling and rotation as the signal and marks the background directly (a resampled
 *   sample is background exactly when both of its neighbours are padding). The 1e-8 itself is
 *   left out: it would move the digit by 1e-8, far below the 0.02 iid noise.
 * - The noise in step 5 is drawn and filtered over the whole sequence and then used only on the
 *   background, so the background noise is smooth across the template's edges rather than
 *   restarting at each edge.
 * - The mean and std of the finishing step are the population ones (divide by n).
 * - Every sequence draws its random numbers in the same order (padding, scale, translation,
 *   correlated noise, iid noise, shear) whatever the scales are, so turning one noise scale to 0
 *   leaves every other draw, and so every other transform, unchanged.
 * The sequence of random numbers is Floe's (seedrandom alea, Box-Muller normals), not numpy's:
 * the data are the recipe's in distribution, not the published file number for number. The
 * statistics are what the tests check.
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import { gaussianFilter1d } from './gaussian-filter';
import { resampleLinear } from './interpolate';
import { MNIST1D_CLASSES, mnist1dTemplates } from './mnist1d-templates';
import {
  CORRELATED_NOISE_SIGMA,
  resolveMnist1dOptions,
  trainCount,
  workingLength,
  type Mnist1dOptions,
} from './mnist1d-options';
import { fillNormal, randomPermutation } from './random-draws';

/** The random transform one sequence received: what the UI shows beside it, and what the tests check. */
export interface Mnist1dTransformDraws {
  /** Zeros appended to the template, in [padding[0], padding[1]]. */
  readonly padding: number;
  /** Amplitude factor, in [1 - scaleCoeff / 2, 1 + scaleCoeff / 2). */
  readonly scale: number;
  /** Samples (of the working length) the signal was rotated right, in [0, maxTranslation). */
  readonly translation: number;
  /** Ramp coefficient c, in [-shearScale / 2, shearScale / 2). */
  readonly shear: number;
}

/** The signal after each step of the pipeline, for the UI's step-by-step view. */
export interface Mnist1dStages {
  /** The normalised template (12 samples). */
  readonly template: Float64Array;
  /** Step 1: the template with its zeros appended (12 + padding samples). */
  readonly padded: Float64Array;
  /** Step 2: resampled to the working length. */
  readonly resampled: Float64Array;
  /** Step 3. */
  readonly scaled: Float64Array;
  /** Step 4. */
  readonly translated: Float64Array;
  /** 1 where step 5 put noise (the padding after steps 2 and 4), 0 on the digit. */
  readonly background: Uint8Array;
  /** Step 5's smoothed noise, over the whole working length. */
  readonly correlatedNoise: Float64Array;
  /** Step 5: the translated signal with the background replaced by the smoothed noise. */
  readonly withCorrelatedNoise: Float64Array;
  /** Step 6. */
  readonly withIidNoise: Float64Array;
  /** Step 7. */
  readonly sheared: Float64Array;
  /** Step 8: the sequence before the dataset-wide standardisation. */
  readonly final: Float64Array;
}

/** One split of the dataset: rows in the shuffled order, every array indexed by row. */
export interface Mnist1dSamples {
  readonly count: number;
  /** count x sequenceLength, row-major, standardised. */
  readonly inputs: Float32Array;
  /** The digit of each row, 0 .. 9. */
  readonly labels: Int32Array;
  /** Each row's transform, column by column. */
  readonly padding: Int32Array;
  readonly scale: Float64Array;
  readonly translation: Int32Array;
  readonly shear: Float64Array;
}

export interface Mnist1dDataset {
  /** The options it was generated with, defaults filled in. */
  readonly options: Mnist1dOptions;
  /** Samples per sequence (finalSeqLength). */
  readonly sequenceLength: number;
  readonly classes: number;
  readonly train: Mnist1dSamples;
  readonly test: Mnist1dSamples;
  /** The finishing step: stored value = (generated value - mean) / std. */
  readonly standardisation: { readonly mean: number; readonly std: number };
  /** The ten normalised templates, index = digit. */
  readonly templates: readonly Float64Array[];
}

function rotateRight(values: ArrayLike<number>, shift: number, out: Float64Array | Uint8Array): void {
  const n = values.length;
  for (let i = 0; i < n; i++) out[(i + shift) % n] = values[i];
}

/**
 * Steps 1-8 on one template, drawing from `rng` in a fixed order. Returns every stage (the last,
 * `final`, is the sequence before standardisation) and the draws.
 */
function transformTemplate(
  template: Float64Array,
  options: Mnist1dOptions,
  rng: Rng,
): { stages: Mnist1dStages; draws: Mnist1dTransformDraws } {
  const n = workingLength(options);
  const [padMin, padMax] = options.padding;
  const padding = padMin + rng.int(padMax - padMin + 1);
  const scale = 1 + options.scaleCoeff * (rng.next() - 0.5);
  const translation = rng.int(options.maxTranslation);
  const correlatedWhite = fillNormal(rng, new Float64Array(n), options.corrNoiseScale);
  const iidNoise = fillNormal(rng, new Float64Array(n), options.iidNoiseScale);
  const shear = options.shearScale * (rng.next() - 0.5);

  // 1-2. Pad, then stretch onto the working length; the mask rides along to mark the padding.
  const padded = new Float64Array(template.length + padding);
  padded.set(template);
  const isTemplate = new Float64Array(padded.length);
  isTemplate.fill(1, 0, template.length);
  const resampled = resampleLinear(padded, n);
  const templateWeight = resampleLinear(isTemplate, n);

  // 3-4. Scale, then rotate signal and mask together.
  const scaled = resampled.map((v) => v * scale);
  const translated = new Float64Array(n);
  rotateRight(scaled, translation, translated);
  const background = new Uint8Array(n);
  rotateRight(templateWeight.map((w) => (w === 0 ? 1 : 0)), translation, background);

  // 5. Smoothed noise over the whole sequence, kept only on the background.
  const correlatedNoise = gaussianFilter1d(correlatedWhite, CORRELATED_NOISE_SIGMA);
  const withCorrelatedNoise = translated.map((v, i) => (background[i] === 1 ? correlatedNoise[i] : v));

  // 6-8. Independent noise, shear ramp, resample to the final length.
  const withIidNoise = withCorrelatedNoise.map((v, i) => v + iidNoise[i]);
  const sheared = withIidNoise.map((v, i) => v - shear * (n === 1 ? -0.5 : -0.5 + i / (n - 1)));
  const final = resampleLinear(sheared, options.finalSeqLength);

  return {
    stages: { template: Float64Array.from(template), padded, resampled, scaled, translated, background, correlatedNoise, withCorrelatedNoise, withIidNoise, sheared, final },
    draws: { padding, scale, translation, shear },
  };
}

function checkDigit(digit: number): void {
  if (!Number.isInteger(digit) || digit < 0 || digit >= MNIST1D_CLASSES) {
    throw new Error(`mnist1d: digit must be an integer in [0, 9], got ${String(digit)}`);
  }
}

/**
 * One sequence of `digit` with every intermediate of the pipeline, for showing the recipe step
 * by step. Draws from `rng` exactly as the generator does for one sequence.
 */
export function traceMnist1dTransform(
  digit: number,
  rng: Rng,
  overrides: Partial<Mnist1dOptions> = {},
): { stages: Mnist1dStages; draws: Mnist1dTransformDraws } {
  checkDigit(digit);
  return transformTemplate(mnist1dTemplates()[digit], resolveMnist1dOptions(overrides), rng);
}

/**
 * Generates the dataset: numSamples / 10 sequences of each digit, shuffled, split and
 * standardised. Same options (seed included), same dataset, bit for bit. Throws one Error naming
 * the field for a bad option (mnist1d-options.ts).
 */
export function generateMnist1d(overrides: Partial<Mnist1dOptions> = {}): Mnist1dDataset {
  const options = resolveMnist1dOptions(overrides);
  const rng = deriveRng(options.seed, 'mnist1d');
  const templates = mnist1dTemplates();
  const total = options.numSamples;
  const perDigit = total / MNIST1D_CLASSES;
  const length = options.finalSeqLength;

  // Generated digit by digit, as the recipe does; the shuffle below mixes them.
  const sequences = new Float64Array(total * length);
  const labels = new Int32Array(total);
  const padding = new Int32Array(total);
  const scale = new Float64Array(total);
  const translation = new Int32Array(total);
  const shear = new Float64Array(total);
  for (let digit = 0; digit < MNIST1D_CLASSES; digit++) {
    for (let j = 0; j < perDigit; j++) {
      const row = digit * perDigit + j;
      const { stages, draws } = transformTemplate(templates[digit], options, rng);
      sequences.set(stages.final, row * length);
      labels[row] = digit;
      padding[row] = draws.padding;
      scale[row] = draws.scale;
      translation[row] = draws.translation;
      shear[row] = draws.shear;
    }
  }
  const order = randomPermutation(rng, total);

  // One mean and one std over every value of every sequence (population std).
  let sum = 0;
  for (let i = 0; i < sequences.length; i++) sum += sequences[i];
  const mean = sum / sequences.length;
  let squares = 0;
  for (let i = 0; i < sequences.length; i++) squares += (sequences[i] - mean) * (sequences[i] - mean);
  // The templates are never flat, so the std is positive for every allowed option.
  const std = Math.sqrt(squares / sequences.length);

  const takeRows = (from: number, to: number): Mnist1dSamples => {
    const count = to - from;
    const inputs = new Float32Array(count * length);
    const split = { labels: new Int32Array(count), padding: new Int32Array(count), scale: new Float64Array(count), translation: new Int32Array(count), shear: new Float64Array(count) };
    for (let r = 0; r < count; r++) {
      const source = order[from + r];
      for (let t = 0; t < length; t++) inputs[r * length + t] = (sequences[source * length + t] - mean) / std;
      split.labels[r] = labels[source];
      split.padding[r] = padding[source];
      split.scale[r] = scale[source];
      split.translation[r] = translation[source];
      split.shear[r] = shear[source];
    }
    return { count, inputs, ...split };
  };
  const trainRows = trainCount(options);
  return {
    options,
    sequenceLength: length,
    classes: MNIST1D_CLASSES,
    train: takeRows(0, trainRows),
    test: takeRows(trainRows, total),
    standardisation: { mean, std },
    templates,
  };
}
