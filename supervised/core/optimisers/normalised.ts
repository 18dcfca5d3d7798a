/**
 * Normalised gradients (eqs. 6.13-6.14): move a fixed distance downhill, whatever the slope.
 *
 *   'sign' (the book):  m = g, v = g^2 (elementwise);  phi_{t+1} = phi_t - alpha m / sqrt(v + epsilon)
 *                       so each coordinate moves by about alpha sign(g_k);
 *   'unit-norm':        phi_{t+1} = phi_t - alpha g / sqrt(|g|^2 + epsilon), a step about alpha long.
 *
 * Figure 6.9c: the steps never shrink, so the path ends bouncing between two points around the
 * minimum (Adam's moments and bias correction are what fix that). epsilon sits inside the square
 * root as in the book's Adam; both forms run the same rule (`form` sets only the batch reduction,
 * which a scale-free step ignores anyway).
 */
import { batchGradient, checkStepInput, type Objective } from '../objective';
import { learningRateAt } from '../schedules';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import type { Optimiser, OptimiserState, StepRecord } from './types';

export class NormalisedGradients implements Optimiser {
  readonly config: ResolvedConfigOf<'normalised'>;
  private t = 0;

  constructor(config: ConfigOf<'normalised'>) {
    this.config = resolveConfigOf('normalised', config);
  }

  get steps(): number {
    return this.t;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'normalised');
    const { epsilon, normalisation } = this.config;
    const alpha = learningRateAt(this.config.learningRate, this.t);
    const g = batchGradient(objective, phi, batch, this.config.reduction);
    let squaredNorm = 0;
    for (let k = 0; k < g.length; k++) squaredNorm += g[k] * g[k];
    const next = new Float64Array(phi.length);
    for (let k = 0; k < phi.length; k++) {
      const denominator = normalisation === 'sign' ? Math.sqrt(g[k] * g[k] + epsilon) : Math.sqrt(squaredNorm + epsilon);
      next[k] = phi[k] - (alpha * g[k]) / denominator;
    }
    this.t++;
    return { phi: next, gradient: g, gradientAt: Float64Array.from(phi), learningRate: alpha };
  }

  state(): OptimiserState {
    return { steps: this.t, m: null, v: null };
  }

  reset(): void {
    this.t = 0;
  }
}
