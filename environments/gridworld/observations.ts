/**
 * Gridworld observations for deep agents: the same world, the same states and the same dynamics,
 * seen as a cell index, a one-hot vector or (row, col) coordinates, so tabular and deep agents
 * can be compared on one world (issue 4, section 3).
 *
 * - `index`: the cell index 0..nS-1, row-major from the top left, unchanged; discrete(nS).
 * - `one-hot`: Float32Array(nS) with a 1 at the cell; box([nS], 0, 1).
 * - `coordinates`: Float32Array [row / (rows - 1), col / (cols - 1)], each in [0, 1]; a side with
 *   a single cell gives 0; box([2], 0, 1). Neighbouring cells get neighbouring inputs, so a
 *   network can generalise across the grid (and cannot tell two worlds' cells apart by index).
 *
 * The wrapper changes observations only: states, rewards, flags and info pass through, so the
 * exact model (`model`) still describes the wrapped env, and a time-limited env stays
 * time-limited (its `inner` is wrapped the same way, so unwrapping keeps the observation kind).
 * Every observation is a fresh array: agents may keep it in a replay buffer.
 */
import type { Rng } from '../core/rng';
import { box, discrete, type Space } from '../core/spaces';
import { isTimeLimited, type TimeLimitedEnv, type TimeLimitedState } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';
import type { GridEnv, TimeLimitedGridEnv } from './env';
import type { GridModel } from './model';

export type GridObservationKind = 'index' | 'one-hot' | 'coordinates';
export const GRID_OBSERVATION_KINDS: readonly GridObservationKind[] = ['index', 'one-hot', 'coordinates'];

/** What an observation of each kind is. */
export type GridObservation<K extends GridObservationKind> = K extends 'index' ? number : Float32Array;

/** What the wrapper adds to any env it wraps. */
interface ObservedExtras {
  readonly observationKind: GridObservationKind;
}

/** A bare gridworld env seen through another observation. */
export interface ObservedGridEnv<O> extends Env<number, O, number>, ObservedExtras {
  readonly model: GridModel;
  resetAt(cell: number): { state: number; obs: O };
}

/** A time-limited gridworld env (makeGridworld's) seen through another observation. */
export interface ObservedTimeLimitedGridEnv<O> extends TimeLimitedEnv<number, O, number>, ObservedExtras {
  readonly model: GridModel;
  readonly inner: ObservedGridEnv<O>;
  resetAt(cell: number): { state: TimeLimitedState<number>; obs: O };
}

/** Any env with cell-index observations, seen through another observation. */
export interface ObservedEnv<S, O> extends Env<S, O, number>, ObservedExtras {
  readonly model?: GridModel;
  resetAt?(cell: number): { state: S; obs: O };
}

/** The observation space of a kind. */
export function gridObservationSpace(model: GridModel, kind: GridObservationKind): Space {
  checkKind(kind);
  if (kind === 'one-hot') return box([model.nS], 0, 1);
  if (kind === 'coordinates') return box([2], 0, 1);
  return discrete(model.nS);
}

/**
 * The encoder of a kind: cell index -> observation. Also what a page uses to ask a network about
 * every cell (values and policy drawn for the whole grid).
 */
export function gridObservation<K extends GridObservationKind>(model: GridModel, kind: K): (cell: number) => GridObservation<K>;
export function gridObservation(model: GridModel, kind: GridObservationKind): (cell: number) => number | Float32Array {
  checkKind(kind);
  const { nS, rows, cols } = model;
  const check = (cell: number) => {
    if (!(Number.isInteger(cell) && cell >= 0 && cell < nS)) throw new Error(`gridworld observation needs a cell index in 0..${nS - 1}, got ${String(cell)}`);
  };
  if (kind === 'one-hot') {
    return (cell: number) => {
      check(cell);
      const obs = new Float32Array(nS);
      obs[cell] = 1;
      return obs;
    };
  }
  if (kind === 'coordinates') {
    // A side with one cell has nowhere to go: its coordinate is 0 rather than 0/0.
    const rowScale = rows > 1 ? 1 / (rows - 1) : 0;
    const colScale = cols > 1 ? 1 / (cols - 1) : 0;
    return (cell: number) => {
      check(cell);
      return Float32Array.of(Math.floor(cell / cols) * rowScale, (cell % cols) * colScale);
    };
  }
  return (cell: number) => {
    check(cell);
    return cell;
  };
}

export function withGridObservation<K extends GridObservationKind>(env: TimeLimitedGridEnv, model: GridModel, kind: K): ObservedTimeLimitedGridEnv<GridObservation<K>>;
export function withGridObservation<K extends GridObservationKind>(env: GridEnv, model: GridModel, kind: K): ObservedGridEnv<GridObservation<K>>;
export function withGridObservation<S, K extends GridObservationKind>(env: Env<S, number, number>, model: GridModel, kind: K): ObservedEnv<S, GridObservation<K>>;
export function withGridObservation<S>(env: Env<S, number, number>, model: GridModel, kind: GridObservationKind): ObservedEnv<S, number | Float32Array> {
  checkKind(kind);
  const space = env.observationSpace;
  if (space.kind !== 'discrete' || space.n !== model.nS) {
    const seen = space.kind === 'discrete' ? `discrete(${space.n})` : `box([${space.shape.join(', ')}])`;
    throw new Error(`withGridObservation needs an env whose observations are cell indices, discrete(${model.nS}) for this ${model.rows}x${model.cols} model; got ${seen}`);
  }
  const encode = gridObservation(model, kind);
  const source = env as Env<S, number, number> & Partial<{ model: GridModel; resetAt(cell: number): { state: S; obs: number } }>;

  const wrapped: ObservedEnv<S, number | Float32Array> = {
    id: env.id,
    observationSpace: gridObservationSpace(model, kind),
    actionSpace: env.actionSpace,
    observationKind: kind,
    reset(rng: Rng) {
      const first = env.reset(rng);
      return { state: first.state, obs: encode(first.obs) };
    },
    step(state: S, action: number, rng: Rng): StepResult<S, number | Float32Array> {
      const result = env.step(state, action, rng);
      return { ...result, obs: encode(result.obs) };
    },
  };
  const extras: Record<string, unknown> = {};
  const observe = env.observe;
  if (observe) extras.observe = (state: S, rng: Rng) => encode(observe.call(env, state, rng));
  if (source.model !== undefined) extras.model = source.model;
  const resetAt = source.resetAt;
  if (resetAt) {
    extras.resetAt = (cell: number) => {
      const start = resetAt.call(env, cell);
      return { state: start.state, obs: encode(start.obs) };
    };
  }
  if (isTimeLimited(env)) {
    const limited = env as unknown as TimeLimitedEnv<unknown, number, number>;
    extras.maxSteps = limited.maxSteps;
    // NOTE: wrap the inner env too, so unwrapEnv() and `.inner` see the same observations.
    extras.inner = withGridObservation(limited.inner, model, kind);
  }
  return { ...wrapped, ...extras };
}

function checkKind(kind: GridObservationKind): void {
  if (!GRID_OBSERVATION_KINDS.includes(kind)) {
    throw new Error(`gridworld observation kind must be one of ${GRID_OBSERVATION_KINDS.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(kind)}`);
  }
}
