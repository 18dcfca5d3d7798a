/**
 * The initialisation explorer (section 7.5, fig. 7.7, M2.3): how the variance of the activations
 * (forward) and of the gradients (backward) changes layer by layer in a deep ReLU network at
 * initialisation, for several weight variances sigma^2.
 *
 * The experiment of fig. 7.7: K = 50 hidden layers of D_h = 100 ReLU units, a 100-dimensional
 * standard-normal input, one output, zero biases, weights N(0, sigma^2), least squares against
 * the fixed target y = 0. For each hidden layer k = 1..K we record, over every unit and example:
 * - `activationVariance[k-1]`    var(h_k), h_k = ReLU[f_{k-1}];
 * - `preActivationVariance[k-1]` var(f_{k-1});
 * - `gradientVariance[k-1]`      var(dl/df_{k-1}), the gradient the backward pass carries (eq. 7.24).
 *
 * What the book says should happen (eqs. 7.28-7.32): each layer multiplies the pre-activation
 * variance by D_h sigma^2 / 2 going forward, and (with equal widths) the gradient variance by the
 * same factor going backward. So sigma^2 < 2 / D_h vanishes, sigma^2 > 2 / D_h explodes, and He
 * initialisation sigma^2 = 2 / D_h = 0.02 keeps both about constant. The tests assert all three.
 *
 * Randomness: the weights are one set of standard normal draws (stream `${seed}/weights`) scaled
 * by sigma, and the inputs come from `${seed}/inputs`, so every sigma^2 sees the same network
 * shape and the same data. With zero biases the ReLU network is positively homogeneous, so the
 * activations of layer k scale exactly as sigma^k: on a log scale the curves for different sigma^2
 * are straight-line tilts of one another (a property the tests check too).
 */
import { createRng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';
import { affineBatch, transposeTimesBatch, variance } from './dense-batch';

/** The weight variances of fig. 7.7. 0.02 is He initialisation for D_h = 100. */
export const FIG_7_7_WEIGHT_VARIANCES: readonly number[] = Object.freeze([0.001, 0.01, 0.02, 0.1, 1.0]);

/** He initialisation (eq. 7.31): sigma^2 = 2 / D_h, which keeps the forward variance constant. */
export function heVariance(fanIn: number): number {
  if (!(Number.isInteger(fanIn) && fanIn >= 1)) throw new Error(`He initialisation: fanIn must be a positive integer, got ${JSON.stringify(fanIn)}`);
  return 2 / fanIn;
}

export interface InitialisationOptions {
  /** Hidden layers K. Default 50. */
  readonly layers?: number;
  /** Units per hidden layer D_h. Default 100. */
  readonly width?: number;
  /** Input size D_i (standard normal inputs). Default 100. */
  readonly inputSize?: number;
  /** Examples the variances are taken over. Default 100. */
  readonly batch?: number;
  /** Seed of the weight and input draws. Default 0. */
  readonly seed?: number | string;
}

export interface InitialisationProfile {
  /** sigma^2 of every weight. */
  readonly weightVariance: number;
  /** The factor D_h sigma^2 / 2 by which theory says each layer scales the variances. */
  readonly expectedFactorPerLayer: number;
  /** var(h_k) for k = 1..K. */
  readonly activationVariance: number[];
  /** var(f_{k-1}) for k = 1..K. */
  readonly preActivationVariance: number[];
  /** var(dl/df_{k-1}) for k = 1..K. */
  readonly gradientVariance: number[];
}

type ResolvedOptions = Required<InitialisationOptions>;

function positiveInteger(value: unknown, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) throw new Error(`initialisation: ${name} must be an integer in [1, ${max}], got ${JSON.stringify(value)}`);
  return value;
}

function resolveOptions(options: InitialisationOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new Error(`initialisation: options must be an object, got ${JSON.stringify(options)}`);
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new Error(`initialisation: seed must be a number or a string, got ${JSON.stringify(seed)}`);
  return {
    layers: positiveInteger(options.layers, 50, 'layers', 200),
    width: positiveInteger(options.width, 100, 'width', 1000),
    inputSize: positiveInteger(options.inputSize, 100, 'inputSize', 1000),
    batch: positiveInteger(options.batch, 100, 'batch', 10000),
    seed,
  };
}

function checkWeightVariance(value: unknown): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) throw new Error(`initialisation: weight variance must be a finite number > 0, got ${JSON.stringify(value)}`);
  return value;
}

/** Standard normal weights for every layer (Omega_0 .. Omega_K) and the standard normal inputs. */
function standardDraws(options: ResolvedOptions): { weights: Float64Array[]; inputs: Float64Array } {
  const rng = createRng(`${String(options.seed)}/weights`);
  const weights: Float64Array[] = [];
  for (let k = 0; k <= options.layers; k++) {
    const rows = k === options.layers ? 1 : options.width;
    const columns = k === 0 ? options.inputSize : options.width;
    weights.push(fillNormal(rng, new Float64Array(rows * columns)));
  }
  const inputs = fillNormal(createRng(`${String(options.seed)}/inputs`), new Float64Array(options.batch * options.inputSize));
  return { weights, inputs };
}

function profileFrom(draws: { weights: Float64Array[]; inputs: Float64Array }, options: ResolvedOptions, weightVariance: number): InitialisationProfile {
  const { layers: K, width, inputSize, batch } = options;
  const sigma = Math.sqrt(weightVariance);
  const weights = draws.weights.map((w) => w.map((v) => v * sigma));
  const rowsOf = (k: number): number => (k === K ? 1 : width);
  const columnsOf = (k: number): number => (k === 0 ? inputSize : width);

  // Forward (eq. 7.23) with zero biases; keep every f_k for the backward pass.
  const pre: Float64Array[] = [];
  let h = draws.inputs;
  const activationVariance: number[] = [];
  const preActivationVariance: number[] = [];
  for (let k = 0; k <= K; k++) {
    const f = affineBatch(weights[k], rowsOf(k), columnsOf(k), null, h, batch);
    pre.push(f);
    if (k < K) {
      h = f.map((v) => (v > 0 ? v : 0));
      preActivationVariance.push(variance(f));
      activationVariance.push(variance(h));
    }
  }

  // Backward (eq. 7.24) from l = sum_b f_K[b]^2 (target 0): dl/df_K = 2 f_K.
  let delta = pre[K].map((v) => 2 * v);
  const gradientVariance: number[] = new Array(K);
  for (let k = K; k >= 1; k--) {
    const dh = transposeTimesBatch(weights[k], rowsOf(k), columnsOf(k), delta, batch);
    const f = pre[k - 1];
    delta = dh.map((v, i) => (f[i] > 0 ? v : 0));
    gradientVariance[k - 1] = variance(delta);
  }
  return { weightVariance, expectedFactorPerLayer: (width * weightVariance) / 2, activationVariance, preActivationVariance, gradientVariance };
}

/** The per-layer variances for one weight variance sigma^2. */
export function initialisationProfile(weightVariance: number, options: InitialisationOptions = {}): InitialisationProfile {
  const resolved = resolveOptions(options);
  return profileFrom(standardDraws(resolved), resolved, checkWeightVariance(weightVariance));
}

/** The per-layer variances for several sigma^2 on the same draws (default: fig. 7.7's five values). */
export function initialisationSweep(weightVariances: readonly number[] = FIG_7_7_WEIGHT_VARIANCES, options: InitialisationOptions = {}): InitialisationProfile[] {
  if (!Array.isArray(weightVariances) || weightVariances.length === 0) throw new Error(`initialisation: weightVariances must be a non-empty array of numbers, got ${JSON.stringify(weightVariances)}`);
  const checked = weightVariances.map(checkWeightVariance);
  const resolved = resolveOptions(options);
  const draws = standardDraws(resolved);
  return checked.map((v) => profileFrom(draws, resolved, v));
}
