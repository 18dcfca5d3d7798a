/**
 * Momentum (eq. 6.11), in the book's form and the library form.
 *
 * Book (a weighted average of past batch gradients, hence the (1 - beta) damping):
 *   m_{t+1}   = beta m_t + (1 - beta) sum_{i in B_t} dl_i[phi_t]/dphi
 *   phi_{t+1} = phi_t - alpha m_{t+1}
 *
 * Library (PyTorch SGD with dampening 0, tfjs `train.momentum`): m_{t+1} = beta m_t + g, same phi
 * update. Its m is the book's divided by (1 - beta), so library alpha (1 - beta) follows the book's
 * path exactly, and the same alpha takes steps 1 / (1 - beta) times longer (10x at beta = 0.9).
 * m_0 = 0 in both.
 */
import { batchGradient, checkStepInput, type Objective } from '../objective';
import { learningRateAt } from '../schedules';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import { momentFor, type Optimiser, type OptimiserState, type StepRecord } from './types';

export class Momentum implements Optimiser {
  readonly config: ResolvedConfigOf<'momentum'>;
  private t = 0;
  private m: Float64Array | null = null;

  constructor(config: ConfigOf<'momentum'>) {
    this.config = resolveConfigOf('momentum', config);
  }

  get steps(): number {
    return this.t;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'momentum');
    const m = momentFor(this.m, phi.length, 'momentum');
    const { beta, form } = this.config;
    const alpha = learningRateAt(this.config.learningRate, this.t);
    const g = batchGradient(objective, phi, batch, this.config.reduction);
    // NOTE: the (1 - beta) factor on the gradient is the book's; the library adds g undamped.
    const gradientWeight = form === 'book' ? 1 - beta : 1;
    const next = new Float64Array(phi.length);
    for (let k = 0; k < phi.length; k++) {
      m[k] = beta * m[k] + gradientWeight * g[k];
      next[k] = phi[k] - alpha * m[k];
    }
    this.m = m;
    this.t++;
    return { phi: next, gradient: g, gradientAt: Float64Array.from(phi), learningRate: alpha };
  }

  state(): OptimiserState {
    return { steps: this.t, m: this.m === null ? null : Array.from(this.m), v: null };
  }

  reset(): void {
    this.t = 0;
    this.m = null;
  }
}
