/**
 * Shattered gradients (section 11.1.1, fig. 11.3, M4.4): for a network with a 1-D input x and a
 * 1-D output y, sweep x over a range and look at dy/dx. In a shallow ReLU network dy/dx changes
 * slowly with x; in a deep plain network it changes erratically, so its autocorrelation falls off
 * within a tiny change of x; residual connections keep it smooth (Balduzzi et al. 2017).
 *
 * Networks (width D, depth K; as notebook 11.1 and the fig. 11.3 caption build them, every
 * weight and bias, first and last layers included, is drawn from N(0, gain / D), gain 1 being the
 * book's "Glorot, He without the factor of two"):
 * - `plain`:    h_1 = ReLU[beta_0 + Omega_0 x], h_{k+1} = ReLU[beta_k + Omega_k h_k], y = beta_K + Omega_K h_K
 *               (K hidden layers);
 * - `residual`: h_0 = beta_0 + Omega_0 x (a linear first layer, fig. 11.5),
 *               h_k = h_{k-1} + beta_k + Omega_k ReLU[h_{k-1}] for k = 1..K, y = beta_{K+1} + Omega_{K+1} h_K.
 * With `batchNorm`, every ReLU's input is batch-normalised first (gamma = 1, delta = 0, eq. 11.8's
 * epsilon placement); the batch is the sweep itself.
 *
 * dy/dx is exact: forward-mode differentiation carries dh/dx beside h through every layer (with
 * d ReLU[f]/df = 1[f > 0]). Batch norm's statistics are treated as constants of the sweep, as at
 * test time with running statistics, so dy/dx is the slope of one fixed function of x.
 *
 * The autocorrelation is the usual normalised one of the mean-removed sequence,
 *   rho(k) = sum_i (g_i - mean)(g_{i+k} - mean) / sum_i (g_i - mean)^2,
 * at lag Delta x = k (x_1 - x_0).
 *
 * What the measurements show (the tests pin them, seeds 0-2, width 200, 256 points on [-2, 2]):
 * with batch norm, the 24-layer plain network's dy/dx is white noise (rho at one step about 0)
 * while the 24-block residual network's stays correlated (rho about 0.7-0.8) and the 1-layer
 * network's is smooth (rho > 0.9). Without batch norm, at initialisation the deep plain and
 * residual networks are both fairly smooth and neither is consistently rougher: ReLU networks at
 * this initialisation are not chaotic, which is presumably why notebook 11.1's author reports
 * that his batch-norm-free version does not reproduce the figure. Batch norm without skip
 * connections is what makes the gradients explode and decorrelate (the chapter's notes: about
 * 1.21x per layer, Yang et al. 2019). `SHATTERED_GRADIENT_PRESETS` sets these cases up.
 */
import { createRng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';
import { affineBatch } from '../m2/dense-batch';
import { batchNormalise } from './batch-norm';

export type ShatteredArchitecture = 'plain' | 'residual';

export interface ShatteredGradientOptions {
  /** Hidden layers (plain) or residual blocks (residual), K. Default 24. */
  readonly depth?: number;
  /** Units per layer D. Default 200. */
  readonly width?: number;
  /** 'plain' or 'residual'. Default 'plain'. */
  readonly architecture?: ShatteredArchitecture;
  /** Batch-normalise every ReLU's input. Default false. */
  readonly batchNorm?: boolean;
  /** Evenly spaced inputs in the sweep. Default 256. */
  readonly points?: number;
  /** The sweep [low, high]. Default [-2, 2]. */
  readonly range?: readonly [number, number];
  /** Weights and biases are N(0, gain / D): 1 is the book's Glorot-style 1 / D (default), 2 is He. */
  readonly gain?: number;
  /** Seed of the weight draws. Default 0. */
  readonly seed?: number | string;
}

export interface ShatteredGradientSweep {
  readonly options: Required<ShatteredGradientOptions>;
  /** The inputs x_i. */
  readonly x: number[];
  /** y(x_i). */
  readonly y: number[];
  /** dy/dx at each x_i. */
  readonly gradient: number[];
  /** Delta x of each lag k = 0 .. points - 1. */
  readonly lags: number[];
  /** The gradient's autocorrelation rho(k) at each lag. */
  readonly autocorrelation: number[];
}

/** The largest depth accepted. */
export const MAX_SHATTERED_DEPTH = 64;

function resolve(options: ShatteredGradientOptions): Required<ShatteredGradientOptions> {
  const where = 'shattered gradients';
  if (typeof options !== 'object' || options === null) throw new Error(`${where}: options must be an object, got ${JSON.stringify(options)}`);
  const count = (value: unknown, fallback: number, name: string, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) throw new Error(`${where}: ${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
    return value;
  };
  const nonNegative = (value: unknown, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) throw new Error(`${where}: ${name} must be a finite number >= 0, got ${JSON.stringify(value)}`);
    return value;
  };
  const architecture = options.architecture ?? 'plain';
  if (architecture !== 'plain' && architecture !== 'residual') throw new Error(`${where}: architecture must be 'plain' or 'residual', got ${JSON.stringify(architecture)}`);
  const batchNorm = options.batchNorm ?? false;
  if (typeof batchNorm !== 'boolean') throw new Error(`${where}: batchNorm must be true or false, got ${JSON.stringify(batchNorm)}`);
  const range = options.range ?? [-2, 2];
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(range[0] < range[1])) {
    throw new Error(`${where}: range must be [low, high] with finite low < high, got ${JSON.stringify(range)}`);
  }
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new Error(`${where}: seed must be a number or a string, got ${JSON.stringify(seed)}`);
  const gain = nonNegative(options.gain, 1, 'gain');
  if (gain === 0) throw new Error(`${where}: gain must be > 0`);
  return {
    depth: count(options.depth, 24, 'depth', 1, MAX_SHATTERED_DEPTH),
    width: count(options.width, 200, 'width', 1, 1000),
    architecture,
    batchNorm,
    points: count(options.points, 256, 'points', 4, 4096),
    range: [range[0], range[1]],
    gain,
    seed,
  };
}

/** rho(k) for k = 0 .. n-1 of the mean-removed sequence (rho(0) = 1; all zeros for a constant sequence). */
export function autocorrelation(values: ArrayLike<number>): number[] {
  const n = values.length;
  if (n === 0) throw new Error('autocorrelation: values must not be empty');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const centred = Array.from({ length: n }, (_, i) => values[i] - mean);
  const energy = centred.reduce((sum, v) => sum + v * v, 0);
  return Array.from({ length: n }, (_, k) => {
    if (energy === 0) return 0;
    let sum = 0;
    for (let i = 0; i + k < n; i++) sum += centred[i] * centred[i + k];
    return sum / energy;
  });
}

/** One layer's weights and biases. */
interface Layer {
  readonly weights: Float64Array;
  readonly biases: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/** Sweeps x, returns y, dy/dx and the autocorrelation of dy/dx. */
export function shatteredGradientSweep(options: ShatteredGradientOptions = {}): ShatteredGradientSweep {
  const resolved = resolve(options);
  const { depth, width, architecture, batchNorm, points, range, gain, seed } = resolved;
  // Layer shapes: input 1 -> D, then D -> D (K - 1 times for plain, K times for residual), then D -> 1.
  const hiddenMatrices = architecture === 'plain' ? depth - 1 : depth;
  const rng = createRng(`${String(seed)}/weights`);
  // Notebook 11.1's scheme: every weight and bias of every layer (the 1-input first layer too) ~ N(0, gain / D).
  const scale = Math.sqrt(gain / width);
  const makeLayer = (rows: number, columns: number): Layer => ({
    weights: fillNormal(rng, new Float64Array(rows * columns), scale),
    biases: fillNormal(rng, new Float64Array(rows), scale),
    rows,
    columns,
  });
  const first = makeLayer(width, 1);
  const hidden = Array.from({ length: hiddenMatrices }, () => makeLayer(width, width));
  const last = makeLayer(1, width);

  const x = Array.from({ length: points }, (_, i) => range[0] + ((range[1] - range[0]) * i) / (points - 1));
  const ones = new Float64Array(points).fill(1);

  // ReLU (after an optional batch norm) of a pre-activation and of its x-derivative.
  const activate = (f: Float64Array, df: Float64Array): { h: Float64Array; dh: Float64Array } => {
    let value = f;
    let slope = df;
    if (batchNorm) {
      const normalised = batchNormalise(f, points, width);
      value = normalised.output;
      slope = df.map((v, i) => v / normalised.denominators[i % width]);
    }
    return { h: value.map((v) => (v > 0 ? v : 0)), dh: slope.map((v, i) => (value[i] > 0 ? v : 0)) };
  };

  let h = affineBatch(first.weights, width, 1, first.biases, Float64Array.from(x), points);
  let dh = affineBatch(first.weights, width, 1, null, ones, points);
  if (architecture === 'plain') {
    ({ h, dh } = activate(h, dh));
    for (const layer of hidden) {
      ({ h, dh } = activate(affineBatch(layer.weights, width, width, layer.biases, h, points), affineBatch(layer.weights, width, width, null, dh, points)));
    }
  } else {
    for (const layer of hidden) {
      const { h: u, dh: du } = activate(h, dh);
      const f = affineBatch(layer.weights, width, width, layer.biases, u, points);
      const df = affineBatch(layer.weights, width, width, null, du, points);
      h = h.map((v, i) => v + f[i]);
      dh = dh.map((v, i) => v + df[i]);
    }
  }
  const y = affineBatch(last.weights, 1, width, last.biases, h, points);
  const gradient = affineBatch(last.weights, 1, width, null, dh, points);
  const step = (range[1] - range[0]) / (points - 1);
  return {
    options: resolved,
    x,
    y: Array.from(y),
    gradient: Array.from(gradient),
    lags: x.map((_, k) => k * step),
    autocorrelation: autocorrelation(gradient),
  };
}

/** The comparisons of fig. 11.3 as presets (see the module comment for what each shows). */
export const SHATTERED_GRADIENT_PRESETS: readonly { readonly id: string; readonly title: string; readonly options: ShatteredGradientOptions }[] = Object.freeze([
  { id: 'shallow', title: '1 hidden layer of 200 units: smooth', options: { depth: 1, architecture: 'plain' } },
  { id: 'deep-plain-batchnorm', title: '24 layers with batch norm: shattered', options: { depth: 24, architecture: 'plain', batchNorm: true } },
  { id: 'deep-residual-batchnorm', title: '24 residual blocks with batch norm: correlated', options: { depth: 24, architecture: 'residual', batchNorm: true } },
  { id: 'deep-plain', title: '24 layers, no batch norm', options: { depth: 24, architecture: 'plain' } },
]);
