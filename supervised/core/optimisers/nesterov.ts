/**
 * Nesterov accelerated momentum (eq. 6.12), in the book's form and the library form.
 *
 * Book: the momentum step alone would move phi to phi_t - alpha beta m_t, so the gradient is taken
 * there (the lookahead point) and corrects the path momentum predicts:
 *   m_{t+1}   = beta m_t + (1 - beta) sum_{i in B_t} dl_i[phi_t - alpha beta m_t]/dphi
 *   phi_{t+1} = phi_t - alpha m_{t+1}
 * (alpha in the lookahead is this step's alpha_t when a schedule runs.)
 *
 * Library (PyTorch `nesterov=True`, tfjs `momentum(..., useNesterov)`): the gradient at phi_t only,
 *   m_{t+1}   = beta m_t + g[phi_t]
 *   phi_{t+1} = phi_t - alpha (g[phi_t] + beta m_{t+1})
 * This is the book's method rewritten in the lookahead variable: with library alpha equal to the
 * book's alpha (1 - beta), the library iterates are exactly the book's lookahead points
 * phi_t - alpha beta m_t (both start from m_0 = 0). The tests check this identity.
 */
import { batchGradient, checkStepInput, type Objective } from '../objective';
import { learningRateAt } from '../schedules';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import { momentFor, type Optimiser, type OptimiserState, type StepRecord } from './types';

export class Nesterov implements Optimiser {
  readonly config: ResolvedConfigOf<'nesterov'>;
  private t = 0;
  private m: Float64Array | null = null;

  constructor(config: ConfigOf<'nesterov'>) {
    this.config = resolveConfigOf('nesterov', config);
  }

  get steps(): number {
    return this.t;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'nesterov');
    const m = momentFor(this.m, phi.length, 'nesterov');
    const { beta, form } = this.config;
    const alpha = learningRateAt(this.config.learningRate, this.t);
    const next = new Float64Array(phi.length);
    let gradientAt: Float64Array;
    let g: Float64Array;
    if (form === 'book') {
      gradientAt = new Float64Array(phi.length);
      for (let k = 0; k < phi.length; k++) gradientAt[k] = phi[k] - alpha * beta * m[k];
      g = batchGradient(objective, gradientAt, batch, this.config.reduction);
      for (let k = 0; k < phi.length; k++) {
        m[k] = beta * m[k] + (1 - beta) * g[k];
        next[k] = phi[k] - alpha * m[k];
      }
    } else {
      gradientAt = Float64Array.from(phi);
      g = batchGradient(objective, phi, batch, this.config.reduction);
      for (let k = 0; k < phi.length; k++) {
        m[k] = beta * m[k] + g[k];
        next[k] = phi[k] - alpha * (g[k] + beta * m[k]);
      }
    }
    this.m = m;
    this.t++;
    return { phi: next, gradient: g, gradientAt, learningRate: alpha };
  }

  state(): OptimiserState {
    return { steps: this.t, m: this.m === null ? null : Array.from(this.m), v: null };
  }

  reset(): void {
    this.t = 0;
    this.m = null;
  }
}
