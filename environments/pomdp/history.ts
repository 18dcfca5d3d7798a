/**
 * The history wrapper: a short memory for memoryless agents in partially observed worlds.
 *
 * Description: the observation becomes the last k observations of the wrapped env, side by side,
 * oldest first, optionally followed by a one-hot of the previous action. An agent that acts on
 * one observation at a time (a feedforward policy, a DQN) then sees a window of its recent past,
 * which is often enough to tell apart two states that look the same now (the aliased states of
 * fig 19.4) but were reached differently. It is the vector-observation cousin of the arcade frame
 * stack (environments/arcade/frame-stack.ts); recurrent agents (agents/deep/recurrent/) learn a
 * memory instead of being given a fixed window.
 *
 * Observations: a Float32Array of k * d numbers (+ nA with `previousAction`), where d is the
 * size of one wrapped observation: the flattened box for box spaces, n for a discrete space (the
 * integer observation is one-hot encoded). Slot f (numbers f*d .. f*d + d - 1) holds the
 * observation of k - 1 - f steps ago, so slot k - 1 is the current one. Slots before the
 * episode's start are zeros (not copies of the first observation, unlike the frame stack): the
 * agent can then tell "nothing seen yet" from "the same thing seen twice". The previous-action
 * block is the one-hot of the action that led to the current observation, all zeros at reset.
 * Observation space: box([k * d (+ nA)]) with its bounds widened to include 0 (and 1 with the
 * action block).
 *
 * Actions, rewards, episode end, info: those of the wrapped env, unchanged; `truncated` still
 * comes only from a time-limit wrapper (inside or outside this one).
 *
 * Params: k (>= 1: k = 1 with `previousAction` gives the common "observation + last action"
 * input), previousAction (needs a discrete action space).
 *
 * Pure like every env: the window lives in the state (`frames`, oldest first, and
 * `previousAction`), so snapshots and replays carry it and the same (state, action, rng) always
 * gives the same result. Frames are copied in once and then shared between consecutive states,
 * never written again.
 *
 * Version history: v0, issue 7 section 1.
 */
import type { Rng } from '../core/rng';
import { box } from '../core/spaces';
import type { Env, StepResult } from '../core/types';

export interface HistoryOptions {
  /** Observations kept, the current one included (a positive integer). */
  readonly k: number;
  /** Append a one-hot of the previous action (discrete action spaces only). Default false. */
  readonly previousAction?: boolean;
}

/** The wrapped env's state plus the window. Plain data. */
export interface HistoryState<S> {
  readonly inner: S;
  /** The last k observations as d numbers each, oldest first; zeros before the episode's start. */
  readonly frames: readonly Float32Array[];
  /** The action that led to the current observation; null at the episode's start (always null without `previousAction`). */
  readonly previousAction: number | null;
}

export interface HistoryEnv<S, O, A> extends Env<HistoryState<S>, Float32Array, A> {
  readonly inner: Env<S, O, A>;
  readonly k: number;
  /** Numbers per wrapped observation (d). */
  readonly frameSize: number;
  /** Actions in the one-hot block, 0 without `previousAction`. */
  readonly actionSize: number;
  observe(state: HistoryState<S>): Float32Array;
}

/** The window as one observation: the k frames one after the other, then the action one-hot. */
export function historyObservation(frames: readonly Float32Array[], previousAction: number | null, actionSize: number): Float32Array {
  const frameSize = frames.length > 0 ? frames[0].length : 0;
  const out = new Float32Array(frames.length * frameSize + actionSize);
  frames.forEach((frame, f) => out.set(frame, f * frameSize));
  if (actionSize > 0 && previousAction !== null) out[frames.length * frameSize + previousAction] = 1;
  return out;
}

export function withHistory<S, O, A>(env: Env<S, O, A>, options: HistoryOptions): HistoryEnv<S, O, A> {
  if (typeof options !== 'object' || options === null) throw new Error(`withHistory: options must be an object with k, got ${JSON.stringify(options)}`);
  const { k } = options;
  const previousAction = options.previousAction ?? false;
  if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1)) throw new Error(`withHistory: k must be a positive integer, got ${JSON.stringify(k)}`);
  if (typeof previousAction !== 'boolean') throw new Error(`withHistory: previousAction must be true or false, got ${JSON.stringify(previousAction)}`);
  const space = env.observationSpace;
  const frameSize = space.kind === 'discrete' ? space.n : space.shape.reduce((a, b) => a * b, 1);
  let actionSize = 0;
  if (previousAction) {
    if (env.actionSpace.kind !== 'discrete') throw new Error(`withHistory: previousAction needs a discrete action space, got ${JSON.stringify(env.actionSpace)}`);
    actionSize = env.actionSpace.n;
  }
  // The zeros before the episode's start (and the one-hots) must lie inside the space.
  const low = space.kind === 'discrete' ? 0 : Math.min(space.low, 0);
  const high = space.kind === 'discrete' ? 1 : Math.max(space.high, actionSize > 0 ? 1 : 0);

  /** One wrapped observation as d numbers: a copy (the inner env owns its array and might reuse it). */
  const toFrame = (obs: O): Float32Array => {
    if (space.kind === 'discrete') {
      if (typeof obs !== 'number' || !Number.isInteger(obs) || obs < 0 || obs >= frameSize) {
        throw new Error(`withHistory: observation must be an integer in [0, ${frameSize}), got ${JSON.stringify(obs)}`);
      }
      const frame = new Float32Array(frameSize);
      frame[obs] = 1;
      return frame;
    }
    const values = obs as unknown as ArrayLike<number>;
    if (values === null || typeof values !== 'object' || values.length !== frameSize) {
      throw new Error(`withHistory: observation must hold ${frameSize} numbers, got ${values !== null && typeof values === 'object' ? `${values.length}` : JSON.stringify(obs)}`);
    }
    return Float32Array.from(values);
  };
  const checkAction = (action: A): number | null => {
    if (actionSize === 0) return null;
    const a = action as unknown as number;
    if (!(typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < actionSize)) {
      throw new Error(`withHistory: action must be an integer in [0, ${actionSize}), got ${JSON.stringify(action)}`);
    }
    return a;
  };
  const observe = (state: HistoryState<S>) => historyObservation(state.frames, state.previousAction, actionSize);

  return {
    id: env.id,
    observationSpace: box([k * frameSize + actionSize], low, high),
    actionSpace: env.actionSpace,
    inner: env,
    k,
    frameSize,
    actionSize,
    reset(rng: Rng) {
      const first = env.reset(rng);
      // NOTE: zeros before the start, not copies of the first observation (see the doc block).
      const frames = [...Array.from({ length: k - 1 }, () => new Float32Array(frameSize)), toFrame(first.obs)];
      const state: HistoryState<S> = { inner: first.state, frames, previousAction: null };
      return { state, obs: observe(state) };
    },
    step(state: HistoryState<S>, action: A, rng: Rng): StepResult<HistoryState<S>, Float32Array> {
      const taken = checkAction(action);
      const result = env.step(state.inner, action, rng);
      const frames = [...state.frames.slice(1), toFrame(result.obs)];
      const next: HistoryState<S> = { inner: result.state, frames, previousAction: taken };
      return { ...result, state: next, obs: observe(next) };
    },
    observe,
  };
}
