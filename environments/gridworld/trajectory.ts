/**
 * Whole trajectories and their returns, for the Markov process and Markov reward process pages
 * (figs 19.1 and 19.2) and for Monte Carlo illustrations.
 *
 * Sampling goes through the env's own `step`, so a trajectory shown on a page is exactly one the
 * simulator could produce.
 */
import type { Rng } from '../core/rng';
import { gridworldEnv } from './env';
import type { GridModel } from './model';

/** Picks an action in a state. The default picks uniformly among the model's actions. */
export type GridPolicy = (state: number, rng: Rng) => number;

export interface Trajectory {
  /** s_0 .. s_T: one more state than actions. */
  readonly states: readonly number[];
  /** a_0 .. a_{T-1}. */
  readonly actions: readonly number[];
  /** r_1 .. r_T: `rewards[t]` is the reward that followed `actions[t]` (the book's r_{t+1}). */
  readonly rewards: readonly number[];
  /** G_0 .. G_{T-1} (eq 19.1) with the spec's gamma; the return from s_T is 0. */
  readonly returns: readonly number[];
  /** Whether the walk ended on its own rather than at `maxSteps`. */
  readonly terminated: boolean;
}

/**
 * G_t = r_{t+1} + gamma r_{t+2} + gamma^2 r_{t+3} + ... for every t (eq 19.1), where
 * `rewards[t]` is r_{t+1}. Summed backwards, G_t = r_{t+1} + gamma G_{t+1}: one pass, and no
 * powers of gamma to lose precision in.
 */
export function discountedReturns(rewards: readonly number[], gamma: number): number[] {
  const returns = new Array<number>(rewards.length);
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    g = rewards[t] + gamma * g;
    returns[t] = g;
  }
  return returns;
}

/**
 * Walk the world for at most `maxSteps` steps from a start tile (uniform over starts, or `start`
 * when given), choosing actions with `policy`.
 */
export function sampleTrajectory(model: GridModel, rng: Rng, maxSteps: number, policy?: GridPolicy, start?: number): Trajectory {
  if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new Error(`sampleTrajectory needs a non-negative integer maxSteps, got ${maxSteps}`);
  const env = gridworldEnv(model);
  const choose: GridPolicy = policy ?? ((_state, r) => (model.nA === 1 ? 0 : r.int(model.nA)));
  let state = start === undefined ? env.reset(rng).state : env.resetAt(start).state;
  const states = [state];
  const actions: number[] = [];
  const rewards: number[] = [];
  let terminated = false;
  for (let t = 0; t < maxSteps && !terminated; t++) {
    const action = choose(state, rng);
    const result = env.step(state, action, rng);
    actions.push(action);
    rewards.push(result.reward);
    states.push(result.state);
    state = result.state;
    terminated = result.terminated;
  }
  return { states, actions, rewards, returns: discountedReturns(rewards, model.spec.gamma), terminated };
}
