/**
 * Gradient descent with a line search (section 6.1.1, figs. 6.1 and 6.10): at every step, go
 * downhill along -g by the alpha that (nearly) minimises the loss on that 1-D slice,
 *
 *   alpha_t = argmin_{alpha in [0, maxStep]} L[phi_t - alpha g_t],     phi_{t+1} = phi_t - alpha_t g_t.
 *
 * The search is the book's bracketing method (fig. 6.10), a ternary search: keep four points
 * a < b < c < d with b and c at the thirds of [a, d]; if L[b] > L[c] the minimum is not in [a, b],
 * so drop it (a <- b), otherwise drop [c, d] (d <- c); repeat `iterations` times and return the
 * middle of the last bracket. Each iteration costs two loss evaluations and keeps 2/3 of the
 * bracket, so 15 iterations narrow [0, maxStep] to 0.2% of its width. On a slice with one
 * minimum in [0, maxStep] it converges to that minimum; otherwise to some local minimum of the
 * slice (the notebooks' extra rule for "a is lowest" is not in the book and not used here).
 *
 * As in the companion notebooks, alpha multiplies the raw gradient, so maxStep (their max_dist)
 * is in units of the gradient (0.1 for the linear-regression data of A.1, 2.0 for the Gabor data).
 */
import { batchGradient, batchLoss, checkStepInput, type Objective } from '../objective';
import { resolveConfigOf, type ConfigOf, type ResolvedConfigOf } from './config';
import type { Optimiser, OptimiserState, StepRecord } from './types';

/** One bracket of the search and the two interior losses that decided which end to drop. */
export interface Bracket {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly lossB: number;
  readonly lossC: number;
}

export interface BracketSearch {
  /** The middle of the final bracket. */
  readonly alpha: number;
  /** Every bracket examined, first to last (what fig. 6.10 draws). */
  readonly brackets: readonly Bracket[];
}

/** The book's bracketing search for the minimum of `loss` on [0, maxStep] (fig. 6.10). */
export function bracketSearch(loss: (alpha: number) => number, maxStep: number, iterations: number): BracketSearch {
  if (!(Number.isFinite(maxStep) && maxStep > 0)) throw new Error(`line search: maxStep must be a finite number > 0, got ${maxStep}`);
  if (!(Number.isInteger(iterations) && iterations >= 1)) throw new Error(`line search: iterations must be a positive integer, got ${iterations}`);
  let a = 0;
  let d = maxStep;
  const brackets: Bracket[] = [];
  for (let i = 0; i < iterations; i++) {
    const b = a + (d - a) / 3;
    const c = a + (2 * (d - a)) / 3;
    const lossB = loss(b);
    const lossC = loss(c);
    brackets.push({ a, b, c, d, lossB, lossC });
    // Ties drop the far end: with no evidence either way, prefer the shorter step.
    if (lossB > lossC) a = b;
    else d = c;
  }
  return { alpha: (a + d) / 2, brackets };
}

export class LineSearchGradientDescent implements Optimiser {
  readonly config: ResolvedConfigOf<'line-search'>;
  private t = 0;
  private last: BracketSearch | null = null;

  constructor(config: ConfigOf<'line-search'>) {
    this.config = resolveConfigOf('line-search', config);
  }

  get steps(): number {
    return this.t;
  }

  /** The brackets of the last step's search (null before the first step). */
  get lastSearch(): BracketSearch | null {
    return this.last;
  }

  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord {
    checkStepInput(objective, phi, batch, 'line-search');
    const { reduction, maxStep, iterations } = this.config;
    const g = batchGradient(objective, phi, batch, reduction);
    const trial = new Float64Array(phi.length);
    const sliceLoss = (alpha: number): number => {
      for (let k = 0; k < phi.length; k++) trial[k] = phi[k] - alpha * g[k];
      return batchLoss(objective, trial, batch, reduction);
    };
    this.last = bracketSearch(sliceLoss, maxStep, iterations);
    const alpha = this.last.alpha;
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
    this.last = null;
  }
}
