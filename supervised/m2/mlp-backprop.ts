/**
 * Matrix backpropagation through a small ReLU network (section 7.4, M2.2's matrix view), in the
 * book's notation: with K hidden layers and h_0 = x,
 *
 *   forward (eq. 7.23):   f_0 = beta_0 + Omega_0 x,   h_k = ReLU[f_{k-1}],   f_k = beta_k + Omega_k h_k  (k = 1..K)
 *   loss:                 l = sum_j (f_K[j] - y[j])^2   (least squares, no 1/2)
 *   backward (eq. 7.24):  dl/df_K = 2 (f_K - y)
 *                         dl/dbeta_k  = dl/df_k
 *                         dl/dOmega_k = dl/df_k h_k^T                    (eq. 7.25 for k = 0: x^T)
 *                         dl/dh_k     = Omega_k^T dl/df_k                (eq. 7.20)
 *                         dl/df_{k-1} = 1[f_{k-1} > 0] (.) dl/dh_k       (the ReLU mask)
 *
 * Every vector and matrix comes back as plain nested arrays (Omega_k has D_{k+1} rows and D_k
 * columns), ready for a matrix heatmap: the ReLU masks and the Omega^T multiplications are the
 * things a reader should see.
 */
import type { Rng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';

export interface MlpParameters {
  /** biases[k] = beta_k, a vector of D_{k+1} numbers, k = 0..K. */
  readonly biases: readonly (readonly number[])[];
  /** weights[k] = Omega_k, D_{k+1} rows of D_k numbers, k = 0..K. */
  readonly weights: readonly (readonly (readonly number[])[])[];
}

export interface MlpBackprop {
  /** [D_i, D_1, ..., D_K, D_o]. */
  readonly sizes: number[];
  /** f_0 .. f_K (f_K is the output). */
  readonly preActivations: number[][];
  /** h_0 = x, h_1 .. h_K. */
  readonly activations: number[][];
  /** 1[f_k > 0] as 0 / 1 for k = 0 .. K-1 (the derivative of each ReLU). */
  readonly reluMasks: number[][];
  readonly output: number[];
  readonly loss: number;
  /** dl/df_k for k = 0 .. K. */
  readonly preActivationGradients: number[][];
  /** dl/dh_k for k = 0 .. K (dl/dh_0 is dl/dx). */
  readonly activationGradients: number[][];
  /** dl/dbeta_k for k = 0 .. K. */
  readonly biasGradients: number[][];
  /** dl/dOmega_k for k = 0 .. K, shaped like Omega_k. */
  readonly weightGradients: number[][][];
}

/** The largest layer accepted: this is a view of small networks (for example 1-3-3-1). */
export const MAX_MLP_WIDTH = 256;

/** The layer sizes [D_i, D_1, ..., D_K, D_o] implied by the parameters, after checking every shape. */
export function checkMlpParameters(parameters: MlpParameters): number[] {
  if (typeof parameters !== 'object' || parameters === null) throw new Error(`mlp: parameters must be { biases, weights }, got ${JSON.stringify(parameters)}`);
  const { biases, weights } = parameters;
  if (!Array.isArray(weights) || weights.length === 0) throw new Error('mlp: weights must be a non-empty array of matrices Omega_0 .. Omega_K');
  if (!Array.isArray(biases) || biases.length !== weights.length) throw new Error(`mlp: biases must have one vector per weight matrix (${weights.length}), got ${Array.isArray(biases) ? biases.length : JSON.stringify(biases)}`);
  const sizes: number[] = [];
  weights.forEach((matrix, k) => {
    if (!Array.isArray(matrix) || matrix.length === 0 || !Array.isArray(matrix[0])) throw new Error(`mlp: weights[${k}] must be a non-empty array of rows`);
    const columns = matrix[0].length;
    if (k === 0) sizes.push(columns);
    else if (columns !== sizes[k]) throw new Error(`mlp: weights[${k}] has ${columns} columns, expected ${sizes[k]} (the rows of weights[${k - 1}])`);
    matrix.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== columns) throw new Error(`mlp: weights[${k}] row ${i} has ${Array.isArray(row) ? row.length : 'no'} numbers, expected ${columns}`);
      row.forEach((v, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`mlp: weights[${k}][${i}][${j}] must be a finite number, got ${JSON.stringify(v)}`);
      });
    });
    sizes.push(matrix.length);
    const bias = biases[k];
    if (!Array.isArray(bias) || bias.length !== matrix.length) throw new Error(`mlp: biases[${k}] must have ${matrix.length} numbers, got ${Array.isArray(bias) ? bias.length : JSON.stringify(bias)}`);
    bias.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`mlp: biases[${k}][${i}] must be a finite number, got ${JSON.stringify(v)}`);
    });
  });
  sizes.forEach((size, k) => {
    if (size > MAX_MLP_WIDTH) throw new Error(`mlp: layer ${k} has ${size} units, at most ${MAX_MLP_WIDTH} are shown`);
  });
  return sizes;
}

export interface RandomMlpOptions {
  /** Weight variance: 'he' for 2 / D_k (eq. 7.31), or a number. Default 'he'. */
  readonly weightVariance?: 'he' | number;
  /** Bias variance (0: zero biases, as the book's experiments). Default 0. */
  readonly biasVariance?: number;
}

/** Random parameters for layer sizes [D_i, D_1, ..., D_K, D_o], drawn from `rng`. */
export function randomMlp(sizes: readonly number[], rng: Rng, options: RandomMlpOptions = {}): MlpParameters {
  if (!Array.isArray(sizes) || sizes.length < 2) throw new Error(`mlp: sizes must list at least an input and an output size, got ${JSON.stringify(sizes)}`);
  sizes.forEach((size, k) => {
    if (!(Number.isInteger(size) && size >= 1 && size <= MAX_MLP_WIDTH)) throw new Error(`mlp: sizes[${k}] must be an integer in [1, ${MAX_MLP_WIDTH}], got ${JSON.stringify(size)}`);
  });
  const weightVariance = options.weightVariance ?? 'he';
  if (weightVariance !== 'he' && !(typeof weightVariance === 'number' && Number.isFinite(weightVariance) && weightVariance >= 0)) {
    throw new Error(`mlp: weightVariance must be 'he' or a finite number >= 0, got ${JSON.stringify(weightVariance)}`);
  }
  const biasVariance = options.biasVariance ?? 0;
  if (!(typeof biasVariance === 'number' && Number.isFinite(biasVariance) && biasVariance >= 0)) throw new Error(`mlp: biasVariance must be a finite number >= 0, got ${JSON.stringify(biasVariance)}`);
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const variance = weightVariance === 'he' ? 2 / sizes[k] : weightVariance;
    const flat = fillNormal(rng, new Float64Array(sizes[k + 1] * sizes[k]), Math.sqrt(variance));
    weights.push(Array.from({ length: sizes[k + 1] }, (_, i) => Array.from(flat.subarray(i * sizes[k], (i + 1) * sizes[k]))));
    // Zero variance means zero biases, not draws times 0 (which would give -0 for negative draws).
    biases.push(biasVariance === 0 ? new Array<number>(sizes[k + 1]).fill(0) : Array.from(fillNormal(rng, new Float64Array(sizes[k + 1]), Math.sqrt(biasVariance))));
  }
  return { biases, weights };
}

function checkVector(values: readonly number[], length: number, name: string): void {
  if (!Array.isArray(values) || values.length !== length) throw new Error(`mlp: ${name} must have ${length} numbers, got ${Array.isArray(values) ? values.length : JSON.stringify(values)}`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`mlp: ${name}[${i}] must be a finite number, got ${JSON.stringify(v)}`);
  });
}

/** The forward pass, the loss against `target` and the backward pass for one example x. */
export function mlpBackprop(parameters: MlpParameters, x: readonly number[], target: readonly number[]): MlpBackprop {
  const sizes = checkMlpParameters(parameters);
  const K = parameters.weights.length - 1;
  checkVector(x, sizes[0], 'x');
  checkVector(target, sizes[K + 1], 'target');
  const { weights, biases } = parameters;

  const preActivations: number[][] = [];
  const activations: number[][] = [x.slice()];
  const reluMasks: number[][] = [];
  for (let k = 0; k <= K; k++) {
    const h = activations[k];
    const f = weights[k].map((row, i) => row.reduce((sum, w, j) => sum + w * h[j], biases[k][i]));
    preActivations.push(f);
    if (k < K) {
      activations.push(f.map((v) => Math.max(0, v)));
      reluMasks.push(f.map((v) => (v > 0 ? 1 : 0)));
    }
  }
  const output = preActivations[K];
  const loss = output.reduce((sum, v, j) => sum + (v - target[j]) ** 2, 0);

  const preActivationGradients: number[][] = new Array(K + 1);
  const activationGradients: number[][] = new Array(K + 1);
  const weightGradients: number[][][] = new Array(K + 1);
  preActivationGradients[K] = output.map((v, j) => 2 * (v - target[j]));
  for (let k = K; k >= 0; k--) {
    const delta = preActivationGradients[k];
    const h = activations[k];
    weightGradients[k] = delta.map((d) => h.map((v) => d * v));
    const columns = sizes[k];
    const dh = new Array<number>(columns).fill(0);
    weights[k].forEach((row, i) => row.forEach((w, j) => (dh[j] += w * delta[i])));
    activationGradients[k] = dh;
    if (k > 0) preActivationGradients[k - 1] = dh.map((v, j) => reluMasks[k - 1][j] * v);
  }
  return {
    sizes,
    preActivations,
    activations,
    reluMasks,
    output: output.slice(),
    loss,
    preActivationGradients,
    activationGradients,
    biasGradients: preActivationGradients.map((d) => d.slice()),
    weightGradients,
  };
}
