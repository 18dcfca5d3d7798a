/**
 * The float64 optimisers' shared contract. Each optimiser is a small class that keeps its own
 * moments and step counter t and writes its update as the book does (one file per optimiser).
 *
 *   const optimiser = createOptimiser({ kind: 'adam', learningRate: 0.05, gamma: 0.99 });
 *   let phi = Float64Array.of(-0.7, -0.9);
 *   for (let t = 0; t < 60; t++) phi = optimiser.step(phi, objective).phi;
 *
 * `step` never changes the `phi` it is given: trajectories for the loss-surface plots are the
 * returned arrays, kept as they are.
 */
import type { Objective } from '../objective';
import type { ResolvedOptimiserConfig } from './config';

export interface StepRecord {
  /** phi_{t+1}: a new array. */
  readonly phi: Float64Array;
  /** The batch gradient the update used (sum or mean over the batch, as configured). */
  readonly gradient: Float64Array;
  /** Where that gradient was taken: phi_t, or the lookahead point phi_t - alpha beta m_t of book-form Nesterov. */
  readonly gradientAt: Float64Array;
  /** The learning rate this step used: the schedule's alpha_t, or the step length the line search chose. */
  readonly learningRate: number;
}

/** A copy of an optimiser's state as plain numbers (for snapshots and the UI's equation cards). */
export interface OptimiserState {
  /** Updates applied so far (t). */
  readonly steps: number;
  /** First moment m (momentum, Nesterov, Adam); null before the first step or when unused. */
  readonly m: number[] | null;
  /** Second moment v (Adam); null before the first step or when unused. */
  readonly v: number[] | null;
}

export interface Optimiser {
  readonly config: ResolvedOptimiserConfig;
  /** Updates applied so far (t). */
  readonly steps: number;
  /**
   * One update from phi on the batch (term indices; default every term, which makes SGD plain
   * gradient descent). Throws a precise message when phi or the batch do not fit.
   */
  step(phi: Float64Array, objective: Objective, batch?: readonly number[]): StepRecord;
  state(): OptimiserState;
  /** Forgets the moments and sets t back to 0. */
  reset(): void;
}

/** A zero moment for `dimension` parameters, or the existing one after checking that it fits. */
export function momentFor(moment: Float64Array | null, dimension: number, where: string): Float64Array {
  if (moment === null) return new Float64Array(dimension);
  if (moment.length !== dimension) throw new Error(`${where}: phi has ${dimension} numbers but the optimiser's moments have ${moment.length}; call reset() to start on a new problem`);
  return moment;
}
