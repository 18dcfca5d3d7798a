/**
 * The time-limit wrapper: the only place in Floe that sets `truncated` (ARCHITECTURE.md section 2).
 *
 * A time limit is not part of the MDP. Running out of time says nothing about the value of the
 * state reached, so agents must bootstrap through a truncation and never through a termination;
 * keeping the two flags apart is what lets them. The elapsed step count lives in the state, not
 * in the wrapper, so the wrapped env stays pure: the same `(state, action, rng)` gives the same
 * result, snapshots include the clock, and one env object can run many episodes side by side.
 */
import type { Rng } from './rng';
import type { Env, StepResult } from './types';

/** The wrapped env's state plus the number of steps taken since reset. Plain data. */
export interface TimeLimitedState<S> {
  readonly inner: S;
  readonly elapsed: number;
}

export interface TimeLimitedEnv<S, O, A> extends Env<TimeLimitedState<S>, O, A> {
  /** The env without the clock, for code that wants the bare MDP. */
  readonly inner: Env<S, O, A>;
  readonly maxSteps: number;
}

export function withTimeLimit<S, O, A>(env: Env<S, O, A>, maxSteps: number): TimeLimitedEnv<S, O, A> {
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new Error(`withTimeLimit needs a positive integer maxSteps, got ${maxSteps}`);
  const observe = env.observe;
  const wrapped: TimeLimitedEnv<S, O, A> = {
    id: env.id,
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    inner: env,
    maxSteps,
    reset(rng: Rng) {
      const first = env.reset(rng);
      return { state: { inner: first.state, elapsed: 0 }, obs: first.obs };
    },
    step(state: TimeLimitedState<S>, action: A, rng: Rng): StepResult<TimeLimitedState<S>, O> {
      const result = env.step(state.inner, action, rng);
      const elapsed = state.elapsed + 1;
      return {
        // One new object for the clock; the inner state is shared, never copied (it is immutable).
        state: { inner: result.state, elapsed },
        obs: result.obs,
        reward: result.reward,
        terminated: result.terminated,
        // NOTE: a step that terminates is never also truncated: the episode ended on its own, and
        // agents must not bootstrap from it. An inner wrapper's truncation passes through.
        truncated: !result.terminated && (result.truncated || elapsed >= maxSteps),
        info: result.info,
      };
    },
  };
  if (observe) {
    return { ...wrapped, observe: (state: TimeLimitedState<S>, rng: Rng) => observe.call(env, state.inner, rng) };
  }
  return wrapped;
}

/** The bare state inside a time-limited one. */
export function unwrapState<S>(state: TimeLimitedState<S>): S {
  return state.inner;
}

/** A fresh clock around a state chosen by hand (exploring starts, a state picked in the UI). */
export function startClock<S>(inner: S): TimeLimitedState<S> {
  return { inner, elapsed: 0 };
}

/** Whether `env` is a time-limited wrapper. */
export function isTimeLimited<O, A>(env: Env<unknown, O, A>): env is TimeLimitedEnv<unknown, O, A> {
  const candidate = env as Partial<TimeLimitedEnv<unknown, O, A>>;
  return typeof candidate.maxSteps === 'number' && typeof candidate.inner === 'object' && candidate.inner !== null;
}

/** The bare env under every layer of time limits. */
export function unwrapEnv<O, A>(env: Env<unknown, O, A>): Env<unknown, O, A> {
  let current = env;
  while (isTimeLimited(current)) current = current.inner;
  return current;
}
