/**
 * The classification heads of chapter 5:
 *
 * - Bernoulli (eqs. 5.16-5.20): lambda = sig[f]; the NLL is the binary cross-entropy
 *   -[(1 - y) log(1 - sig f) + y log sig f], written as softplus(f) - y f so that it stays finite
 *   for any f; its gradient is sig[f] - y.
 * - categorical with softmax (eqs. 5.22-5.24), K = 3 classes: the NLL is
 *   log sum_k exp f_k - f_y (logsumexp form, as the reference asks); its gradient is
 *   softmax[f] - onehot(y).
 */
import { logSumExp, mean, sigmoid, softplus, SOFTMAX_CLASSES, type LossHead } from './types';

function checkBinary(y: number): void {
  if (y !== 0 && y !== 1) throw new Error(`bernoulli head: y must be 0 or 1, got ${y}`);
}

function checkClass(y: number): void {
  if (!(Number.isInteger(y) && y >= 0 && y < SOFTMAX_CLASSES)) throw new Error(`softmax head: y must be a class 0 to ${SOFTMAX_CLASSES - 1}, got ${y}`);
}

export function bernoulliHead(): LossHead {
  return {
    id: 'bernoulli',
    title: 'Bernoulli (binary cross-entropy)',
    equations: 'eqs. 5.16–5.20',
    domain: 'binary',
    outputs: 1,
    extras: 0,
    distribution: (f) => ({ kind: 'bernoulli', p: sigmoid(f[0]) }),
    nll(f, _extra, y) {
      checkBinary(y);
      return softplus(f[0]) - y * f[0];
    },
    gradient(f, _extra, y, gradF) {
      checkBinary(y);
      gradF[0] = sigmoid(f[0]) - y;
    },
    initialOutputs(y) {
      // The logit of the share of ones, kept off the ends.
      const p = Math.min(0.95, Math.max(0.05, mean(y)));
      return [Math.log(p / (1 - p))];
    },
    initialExtras: () => [],
  };
}

export function softmax(f: ArrayLike<number>): number[] {
  const z = logSumExp(f);
  return Array.from({ length: f.length }, (_, k) => Math.exp(f[k] - z));
}

export function softmaxHead(): LossHead {
  return {
    id: 'softmax',
    title: `Categorical, softmax (K = ${SOFTMAX_CLASSES})`,
    equations: 'eqs. 5.22–5.24',
    domain: 'categorical',
    outputs: SOFTMAX_CLASSES,
    extras: 0,
    distribution: (f) => ({ kind: 'categorical', probabilities: softmax(f) }),
    nll(f, _extra, y) {
      checkClass(y);
      return logSumExp(f) - f[y];
    },
    gradient(f, _extra, y, gradF) {
      checkClass(y);
      const p = softmax(f);
      for (let k = 0; k < SOFTMAX_CLASSES; k++) gradF[k] = p[k] - (k === y ? 1 : 0);
    },
    initialOutputs(y) {
      // Log class frequencies (plus one, so an absent class is not -infinity).
      return Array.from({ length: SOFTMAX_CLASSES }, (_, k) => Math.log((y.filter((v) => v === k).length + 1) / (y.length + SOFTMAX_CLASSES)));
    },
    initialExtras: () => [],
  };
}
