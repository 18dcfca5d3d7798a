/**
 * Adam (eqs. 6.15-6.17; eq. 6.18 is the same with batch gradients), in the book's form and the
 * library form. With g the batch gradient at phi_t:
 *
 *   m_{t+1} = beta m_t + (1 - beta) g                      v_{t+1} = gamma v_t + (1 - gamma) g^2
 *   m^      = m_{t+1} / (1 - beta^{t+1})                   v^      = v_{t+1} / (1 - gamma^{t+1})
 *   book (6.17):  phi_{t+1} = phi_t - alpha m^ / sqrt(v^ + epsilon)
 *   library:      phi_{t+1} = phi_t - alpha m^ / (sqrt(v^) + epsilon)     (PyTorch, tfjs)
 *
 * NOTE: epsilon sits *inside* the square root in the book. The forms agree while v^ >> epsilon
 * (then both steps are about alpha m^ / sqrt(v^)); where gradients are tiny the book's
 * denominator is at least sqrt(epsilon) and the library's only epsilon, so on flat ground the
 * library form takes longer steps. The bias corrections make the first steps about alpha long
 * per coordinate (m_0 = v_0 = 0 would otherwise shrink them).
 */
import { batchGradient, checkStepInput, type Objective } from '../objective';
import { learningRateAt } from '../schedules';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import { momentFor, type Optimiser, type OptimiserState, type StepRecord } from './types';

export class Adam implements Optimiser {
  readonly config: ResolvedConfigOf<'adam'>;
  private t = 0;
  private m: Float64Array | null = null;
  private v: Float64Array | null = null;

  constructor(config: ConfigOf<'adam'>) {
    this.config = resolveConfigOf('adam', config);
  }

  get steps(): number {
    return this.t;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'adam');
    const m = momentFor(this.m, phi.length, 'adam');
    const v = momentFor(this.v, phi.length, 'adam');
    const { beta, gamma, epsilon, form } = this.config;
    const alpha = learningRateAt(this.config.learningRate, this.t);
    const g = batchGradient(objective, phi, batch, this.config.reduction);
    // t counts updates already applied, so this update's bias corrections use the power t + 1.
    const mCorrection = 1 - Math.pow(beta, this.t + 1);
    const vCorrection = 1 - Math.pow(gamma, this.t + 1);
    const next = new Float64Array(phi.length);
    for (let k = 0; k < phi.length; k++) {
      m[k] = beta * m[k] + (1 - beta) * g[k];
      v[k] = gamma * v[k] + (1 - gamma) * g[k] * g[k];
      const mHat = m[k] / mCorrection;
      const vHat = v[k] / vCorrection;
      const denominator = form === 'book' ? Math.sqrt(vHat + epsilon) : Math.sqrt(vHat) + epsilon;
      next[k] = phi[k] - (alpha * mHat) / denominator;
    }
    this.m = m;
    this.v = v;
    this.t++;
    return { phi: next, gradient: g, gradientAt: Float64Array.from(phi), learningRate: alpha };
  }

  state(): OptimiserState {
    return { steps: this.t, m: this.m === null ? null : Array.from(this.m), v: this.v === null ? null : Array.from(this.v) };
  }

  reset(): void {
    this.t = 0;
    this.m = null;
    this.v = null;
  }
}
