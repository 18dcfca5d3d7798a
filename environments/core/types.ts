/**
 * The contracts every world and agent in Floe builds on (ARCHITECTURE.md section 2).
 *
 * Gymnasium's vocabulary with a pure, explicit-state core: `step` takes the state and returns a
 * new one, so snapshots, undo, replay and worker-to-UI frames are plain data.
 */
import type { Rng } from './rng';
import type { Space } from './spaces';

export interface StepResult<S, O> {
  readonly state: S;
  readonly obs: O;
  readonly reward: number;
  /** The MDP's own end (fish eaten, goal reached). Agents never bootstrap through it. */
  readonly terminated: boolean;
  /** Set only by the time-limit wrapper. Agents bootstrap through it. */
  readonly truncated: boolean;
  /** Flat numeric extras for the UI (for gridworlds: the intended and the actual move). */
  readonly info?: Readonly<Record<string, number>>;
}

export interface Env<S, O, A> {
  readonly id: string;
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  reset(rng: Rng): { state: S; obs: O };
  /** Never mutates `state`. */
  step(state: S, action: A, rng: Rng): StepResult<S, O>;
  /** POMDPs: the observation is a separate function of the state. */
  observe?(state: S, rng: Rng): O;
}

/** One possible outcome of taking action `a` in state `s`. */
export interface Transition1 {
  readonly next: number;
  readonly prob: number;
}

/**
 * The exact finite model of a world: what dynamic programming and the Bellman stepper use.
 * States and actions are 0-based integers. Semantics of `terminal(s)`: acting in `s` ends the
 * episode, so q(s, a) = r(s, a) with no bootstrapped continuation.
 */
export interface TabularModel {
  readonly nS: number;
  readonly nA: number;
  /** Successors of (s, a) with their probabilities; the probabilities sum to 1. */
  P(s: number, a: number): readonly Transition1[];
  /** Expected immediate reward for taking `a` in `s`. */
  r(s: number, a: number): number;
  terminal(s: number): boolean;
}

/** A transition as agents receive it: named fields, never a tuple. */
export interface Transition<O, A> {
  readonly obs: O;
  readonly action: A;
  readonly reward: number;
  readonly nextObs: O;
  readonly terminated: boolean;
  readonly truncated: boolean;
}

/** Flat, namespaced scalars: 'charts/episodic_return', 'losses/td_loss'. */
export type Metrics = Record<string, number>;
