/**
 * The frame-stack wrapper: the observation becomes the last k observations' planes side by side,
 * so an agent can see motion that a single frame hides (Mnih et al. 2015 stack 4 Atari frames).
 *
 * Works on any env whose observation is a Float32Array of height x width x C planes (observation
 * space box([height, width, C])), i.e. every arcade game. The stacked observation has k*C
 * channels, channels last: channel f*C + c of a cell is channel c of frame f, with frame 0 the
 * OLDEST and frame k-1 the newest (the current observation). Reset fills all k frames with copies
 * of the first observation, so the stack is full from the first step.
 *
 * Pure like every env: the last k frames live in the state (`frames`, oldest first), so snapshots
 * and replays carry them and the same (state, action, rng) always gives the same result. Frames
 * are copied in once and then shared between consecutive states, never written again. Rewards, end flags and
 * info pass through unchanged; `truncated` still comes only from a time-limit wrapper.
 */
import type { Rng } from '../core/rng';
import { box } from '../core/spaces';
import type { Env, StepResult } from '../core/types';
import type { PlanesShape } from './arcade-env';

export interface FrameStackState<S> {
  readonly inner: S;
  /** The last k observations of the wrapped env, oldest first. */
  readonly frames: readonly Float32Array[];
}

export interface FrameStackEnv<S, A> extends Env<FrameStackState<S>, Float32Array, A> {
  readonly inner: Env<S, Float32Array, A>;
  /** Frames stacked. */
  readonly k: number;
  /** The stacked planes: the inner height and width, k times the channels. */
  readonly planes: PlanesShape;
  observe(state: FrameStackState<S>): Float32Array;
}

/** The k frames, interleaved cell by cell into one channels-last array. */
export function stackFrames(frames: readonly Float32Array[], channels: number): Float32Array {
  const k = frames.length;
  const cells = frames[0].length / channels;
  const out = new Float32Array(cells * k * channels);
  for (let f = 0; f < k; f++) {
    const frame = frames[f];
    for (let cell = 0; cell < cells; cell++) {
      const from = cell * channels;
      const to = cell * k * channels + f * channels;
      for (let c = 0; c < channels; c++) out[to + c] = frame[from + c];
    }
  }
  return out;
}

export function withFrameStack<S, A>(env: Env<S, Float32Array, A>, k: number): FrameStackEnv<S, A> {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`withFrameStack needs a positive integer k, got ${k}`);
  const space = env.observationSpace;
  if (space.kind !== 'box' || space.shape.length !== 3) {
    throw new Error(`withFrameStack needs planes: an observation space box([height, width, channels]), got ${JSON.stringify(space)}`);
  }
  const [height, width, channels] = space.shape;
  const planes: PlanesShape = Object.freeze({ height, width, channels: k * channels });
  const observe = (state: FrameStackState<S>) => stackFrames(state.frames, channels);

  return {
    id: env.id,
    observationSpace: box([height, width, k * channels], space.low, space.high),
    actionSpace: env.actionSpace,
    inner: env,
    k,
    planes,
    reset(rng: Rng) {
      const first = env.reset(rng);
      // Copies, so no frame is the same array twice (a consumer writing one cannot change another).
      const frames = Array.from({ length: k }, () => first.obs.slice());
      return { state: { inner: first.state, frames }, obs: stackFrames(frames, channels) };
    },
    step(state: FrameStackState<S>, action: A, rng: Rng): StepResult<FrameStackState<S>, Float32Array> {
      const result = env.step(state.inner, action, rng);
      // A copy: the inner env owns its observation array and might reuse it.
      const frames = [...state.frames.slice(1), result.obs.slice()];
      return { ...result, state: { inner: result.state, frames }, obs: stackFrames(frames, channels) };
    },
    observe,
  };
}
