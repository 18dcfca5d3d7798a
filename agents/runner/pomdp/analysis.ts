/**
 * The numbers of section 19.5 for a POMDP world, computed exactly once per world (and kept in a
 * small cache, since the worker rebuilds its session at every reset):
 *
 * - fullState: the optimal expected discounted return from the start when the penguin sees its
 *   cell (policy iteration on the world's exact model; environments/pomdp/memoryless.ts);
 * - bestDeterministic: the best policy that maps each view to one action, found by evaluating
 *   every one of them exactly (nA^k for the k views where the action matters);
 * - bestStochastic: the best policy that maps each view to a distribution over actions, found by
 *   coordinate ascent from three starting policies (see `searchStochastic`). The value of a stochastic
 *   memoryless policy is not concave in its probabilities, so the search finds a local optimum:
 *   a policy worth at least this much exists, and on fig 19.4 it is the optimum (right with
 *   probability 0.243 in the aliased view, 1.7849).
 *
 * Each needs a noiseless observer (with noise a cell shows many views) and gamma < 1, and is
 * skipped, with a note saying why, when it would cost more than a second or so.
 */
import type { GridModel } from '../../../environments/gridworld';
import {
  bestDeterministicMemoryless,
  decisionObservations,
  evaluateMemoryless,
  fullStateOptimalValues,
  memorylessProblem,
  MAX_DETERMINISTIC_POLICIES,
  type MemorylessPolicy,
  type MemorylessProblem,
} from '../../../environments/pomdp/memoryless';
import type { PomdpWorld } from './world';

/** Plain data: the page shows these numbers as they are. */
export interface MemorylessNumbers {
  /** The world's gamma, the discount of every value here. */
  readonly gamma: number;
  /** Optimal start value with the full state; null when not computed (see `notes`). */
  readonly fullState: number | null;
  /** The best deterministic memoryless policy: its start value and its action per view id. */
  readonly bestDeterministic: { readonly value: number; readonly actions: readonly number[] } | null;
  /** The best stochastic memoryless policy the search found: its start value and pi[view][action]. */
  readonly bestStochastic: { readonly value: number; readonly policy: readonly (readonly number[])[] } | null;
  /** Why a number is missing, one sentence each. */
  readonly notes: readonly string[];
}

export interface MemorylessAnalysis {
  readonly numbers: MemorylessNumbers;
  /** The exact evaluation problem (noiseless worlds with gamma < 1), for the policy being learned; else null. */
  readonly problem: MemorylessProblem | null;
}

/** About a second of Gaussian elimination: roughly n^3 / 3 operations per evaluation. */
const WORK_BUDGET = 3e9;
/** The full-state optimum is a few exact evaluations of all nS states. */
const FULL_STATE_MAX_CELLS = 400;
const CACHE_SIZE = 8;

const cache = new Map<string, MemorylessAnalysis>();

/** The analysis of `world` (cached by spec and window). */
export function analyseMemoryless(world: PomdpWorld): MemorylessAnalysis {
  const key = JSON.stringify([world.spec, world.observation]);
  const hit = cache.get(key);
  if (hit) return hit;
  const analysis = compute(world);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, analysis);
  return analysis;
}

function liveStates(model: GridModel): number {
  let live = 0;
  for (let s = 0; s < model.nS; s++) if (!model.terminal(s)) live++;
  return live;
}

function compute(world: PomdpWorld): MemorylessAnalysis {
  const { model, observer, spec } = world;
  const gamma = spec.gamma;
  const notes: string[] = [];
  if (!(gamma < 1)) {
    notes.push(`gamma is ${gamma}: with gamma = 1 a policy that never ends has no finite value, so nothing is computed exactly`);
    return { numbers: { gamma, fullState: null, bestDeterministic: null, bestStochastic: null, notes }, problem: null };
  }
  const start = (values: Float64Array) => model.starts.reduce((sum, s) => sum + values[s], 0) / model.starts.length;
  let fullState: number | null = null;
  let fullStateValues: Float64Array | null = null;
  if (model.nS <= FULL_STATE_MAX_CELLS) {
    fullStateValues = fullStateOptimalValues(model, gamma);
    fullState = start(fullStateValues);
  }
  else notes.push(`the full-state optimum is computed for worlds of at most ${FULL_STATE_MAX_CELLS} cells; this one has ${model.nS}`);
  if (observer.config.noise > 0) {
    notes.push('with noise a cell shows many views, so memoryless policies are not evaluated exactly');
    return { numbers: { gamma, fullState, bestDeterministic: null, bestStochastic: null, notes }, problem: null };
  }
  const problem = memorylessProblem(observer);
  const n = liveStates(model);
  const perEvaluation = Math.max(1, n ** 3 / 3);
  const decisions = decisionObservations(problem);
  const count = model.nA ** decisions.length;
  let bestDeterministic: MemorylessNumbers['bestDeterministic'] = null;
  let bestStochastic: MemorylessNumbers['bestStochastic'] = null;
  if (count > MAX_DETERMINISTIC_POLICIES || count * perEvaluation > WORK_BUDGET) {
    notes.push(`the best deterministic memoryless policy would take evaluating ${model.nA}^${decisions.length} policies; too many here`);
  } else {
    const search = bestDeterministicMemoryless(problem);
    bestDeterministic = { value: search.best.startValue, actions: Array.from(search.best.actions) };
    const found = bestStochasticSearch(problem, decisions, search.best.actions, fullStateValues, perEvaluation);
    if (found) bestStochastic = found;
    else notes.push('the search for the best stochastic memoryless policy would take too long on this world');
  }
  return { numbers: { gamma, fullState, bestDeterministic, bestStochastic, notes }, problem };
}

/** One line search: a coarse grid, then golden-section steps around its best point. */
const GRID_POINTS = 11;
const GOLDEN_STEPS = 24;
const MAX_SWEEPS = 30;

/** The starting points of the search: the best deterministic policy, each view's full-state best action on average over its cells, and the uniform policy. */
function searchStarts(problem: MemorylessProblem, deterministic: ArrayLike<number>, fullStateValues: Float64Array | null): number[][][] {
  const { model, gamma, nObservations, observationOf } = problem;
  const { nA } = model;
  const oneHot = (a: number): number[] => Array.from({ length: nA }, (_, b) => (b === a ? 1 : 0));
  const starts = [Array.from({ length: nObservations }, (_, o) => oneHot(deterministic[o]))];
  if (fullStateValues) {
    const meanQ = Array.from({ length: nObservations }, () => new Float64Array(nA));
    for (let s = 0; s < model.nS; s++) {
      const o = observationOf[s];
      if (o < 0 || model.terminal(s)) continue;
      for (let a = 0; a < nA; a++) meanQ[o][a] += model.r(s, a) + gamma * model.P(s, a).reduce((sum, t) => sum + t.prob * fullStateValues[t.next], 0);
    }
    starts.push(meanQ.map((q) => oneHot(q.indexOf(Math.max(...q)))));
  }
  starts.push(Array.from({ length: nObservations }, () => new Array<number>(nA).fill(1 / nA)));
  return starts;
}

/**
 * The best of `searchStochastic` from each of `searchStarts`. Coordinate ascent from one start
 * alone can stall: from the best deterministic policy of fig 19.4, mixing in 'right' in the
 * aliased view first loses (its policy in the hole's view, never visited, may keep the penguin in
 * the hole), and fixing the hole's view alone gains nothing.
 */
function bestStochasticSearch(problem: MemorylessProblem, decisions: readonly number[], deterministic: ArrayLike<number>, fullStateValues: Float64Array | null, perEvaluation: number): { value: number; policy: number[][] } | null {
  let best: { value: number; policy: number[][] } | null = null;
  for (const start of searchStarts(problem, deterministic, fullStateValues)) {
    const found = searchStochastic(problem, decisions, start, perEvaluation);
    if (found === null) return null;
    if (best === null || found.value > best.value) best = found;
  }
  return best;
}

/**
 * Coordinate ascent on the policy's rows from `start`: for each view where the action matters and
 * each action a, move that view's row along the segment towards always-a, p + t (e_a - p) with t
 * in [0, 1], to the best t (a grid of 11 points, then golden-section refinement between the grid
 * points around the best, when the grid or a small first step gains); repeat the sweeps until one
 * gains less than 1e-12. Every step keeps the start value or raises it. Null when it would cost
 * more than the work budget.
 */
export function searchStochastic(problem: MemorylessProblem, decisions: readonly number[], start: readonly (readonly number[])[], perEvaluation: number): { value: number; policy: number[][] } | null {
  const { nA } = problem.model;
  const perSweep = decisions.length * nA * (GRID_POINTS + GOLDEN_STEPS + 1);
  if (perSweep * MAX_SWEEPS * perEvaluation > WORK_BUDGET) return null;
  const policy: number[][] = start.map((row) => [...row]);
  const valueOf = (candidate: MemorylessPolicy) => evaluateMemoryless(problem, candidate).startValue;
  let value = valueOf(policy);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const before = value;
    for (const o of decisions) {
      for (let a = 0; a < nA; a++) {
        const row = policy[o];
        if (row[a] === 1) continue;
        const along = (t: number) => row.map((p, b) => (1 - t) * p + (b === a ? t : 0));
        const at = (t: number) => {
          policy[o] = along(t);
          const v = valueOf(policy);
          policy[o] = row;
          return v;
        };
        let bestT = 0;
        let bestValue = value;
        for (let i = 1; i < GRID_POINTS; i++) {
          const t = i / (GRID_POINTS - 1);
          const v = at(t);
          if (v > bestValue) [bestT, bestValue] = [t, v];
        }
        const width = 1 / (GRID_POINTS - 1);
        // Refine only where there is something to gain: the grid found it, or a small step does.
        if (bestT > 0 || at(width / 10) > value) {
          let lo = Math.max(0, bestT - width);
          let hi = Math.min(1, bestT + width);
          const ratio = (Math.sqrt(5) - 1) / 2;
          let x1 = hi - ratio * (hi - lo);
          let x2 = lo + ratio * (hi - lo);
          let f1 = at(x1);
          let f2 = at(x2);
          for (let k = 0; k < GOLDEN_STEPS; k++) {
            if (f1 >= f2) {
              hi = x2;
              [x2, f2] = [x1, f1];
              x1 = hi - ratio * (hi - lo);
              f1 = at(x1);
            } else {
              lo = x1;
              [x1, f1] = [x2, f2];
              x2 = lo + ratio * (hi - lo);
              f2 = at(x2);
            }
            if (f1 > bestValue) [bestT, bestValue] = [x1, f1];
            if (f2 > bestValue) [bestT, bestValue] = [x2, f2];
          }
        }
        // NOTE: only a strict gain moves the row, so the value never falls.
        if (bestValue > value) {
          policy[o] = along(bestT);
          value = bestValue;
        }
      }
    }
    if (value - before < 1e-12) break;
  }
  return { value, policy };
}
