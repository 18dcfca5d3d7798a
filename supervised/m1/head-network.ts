/**
 * The loss lab's network: one shallow ReLU network (eqs. 3.11-3.12) with one input and as many
 * outputs as the chosen head reads, trained on the head's negative log-likelihood (eq. 5.4). It is
 * float64 code with its backward pass written out, not tfjs: at this size (tens of parameters,
 * tens of points) plain loops are fast, every number is exact to double precision, the gradients
 * can be checked against finite differences, and runs are bit-for-bit the same on every backend.
 *
 * Parameters, one Float64Array phi in this order (the book's symbols, section 4.4):
 *   beta_0 (D hidden biases), omega_0 (D input weights), beta_1 (K output biases),
 *   Omega_1 (K x D, row k = output k), then the head's own extras (eq. 5.13's constant sigma).
 *
 * The loss is L[phi] = sum_i -log Pr(y_i | f[x_i, phi]), one term per data point, as supervised/
 * core's Objective wants: its optimisers then run on it unchanged.
 */
import type { Rng } from '../../environments/core/rng';
import type { Objective } from '../core';
import { fillNormal } from '../data';
import type { LossHead, PredictedDistribution } from './heads';

export interface HeadNetworkShape {
  /** D, the hidden units. */
  readonly hidden: number;
  /** K, the head's outputs. */
  readonly outputs: number;
  /** The head's extra parameters. */
  readonly extras: number;
}

export function shapeFor(head: LossHead, hidden: number): HeadNetworkShape {
  return { hidden, outputs: head.outputs, extras: head.extras };
}

export function parameterLength(shape: HeadNetworkShape): number {
  return 2 * shape.hidden + shape.outputs * (shape.hidden + 1) + shape.extras;
}

/** Where each block of phi starts. */
function offsets(shape: HeadNetworkShape) {
  const beta0 = 0;
  const omega0 = shape.hidden;
  const beta1 = 2 * shape.hidden;
  const omega1 = beta1 + shape.outputs;
  const extras = omega1 + shape.outputs * shape.hidden;
  return { beta0, omega0, beta1, omega1, extras };
}

/** The head's extras: a view into phi (no copy). */
export function extrasOf(phi: Float64Array, shape: HeadNetworkShape): Float64Array {
  const start = offsets(shape).extras;
  return phi.subarray(start, start + shape.extras);
}

/** f[x, phi] into `out` (length K); the hidden pre-activations go into `pre` (length D) for the backward pass. */
export function forward(phi: Float64Array, shape: HeadNetworkShape, x: number, pre: Float64Array, out: Float64Array): void {
  const o = offsets(shape);
  const { hidden, outputs } = shape;
  for (let d = 0; d < hidden; d++) pre[d] = phi[o.beta0 + d] + phi[o.omega0 + d] * x;
  for (let k = 0; k < outputs; k++) {
    let f = phi[o.beta1 + k];
    const row = o.omega1 + k * hidden;
    for (let d = 0; d < hidden; d++) if (pre[d] > 0) f += phi[row + d] * pre[d];
    out[k] = f;
  }
}

/** The network's outputs at x, as a fresh array. */
export function outputsAt(phi: Float64Array, shape: HeadNetworkShape, x: number): Float64Array {
  const out = new Float64Array(shape.outputs);
  forward(phi, shape, x, new Float64Array(shape.hidden), out);
  return out;
}

/** The head's predicted distribution at x. */
export function predictAt(head: LossHead, phi: Float64Array, shape: HeadNetworkShape, x: number): PredictedDistribution {
  return head.distribution(outputsAt(phi, shape, x), extrasOf(phi, shape));
}

/**
 * Seeded start: hidden unit d gets a joint spread over [0, 1] (at (d + u) / D) and a slope of
 * random sign and size 2 to 6, so the units bend inside the data from the first step; output
 * weights are N(0, 0.25 / D); output biases and extras are the head's own starting values for
 * these targets (a sensible constant prediction), so the first NLL is finite and moderate.
 */
export function initialParameters(head: LossHead, shape: HeadNetworkShape, targets: readonly number[], rng: Rng): Float64Array {
  const o = offsets(shape);
  const phi = new Float64Array(parameterLength(shape));
  for (let d = 0; d < shape.hidden; d++) {
    const joint = (d + rng.next()) / shape.hidden;
    const slope = (rng.next() < 0.5 ? -1 : 1) * (2 + 4 * rng.next());
    phi[o.omega0 + d] = slope;
    phi[o.beta0 + d] = -slope * joint;
  }
  const weights = fillNormal(rng, new Float64Array(shape.outputs * shape.hidden), Math.sqrt(0.25 / shape.hidden));
  phi.set(weights, o.omega1);
  phi.set(head.initialOutputs(targets), o.beta1);
  phi.set(head.initialExtras(targets), o.extras);
  return phi;
}

/** The NLL of eq. 5.4 as an Objective: term i is -log Pr(y_i | f[x_i, phi]). */
export function nllObjective(head: LossHead, shape: HeadNetworkShape, x: readonly number[], y: readonly number[]): Objective {
  const o = offsets(shape);
  const pre = new Float64Array(shape.hidden);
  const f = new Float64Array(shape.outputs);
  const gradF = new Float64Array(shape.outputs);
  const gradExtra = new Float64Array(shape.extras);
  return {
    dimension: parameterLength(shape),
    terms: x.length,
    termLoss(phi, i) {
      forward(phi, shape, x[i], pre, f);
      return head.nll(f, extrasOf(phi, shape), y[i]);
    },
    termGradient(phi, i) {
      const { hidden, outputs } = shape;
      forward(phi, shape, x[i], pre, f);
      head.gradient(f, extrasOf(phi, shape), y[i], gradF, gradExtra);
      const g = new Float64Array(phi.length);
      // Output layer: dL/dbeta_1 = dL/df, dL/dOmega_1[k][d] = dL/df_k h_d.
      for (let k = 0; k < outputs; k++) {
        g[o.beta1 + k] = gradF[k];
        const row = o.omega1 + k * hidden;
        for (let d = 0; d < hidden; d++) if (pre[d] > 0) g[row + d] = gradF[k] * pre[d];
      }
      // Hidden layer: dL/dh_d = sum_k dL/df_k Omega_1[k][d], through the ReLU (zero where off).
      for (let d = 0; d < hidden; d++) {
        if (pre[d] <= 0) continue;
        let dh = 0;
        for (let k = 0; k < outputs; k++) dh += gradF[k] * phi[o.omega1 + k * hidden + d];
        g[o.beta0 + d] = dh;
        g[o.omega0 + d] = dh * x[i];
      }
      g.set(gradExtra, o.extras);
      return g;
    },
  };
}

/** L[phi] = sum_i -log Pr(y_i | x_i): eq. 5.4 over the whole dataset. */
export function totalNll(objective: Objective, phi: Float64Array): number {
  let total = 0;
  for (let i = 0; i < objective.terms; i++) total += objective.termLoss(phi, i);
  return total;
}
