/**
 * The compare page's worker protocol: WorkerPool's messages (worker-pool.ts) with these payloads.
 *
 *   start {taskId, payload: CompareTaskPayload}     -> progress {taskId, data: CompareProgress}
 *   pause / resume (every task the worker runs)        (at most PROGRESS_INTERVAL_MS apart)
 *   stop {taskId}                                    -> done {taskId, result: TaskResult}
 *                                                    -> failed {taskId, message}
 *
 * Plain data both ways. A progress carries the curve so far and, for the task the page draws, a
 * small view of its world (CompareView): the gridworld learner's cell, values and greedy-or-
 * exploring policy; for deep agents the first env copy's world (the penguin's cell, the cart, or
 * the game's planes) and the latest return. No tfjs here.
 */
import type { CartPoleState } from '../../../environments/classic/cartpole';
import type { Experiment } from '../../../agents/runner/experiment/spec';
import type { TaskProgress, TaskResult } from '../../../agents/runner/experiment/task';
import type { FromPoolWorker, ToPoolWorker } from './worker-pool';

export interface CompareTaskPayload {
  /** The whole (checked) experiment: the worker checks it again and builds task (configIndex, seedIndex). */
  readonly experiment: Experiment;
  readonly configIndex: number;
  readonly seedIndex: number;
}

/** What a small multiple draws of a running task. */
export type CompareView =
  | {
      readonly kind: 'grid';
      /** The penguin's cell. */
      readonly state: number;
      /** max_a q(s, a) per cell. */
      readonly values: readonly number[];
      /** pi(a|s), nS * nA row-major. */
      readonly policy: readonly number[];
      readonly nS: number;
      readonly nA: number;
    }
  | {
      /** A deep agent's run: its first env copy's world now, and its latest return. */
      readonly kind: 'deep';
      /** The return of the latest finished episode (any copy), or null before one ends. */
      readonly lastReturn: number | null;
      /** On a gridworld: the penguin's cell. */
      readonly cell: number | null;
      /** On CartPole: the cart and pole. */
      readonly cart: CartPoleState | null;
      /** On an arcade game: the observed planes (height x width x channels, channels last). */
      readonly planes: readonly number[] | null;
    };

export interface CompareProgress {
  readonly progress: TaskProgress;
  readonly view: CompareView | null;
  /** The TensorFlow.js backend a deep task runs on; null for tabular tasks. */
  readonly backend: string | null;
}

export type ToCompareWorker = ToPoolWorker<CompareTaskPayload>;
export type FromCompareWorker = FromPoolWorker<CompareProgress, TaskResult>;

/** At most five progress messages a second per worker: enough to watch, cheap for the page. */
export const PROGRESS_INTERVAL_MS = 200;
/** Work per timer tick, as in train.worker.ts: short enough to answer pause and stop at once. */
export const CHUNK_MS = 12;

function isCartState(value: unknown): value is CartPoleState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['x', 'xDot', 'theta', 'thetaDot'].every((key) => typeof v[key] === 'number');
}

/** The small view of a session snapshot (a LearnerSnapshot or a VectorSnapshot); null for anything else. */
export function viewOf(snapshot: unknown): CompareView | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const s = snapshot as Record<string, unknown>;
  if (s.kind === 'learner' && typeof s.state === 'number' && Array.isArray(s.values) && Array.isArray(s.policy)) {
    return { kind: 'grid', state: s.state, values: s.values as number[], policy: s.policy as number[], nS: Number(s.nS), nA: Number(s.nA) };
  }
  if (s.kind === 'vector' && Array.isArray(s.episodeReturns)) {
    const returns = s.episodeReturns as number[];
    const first = Array.isArray(s.states) ? (s.states[0] as unknown) : undefined;
    // A copy's state is a cell, a cart or a game, maybe inside the time limit's { inner, elapsed }.
    const inner = typeof first === 'object' && first !== null && 'inner' in first ? (first as { inner: unknown }).inner : first;
    const cell = typeof inner === 'number' ? inner : null;
    const cart = isCartState(inner) ? { x: inner.x, xDot: inner.xDot, theta: inner.theta, thetaDot: inner.thetaDot } : null;
    const observation = s.firstObservation;
    const planes = cell === null && cart === null && (observation instanceof Float32Array || Array.isArray(observation)) ? Array.from(observation as ArrayLike<number>) : null;
    return { kind: 'deep', lastReturn: returns.length > 0 ? returns[returns.length - 1] : null, cell, cart, planes };
  }
  return null;
}
