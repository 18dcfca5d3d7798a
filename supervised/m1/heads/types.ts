/**
 * The contract of a chapter 5 loss head: a distribution over y whose parameters come from the
 * network's outputs f (eq. 5.4's recipe), its negative log-likelihood and that NLL's gradient
 * with respect to f. The network (../head-network.ts) backpropagates that gradient; the head
 * knows nothing of the network, so each head's numbers can be checked by hand.
 */

export type HeadId = 'normal-fixed' | 'normal-learned' | 'heteroscedastic' | 'bernoulli' | 'softmax' | 'poisson' | 'von-mises' | 'mixture';

export const HEAD_IDS: readonly HeadId[] = ['normal-fixed', 'normal-learned', 'heteroscedastic', 'bernoulli', 'softmax', 'poisson', 'von-mises', 'mixture'];

/** The classes of the softmax head (fig. 5.10 draws K = 3). */
export const SOFTMAX_CLASSES = 3;

/** What the data y are (the table of fig. 5.11). */
export type TargetDomain = 'real' | 'binary' | 'categorical' | 'count' | 'circular';

/** A predicted distribution at one x, as plain numbers the page draws. */
export type PredictedDistribution =
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly kind: 'bernoulli'; readonly p: number }
  | { readonly kind: 'categorical'; readonly probabilities: readonly number[] }
  | { readonly kind: 'poisson'; readonly rate: number }
  | { readonly kind: 'von-mises'; readonly mean: number; readonly kappa: number }
  | { readonly kind: 'mixture'; readonly weight: number; readonly means: readonly [number, number]; readonly sds: readonly [number, number] };

/** The settings a head may fix rather than learn. */
export interface HeadSettings {
  /** sigma of the fixed-variance normal head (least squares, eq. 5.11). */
  readonly sigma: number;
  /** kappa, the von Mises head's fixed concentration (eq. 5.34). */
  readonly kappa: number;
}

export const DEFAULT_HEAD_SETTINGS: HeadSettings = Object.freeze({ sigma: 0.5, kappa: 8 });

export interface LossHead {
  readonly id: HeadId;
  readonly title: string;
  /** The book's equations for the distribution and its loss. */
  readonly equations: string;
  readonly domain: TargetDomain;
  /** How many network outputs the head reads. */
  readonly outputs: number;
  /** Parameters of the head itself, learned beside the network (eq. 5.13's constant sigma), not functions of x. */
  readonly extras: number;
  distribution(f: ArrayLike<number>, extra: ArrayLike<number>): PredictedDistribution;
  /** -log Pr(y | f): one term of eq. 5.4's sum. */
  nll(f: ArrayLike<number>, extra: ArrayLike<number>, y: number): number;
  /** Writes dNLL/df into gradF (length `outputs`) and dNLL/dextra into gradExtra (length `extras`). */
  gradient(f: ArrayLike<number>, extra: ArrayLike<number>, y: number, gradF: Float64Array, gradExtra: Float64Array): void;
  /** Output biases to start from: the best constant prediction for these targets, roughly. */
  initialOutputs(y: readonly number[]): number[];
  initialExtras(y: readonly number[]): number[];
}

/**
 * The least variance a learned sigma^2 = f^2 (eq. 5.15) can reach: sigma^2 = f^2 + VARIANCE_FLOOR.
 * NOTE: without it a mixture component can shrink onto one data point and drive the NLL to minus
 * infinity (the known degeneracy of maximum-likelihood mixtures); it also keeps sigma = 0 finite.
 */
export const VARIANCE_FLOOR = 1e-4;

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

export function standardDeviation(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, values.length));
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** -log Norm_y[mu, sigma^2] (eq. 5.7). */
export function normalNll(y: number, mu: number, variance: number): number {
  return 0.5 * Math.log(2 * Math.PI * variance) + ((y - mu) * (y - mu)) / (2 * variance);
}
