/**
 * Shattered gradients as the network grows (section 11.1.1, fig. 11.3, M4.4): the four networks
 * of supervised/m4/shattered-gradients.ts (plain or residual, with or without batch norm) built
 * one layer at a time, so that a page can watch dy/dx lose its correlation as depth grows.
 *
 * At every depth k the four sweeps are exactly `shatteredGradientSweep({ depth: k, ... })` of
 * the same seed, bit for bit (the tests check it): the weights come from the same stream in the
 * same order (first layer, hidden layers, then the readout), so the network of depth k is the
 * network of depth k - 1 with one more hidden layer and a fresh readout. The readout of depth k
 * is drawn from a copy of the stream where that sweep would draw it (right after the hidden
 * layers it uses); the hidden layers are drawn once and shared by all four variants, so they
 * differ only in their architecture (common random numbers).
 *
 * Going from depth k to k + 1 costs one hidden layer per variant (a D x D product per point)
 * instead of a whole new network, which keeps a step of the page's Play short.
 */
import { createRng, restoreRng, type Rng, type RngState } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';
import { affineBatch } from '../m2/dense-batch';
import { autocorrelation, batchNormalise, MAX_SHATTERED_DEPTH, type ShatteredArchitecture, type ShatteredGradientOptions } from '../m4';

/** One of the four networks compared. */
export interface DepthSweepVariant {
  readonly id: string;
  readonly architecture: ShatteredArchitecture;
  readonly batchNorm: boolean;
}

/** Plain and residual, each without and with batch norm. */
export const DEPTH_SWEEP_VARIANTS: readonly DepthSweepVariant[] = Object.freeze([
  { id: 'plain', architecture: 'plain', batchNorm: false },
  { id: 'plain-batchnorm', architecture: 'plain', batchNorm: true },
  { id: 'residual', architecture: 'residual', batchNorm: false },
  { id: 'residual-batchnorm', architecture: 'residual', batchNorm: true },
]);

export interface DepthSweepOptions {
  /** Units per layer D. Default 200 (fig. 11.3). */
  readonly width?: number;
  /** Evenly spaced inputs in the sweep. Default 256. */
  readonly points?: number;
  /** The sweep [low, high]. Default [-2, 2]. */
  readonly range?: readonly [number, number];
  /** Weights and biases are N(0, gain / D): 1 is the book's Glorot-style 1 / D (default), 2 is He. */
  readonly gain?: number;
  /** Seed of the weight draws (the same stream as shatteredGradientSweep's). Default 0. */
  readonly seed?: number | string;
}

export interface ResolvedDepthSweepOptions {
  readonly width: number;
  readonly points: number;
  readonly range: readonly [number, number];
  readonly gain: number;
  readonly seed: number | string;
}

/** One variant's sweep at the current depth. */
export interface VariantSweep {
  readonly variant: DepthSweepVariant;
  /** y(x_i). */
  readonly y: Float64Array;
  /** dy/dx at each x_i. */
  readonly gradient: Float64Array;
  /** rho(k) of dy/dx at each lag k (supervised/m4's autocorrelation). */
  readonly autocorrelation: number[];
}

interface Layer {
  readonly weights: Float64Array;
  readonly biases: Float64Array;
}

/** The running state of one variant: the last hidden layer's values and x-derivatives. */
interface Stream {
  readonly variant: DepthSweepVariant;
  h: Float64Array;
  dh: Float64Array;
}

const WHERE = 'depth sweep';

export function resolveDepthSweepOptions(options: unknown): ResolvedDepthSweepOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new Error(`${WHERE}: options must be an object, got ${JSON.stringify(options)}`);
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!['width', 'points', 'range', 'gain', 'seed'].includes(key)) throw new Error(`${WHERE}: unknown option '${key}'; options are width, points, range, gain, seed`);
  }
  const count = (name: string, fallback: number, min: number, max: number): number => {
    const value = given[name] ?? fallback;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) throw new Error(`${WHERE}: ${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(given[name])}`);
    return value;
  };
  const range = given.range ?? [-2, 2];
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(range[0] < range[1])) {
    throw new Error(`${WHERE}: range must be [low, high] with finite low < high, got ${JSON.stringify(range)}`);
  }
  const gain = given.gain ?? 1;
  if (!(typeof gain === 'number' && Number.isFinite(gain) && gain > 0)) throw new Error(`${WHERE}: gain must be a finite number > 0, got ${JSON.stringify(given.gain)}`);
  const seed = given.seed ?? 0;
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new Error(`${WHERE}: seed must be a number or a string, got ${JSON.stringify(seed)}`);
  return { width: count('width', 200, 1, 1000), points: count('points', 256, 4, 4096), range: [range[0], range[1]], gain, seed };
}

/** The options as supervised/m4's shatteredGradientSweep takes them for one variant at one depth. */
export function sweepOptionsAt(options: ResolvedDepthSweepOptions, variant: DepthSweepVariant, depth: number): ShatteredGradientOptions {
  return { ...options, depth, architecture: variant.architecture, batchNorm: variant.batchNorm };
}

/**
 * The four networks at depth 1, 2, ..., MAX_SHATTERED_DEPTH: `deepen()` adds one layer to each,
 * `sweeps()` reads y, dy/dx and the autocorrelation of every variant at the current depth.
 */
export class DepthSweep {
  readonly options: ResolvedDepthSweepOptions;
  /** The inputs x_i. */
  readonly x: number[];
  /** Delta x of each lag. */
  readonly lags: number[];
  private readonly rng: Rng;
  private readonly scale: number;
  private readonly first: Layer;
  /** Hidden layers drawn so far. */
  private readonly hidden: Layer[] = [];
  /** The stream's state after the first layer and after each hidden layer: a readout after j hidden layers is drawn from statesAfter[j]. */
  private readonly statesAfter: RngState[] = [];
  private readonly streams: Stream[];
  private depthNow = 1;

  constructor(options: DepthSweepOptions = {}) {
    this.options = resolveDepthSweepOptions(options);
    const { width, points, range, gain, seed } = this.options;
    // The stream and scale of shatteredGradientSweep: every weight and bias ~ N(0, gain / D).
    this.rng = createRng(`${String(seed)}/weights`);
    this.scale = Math.sqrt(gain / width);
    this.first = this.drawLayer(this.rng, width, 1);
    this.statesAfter.push(this.rng.state());
    this.x = Array.from({ length: points }, (_, i) => range[0] + ((range[1] - range[0]) * i) / (points - 1));
    const step = (range[1] - range[0]) / (points - 1);
    this.lags = this.x.map((_, k) => k * step);

    // Depth 1: plain has one hidden layer (the first, after its ReLU); residual one block after a linear first layer.
    const f = affineBatch(this.first.weights, width, 1, this.first.biases, Float64Array.from(this.x), points);
    const df = affineBatch(this.first.weights, width, 1, null, new Float64Array(points).fill(1), points);
    this.streams = DEPTH_SWEEP_VARIANTS.map((variant) => {
      if (variant.architecture === 'plain') return { variant, ...this.activate(f, df, variant.batchNorm) };
      const stream: Stream = { variant, h: f, dh: df };
      this.addBlock(stream, this.hiddenLayer(0));
      return stream;
    });
  }

  get depth(): number {
    return this.depthNow;
  }

  /** One more hidden layer (plain) or residual block (residual) in every variant. */
  deepen(): void {
    if (this.depthNow >= MAX_SHATTERED_DEPTH) throw new Error(`${WHERE}: the networks are already ${MAX_SHATTERED_DEPTH} layers deep, the most supervised/m4 sweeps`);
    const { width, points } = this.options;
    for (const stream of this.streams) {
      if (stream.variant.architecture === 'plain') {
        // Plain depth k + 1 adds hidden matrix k - 1 (0-based) after the first layer.
        const layer = this.hiddenLayer(this.depthNow - 1);
        const f = affineBatch(layer.weights, width, width, layer.biases, stream.h, points);
        const df = affineBatch(layer.weights, width, width, null, stream.dh, points);
        Object.assign(stream, this.activate(f, df, stream.variant.batchNorm));
      } else {
        this.addBlock(stream, this.hiddenLayer(this.depthNow));
      }
    }
    this.depthNow++;
  }

  /** y, dy/dx and the autocorrelation of dy/dx for each variant at the current depth. */
  sweeps(): VariantSweep[] {
    const { width, points } = this.options;
    return this.streams.map((stream) => {
      // The readout comes right after the hidden matrices this variant uses: depth - 1 for plain, depth for residual.
      const used = stream.variant.architecture === 'plain' ? this.depthNow - 1 : this.depthNow;
      if (used > 0) this.hiddenLayer(used - 1);
      const readout = this.drawLayer(restoreRng(this.statesAfter[used]), 1, width);
      const y = affineBatch(readout.weights, 1, width, readout.biases, stream.h, points);
      const gradient = affineBatch(readout.weights, 1, width, null, stream.dh, points);
      return { variant: stream.variant, y, gradient, autocorrelation: autocorrelation(gradient) };
    });
  }

  /** u = ReLU[BatchNorm?(h)], f = beta + Omega u, h <- h + f (and the same for the x-derivatives). */
  private addBlock(stream: Stream, layer: Layer): void {
    const { width, points } = this.options;
    const { h: u, dh: du } = this.activate(stream.h, stream.dh, stream.variant.batchNorm);
    const f = affineBatch(layer.weights, width, width, layer.biases, u, points);
    const df = affineBatch(layer.weights, width, width, null, du, points);
    stream.h = stream.h.map((v, i) => v + f[i]);
    stream.dh = stream.dh.map((v, i) => v + df[i]);
  }

  /** ReLU after an optional batch norm, with the statistics held constant for the derivative (as supervised/m4 does). */
  private activate(f: Float64Array, df: Float64Array, batchNorm: boolean): { h: Float64Array; dh: Float64Array } {
    let value = f;
    let slope = df;
    if (batchNorm) {
      const { width, points } = this.options;
      const normalised = batchNormalise(f, points, width);
      value = normalised.output;
      slope = df.map((v, i) => v / normalised.denominators[i % width]);
    }
    return { h: value.map((v) => (v > 0 ? v : 0)), dh: slope.map((v, i) => (value[i] > 0 ? v : 0)) };
  }

  /** Hidden matrix j (0-based), drawing the ones not drawn yet in order. */
  private hiddenLayer(j: number): Layer {
    const { width } = this.options;
    while (this.hidden.length <= j) {
      this.hidden.push(this.drawLayer(this.rng, width, width));
      this.statesAfter.push(this.rng.state());
    }
    return this.hidden[j];
  }

  /** Weights (rows x columns) then biases (rows), in shatteredGradientSweep's order. */
  private drawLayer(rng: Rng, rows: number, columns: number): Layer {
    return { weights: fillNormal(rng, new Float64Array(rows * columns), this.scale), biases: fillNormal(rng, new Float64Array(rows), this.scale) };
  }
}
