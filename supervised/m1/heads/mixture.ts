/**
 * The two-component mixture of Gaussians head for multimodal y (eq. 5.35, fig. 5.14): five outputs,
 *
 *   lambda = sig[f_1],  mu_1 = f_2,  sigma_1^2 = f_3^2,  mu_2 = f_4,  sigma_2^2 = f_5^2,
 *   Pr(y) = lambda Norm_y[mu_1, sigma_1^2] + (1 - lambda) Norm_y[mu_2, sigma_2^2],
 *
 * (each variance plus VARIANCE_FLOOR). The NLL is computed in log space (logsumexp of the two
 * weighted log densities); with the responsibilities r_1 = lambda N_1 / Pr(y) and r_2 = 1 - r_1,
 * its gradient is
 *
 *   d/df_1 = lambda - r_1,   d/dmu_c = -r_c (y - mu_c) / sigma_c^2,
 *   d/df_{3,5} = r_c f (1 / sigma_c^2 - (y - mu_c)^2 / sigma_c^4).
 */
import { logSumExp, normalNll, sigmoid, softplus, standardDeviation, VARIANCE_FLOOR, type LossHead } from './types';

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

export function mixtureHead(): LossHead {
  const varianceOf = (f: number) => f * f + VARIANCE_FLOOR;
  /** The two components' log(weight x density) at y. */
  const weightedLogDensities = (f: ArrayLike<number>, y: number): [number, number] => [
    -softplus(-f[0]) - normalNll(y, f[1], varianceOf(f[2])), // log sig(f) = -softplus(-f)
    -softplus(f[0]) - normalNll(y, f[3], varianceOf(f[4])), // log(1 - sig(f)) = -softplus(f)
  ];
  return {
    id: 'mixture',
    title: 'Mixture of two Gaussians',
    equations: 'eq. 5.35',
    domain: 'real',
    outputs: 5,
    extras: 0,
    distribution: (f) => ({
      kind: 'mixture',
      weight: sigmoid(f[0]),
      means: [f[1], f[3]],
      sds: [Math.sqrt(varianceOf(f[2])), Math.sqrt(varianceOf(f[4]))],
    }),
    nll: (f, _extra, y) => -logSumExp(weightedLogDensities(f, y)),
    gradient(f, _extra, y, gradF) {
      const a = weightedLogDensities(f, y);
      const r1 = Math.exp(a[0] - logSumExp(a));
      const r2 = 1 - r1;
      const lambda = sigmoid(f[0]);
      gradF[0] = lambda - r1;
      const components: [number, number, number][] = [
        [1, 2, r1],
        [3, 4, r2],
      ];
      for (const [m, s, r] of components) {
        const variance = varianceOf(f[s]);
        const residual = y - f[m];
        gradF[m] = (-r * residual) / variance;
        gradF[s] = r * f[s] * (1 / variance - (residual * residual) / (variance * variance));
      }
    },
    // Start the components apart, at the upper and lower quartiles: identical components would get identical gradients.
    initialOutputs(y) {
      const spread = Math.max(standardDeviation(y) / 2, 0.1);
      return [0, quantile(y, 0.75), spread, quantile(y, 0.25), spread];
    },
    initialExtras: () => [],
  };
}
