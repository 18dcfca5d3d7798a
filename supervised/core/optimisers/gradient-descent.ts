/**
 * Gradient descent (eq. 6.3) and stochastic gradient descent (eq. 6.10), one class:
 *
 *   phi_{t+1} = phi_t - alpha_t * sum_{i in B_t} dl_i[phi_t]/dphi
 *
 * With the whole dataset as the batch (the default) this is gradient descent on L = sum_i l_i.
 * NOTE: the book *sums* over the batch; reduction 'mean' (the library convention) divides the
 * gradient by |B|, so the same path needs alpha |B| times larger. Batches are drawn by the
 * caller, without replacement, one epoch being one full pass (section 6.2).
 */
import { batchGradient, checkStepInput, type Objective } from '../objective';
import { learningRateAt } from '../schedules';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import type { Optimiser, OptimiserState, StepRecord } from './types';

export class Sgd implements Optimiser {
  readonly config: ResolvedConfigOf<'sgd'>;
  private t = 0;

  constructor(config: ConfigOf<'sgd'>) {
    this.config = resolveConfigOf('sgd', config);
  }

  get steps(): number {
    return this.t;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'sgd');
    const alpha = learningRateAt(this.config.learningRate, this.t);
    const g = batchGradient(objective, phi, batch, this.config.reduction);
    const next = new Float64Array(phi.length);
    for (let k = 0; k < phi.length; k++) next[k] = phi[k] - alpha * g[k];
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
