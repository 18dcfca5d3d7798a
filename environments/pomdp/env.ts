/**
 * A gridworld seen through a POMDP observation function (observation.ts): the same world, the
 * same states (cells), rewards, end flags and info, but the agent gets only the window around
 * the penguin. The exact model (`model`) still describes the states, and `observer` gives
 * O(o | s), so belief filters and exact analyses (belief.ts, memoryless.ts) use the same numbers
 * as the simulator.
 *
 * Description: the wrapped gridworld (see environments/gridworld/env.ts).
 * Actions: the wrapped gridworld's.
 * Observations: `encoding` 'vector' (default): the observer's Float32Array, box([vectorLength],
 *   0, 1), for deep agents. 'id': the observer's tabular id (nearest noiseless observation),
 *   discrete(nIds). Every observation is a fresh value.
 * Rewards, episode end, info: unchanged. A time-limited env stays time-limited with the same
 *   `maxSteps` (its `inner` is the wrapped bare env, so unwrapping keeps the observation).
 * Randomness: the world draws exactly what it draws without the wrapper. Observation noise comes
 *   from a SEPARATE stream derived from the env rng's state after the world's draws (its state
 *   hashed into a fresh seed; the env rng itself is not advanced). So adding noise, or changing
 *   its level, leaves every state, reward and flag of a seeded run unchanged, and
 *   `observe(state, rng)` called right after a step returns that step's observation.
 * Version history: v1.
 */
import { createRng, type Rng } from '../core/rng';
import { isTimeLimited, startClock, withTimeLimit, type TimeLimitedEnv, type TimeLimitedState } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';
import { makeGridworld, type GridEnv, type GridModel, type GridworldSpec, type TimeLimitedGridEnv } from '../gridworld/index';
import { pomdpObserver, type PomdpObservationConfig, type PomdpObserver } from './observation';

export type PomdpEncoding = 'vector' | 'id';
export const POMDP_ENCODINGS: readonly PomdpEncoding[] = ['vector', 'id'];

/** What an observation of each encoding is. */
export type PomdpObservation<E extends PomdpEncoding> = E extends 'id' ? number : Float32Array;

export interface PomdpEnvOptions<E extends PomdpEncoding> {
  /** Default 'vector'. */
  readonly encoding?: E;
  /** Env id; default the wrapped env's. The registry passes `pomdp/<presetId>`. */
  readonly id?: string;
}

interface PomdpExtras<E extends PomdpEncoding> {
  readonly model: GridModel;
  readonly observer: PomdpObserver;
  readonly encoding: E;
}

/** A bare gridworld seen through a window. */
export interface PomdpGridEnv<E extends PomdpEncoding = 'vector'> extends Env<number, PomdpObservation<E>, number>, PomdpExtras<E> {
  observe(state: number, rng: Rng): PomdpObservation<E>;
  /** Start in a chosen cell; `rng` draws the observation noise (needed only when noise > 0). */
  resetAt(cell: number, rng?: Rng): { state: number; obs: PomdpObservation<E> };
}

/** A time-limited gridworld (makeGridworld's) seen through a window. */
export interface TimeLimitedPomdpGridEnv<E extends PomdpEncoding = 'vector'> extends TimeLimitedEnv<number, PomdpObservation<E>, number>, PomdpExtras<E> {
  readonly inner: PomdpGridEnv<E>;
  observe(state: TimeLimitedState<number>, rng: Rng): PomdpObservation<E>;
  resetAt(cell: number, rng?: Rng): { state: TimeLimitedState<number>; obs: PomdpObservation<E> };
}

/**
 * The observation-noise stream of the moment: a fresh generator seeded from the env rng's state,
 * which is read and never advanced, so the world's own sequence of draws is untouched.
 */
export function observationNoiseRng(rng: Rng): Rng {
  const s = rng.state();
  return createRng(`${s.c}/${s.s0}/${s.s1}/${s.s2}/observation-noise`);
}

export function withPomdpObservation<E extends PomdpEncoding = 'vector'>(env: TimeLimitedGridEnv, config?: PomdpObservationConfig, options?: PomdpEnvOptions<E>): TimeLimitedPomdpGridEnv<E>;
export function withPomdpObservation<E extends PomdpEncoding = 'vector'>(env: GridEnv, config?: PomdpObservationConfig, options?: PomdpEnvOptions<E>): PomdpGridEnv<E>;
export function withPomdpObservation(
  env: GridEnv | TimeLimitedGridEnv,
  config: PomdpObservationConfig = {},
  options: PomdpEnvOptions<PomdpEncoding> = {},
): PomdpGridEnv<PomdpEncoding> | TimeLimitedPomdpGridEnv<PomdpEncoding> {
  const encoding = options.encoding ?? 'vector';
  if (!POMDP_ENCODINGS.includes(encoding)) {
    throw new Error(`pomdp encoding must be one of ${POMDP_ENCODINGS.map((e) => `'${e}'`).join(', ')}, got ${JSON.stringify(encoding)}`);
  }
  if (isTimeLimited(env)) {
    const limited = env as TimeLimitedGridEnv;
    // NOTE: wrap the bare env and put the same clock back on, so `inner`, unwrapEnv() and
    // observe() all see the window, and truncation still comes only from withTimeLimit.
    const inner = bareWrapper(limited.inner, config, encoding, options.id ?? limited.id);
    const relimited = withTimeLimit(inner, limited.maxSteps);
    return {
      ...relimited,
      inner,
      model: inner.model,
      observer: inner.observer,
      encoding,
      observe: (state: TimeLimitedState<number>, rng: Rng) => inner.observe(state.inner, rng),
      resetAt(cell: number, rng?: Rng) {
        const start = inner.resetAt(cell, rng);
        return { state: startClock(start.state), obs: start.obs };
      },
    };
  }
  return bareWrapper(env as GridEnv, config, encoding, options.id ?? env.id);
}

function bareWrapper(env: GridEnv, config: PomdpObservationConfig, encoding: PomdpEncoding, id: string): PomdpGridEnv<PomdpEncoding> {
  const observer = pomdpObserver(env.model, config);
  const noisy = observer.config.noise > 0;
  const toObs = (cell: number, rng: Rng | undefined): number | Float32Array => {
    let obs: Float32Array;
    if (noisy) {
      if (!rng) throw new Error('pomdp observation noise needs an rng: pass one to resetAt(cell, rng)');
      obs = observer.sample(cell, observationNoiseRng(rng));
    } else {
      obs = observer.vector(cell);
    }
    return encoding === 'id' ? observer.id(obs) : obs;
  };
  return {
    id,
    observationSpace: encoding === 'id' ? observer.idSpace : observer.vectorSpace,
    actionSpace: env.actionSpace,
    model: env.model,
    observer,
    encoding,
    reset(rng: Rng) {
      const first = env.reset(rng);
      return { state: first.state, obs: toObs(first.state, rng) };
    },
    step(state: number, action: number, rng: Rng): StepResult<number, number | Float32Array> {
      // NOTE: the world draws first, from the caller's rng as it would unwrapped; the noise
      // stream is derived afterwards and never advances that rng.
      const result = env.step(state, action, rng);
      return { ...result, obs: toObs(result.state, rng) };
    },
    observe: (state: number, rng: Rng) => toObs(state, rng),
    resetAt(cell: number, rng?: Rng) {
      const start = env.resetAt(cell);
      return { state: start.state, obs: toObs(start.state, rng) };
    },
  } as PomdpGridEnv<PomdpEncoding>;
}

/** A gridworld spec (or model) with its time limit, seen through a window: makeGridworld + withPomdpObservation. */
export function makePomdpGridworld<E extends PomdpEncoding = 'vector'>(
  specOrModel: GridworldSpec | GridModel,
  config: PomdpObservationConfig = {},
  options: PomdpEnvOptions<E> = {},
): TimeLimitedPomdpGridEnv<E> {
  return withPomdpObservation(makeGridworld(specOrModel, options.id === undefined ? {} : { id: options.id }), config, options);
}
