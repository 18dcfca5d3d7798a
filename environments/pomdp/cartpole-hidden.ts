/**
 * CartPole with its velocities hidden: the classic partially observed control task. The world is
 * environments/classic/cartpole.ts unchanged (same states, dynamics, rewards and time limit);
 * only the observation drops the two velocities, so a memoryless agent sees where the cart and
 * pole are but not where they are going. Two consecutive observations (a history, a recurrent
 * network) give the velocities back, up to the step length.
 *
 * Description: see CartPole.
 * Actions: discrete(2): 0 pushes left, 1 pushes right.
 * Observations: Float32Array [x, theta], box([2], -Infinity, Infinity): cart position (m) and
 *   pole angle (rad, positive leaning right), rounded to float32 as CartPole's own observation.
 * Rewards, episode end: CartPole's (+1 per step; |theta| > 12 degrees or |x| > 2.4 m ends it;
 *   `makeCartPoleHiddenVelocities` adds the 500-step limit).
 * Params: CartPoleParams.
 * Version history: v1.
 */
import { cartPoleEnv, type CartPoleEnv, type CartPoleParams, type CartPoleState, type TimeLimitedCartPoleEnv } from '../classic/index';
import type { Rng } from '../core/rng';
import { box } from '../core/spaces';
import { isTimeLimited, withTimeLimit, type TimeLimitedEnv } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';

export const CARTPOLE_HIDDEN_VELOCITIES_ID = 'pomdp/cartpole-hidden-velocities';

export interface HiddenVelocityCartPoleEnv extends Env<CartPoleState, Float32Array, number> {
  readonly params: Readonly<CartPoleParams>;
  observe(state: CartPoleState): Float32Array;
}

export interface TimeLimitedHiddenVelocityCartPoleEnv extends TimeLimitedEnv<CartPoleState, Float32Array, number> {
  readonly params: Readonly<CartPoleParams>;
  readonly inner: HiddenVelocityCartPoleEnv;
}

/** What the agent sees of a state: a fresh Float32Array [x, theta]. */
export function cartPolePositionObservation(state: CartPoleState): Float32Array {
  return Float32Array.of(state.x, state.theta);
}

export function hideCartPoleVelocities(env: TimeLimitedCartPoleEnv, id?: string): TimeLimitedHiddenVelocityCartPoleEnv;
export function hideCartPoleVelocities(env: CartPoleEnv, id?: string): HiddenVelocityCartPoleEnv;
export function hideCartPoleVelocities(env: CartPoleEnv | TimeLimitedCartPoleEnv, id = CARTPOLE_HIDDEN_VELOCITIES_ID): HiddenVelocityCartPoleEnv | TimeLimitedHiddenVelocityCartPoleEnv {
  if (isTimeLimited(env)) {
    const limited = env as TimeLimitedCartPoleEnv;
    // Wrap the bare env and put the same clock back on, so `inner` hides the velocities too.
    const inner = hideCartPoleVelocities(limited.inner, id);
    return { ...withTimeLimit(inner, limited.maxSteps), inner, params: inner.params };
  }
  const bare = env as CartPoleEnv;
  return {
    id,
    observationSpace: box([2], -Infinity, Infinity),
    actionSpace: bare.actionSpace,
    params: bare.params,
    reset(rng: Rng) {
      const first = bare.reset(rng);
      return { state: first.state, obs: cartPolePositionObservation(first.state) };
    },
    step(state: CartPoleState, action: number, rng: Rng): StepResult<CartPoleState, Float32Array> {
      const result = bare.step(state, action, rng);
      return { ...result, obs: cartPolePositionObservation(result.state) };
    },
    observe: cartPolePositionObservation,
  };
}

/** CartPole with hidden velocities and its `maxSteps` time limit (500 by default). */
export function makeCartPoleHiddenVelocities(params: Partial<CartPoleParams> = {}): TimeLimitedHiddenVelocityCartPoleEnv {
  const inner = hideCartPoleVelocities(cartPoleEnv(params));
  return { ...withTimeLimit(inner, inner.params.maxSteps), inner, params: inner.params };
}
