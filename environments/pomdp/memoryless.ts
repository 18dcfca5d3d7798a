/**
 * Exact analysis of memoryless policies on small partially observed worlds (section 19.5).
 *
 * A memoryless policy chooses from the current observation only: pi(a | o). On a world with
 * noiseless observations each state s shows one observation o(s), so the policy acts in s with
 * pi(a | o(s)) and, with the world's exact model, its values solve the Bellman equation
 *   v(s) = sum_a pi(a | o(s)) [ r(s, a) + gamma sum_s' P(s' | s, a) v(s') ]
 * (no continuation from a terminal state: v(s) = sum_a pi(a | o(s)) r(s, a) there). That is one
 * small linear system, solved here by Gaussian elimination, so every number is exact up to
 * rounding. From that: evaluate any stochastic memoryless policy, enumerate every deterministic
 * one (nA^k of them over the k observations where the action can matter) and report the best,
 * and compare with what the full state allows (`fullStateOptimalValues`, by policy iteration).
 *
 * The point it makes: when two states look the same but need different actions, every
 * deterministic memoryless policy is wrong in one of them, and a stochastic one can do better
 * than all of them (the penguin of presets.ts 'fig-19-4'; Sutton and Barto's short corridor,
 * example 13.1). Environments import no agents code, so the few lines of evaluation live here.
 *
 * Limits: gamma < 1 (with gamma = 1 a memoryless policy that never ends has no finite value);
 * noiseless observations (with noise a state shows many observations and this module's o(s)
 * does not exist); at most MAX_DETERMINISTIC_POLICIES policies to enumerate.
 */
import type { TabularModel } from '../core/types';
import type { PomdpObserver } from './observation';

/** The most deterministic policies `bestDeterministicMemoryless` will enumerate. */
export const MAX_DETERMINISTIC_POLICIES = 4 ** 9;

export interface MemorylessProblem {
  readonly model: TabularModel;
  readonly gamma: number;
  /** The observation id each state shows; -1 for a state never occupied (it must be terminal). */
  readonly observationOf: Int32Array;
  readonly nObservations: number;
  /** The start distribution over states. */
  readonly start: Float64Array;
}

/** pi[o][a]: the probability of action a after observation o; each row sums to 1. */
export type MemorylessPolicy = readonly (readonly number[])[];

export interface MemorylessEvaluation {
  /** v(s) for every state (0 .. nS-1). */
  readonly values: Float64Array;
  /** sum_s start(s) v(s): the expected discounted return from the start distribution. */
  readonly startValue: number;
}

export interface DeterministicMemoryless extends MemorylessEvaluation {
  /** The action taken after each observation (0 for observations where it cannot matter). */
  readonly actions: Int32Array;
}

export interface DeterministicSearch {
  /** The deterministic memoryless policy with the highest start value (first found on ties). */
  readonly best: DeterministicMemoryless;
  /** How many policies were evaluated: nA^(decision observations). */
  readonly count: number;
  /** The observations whose action can change a value (the others were left at action 0). */
  readonly decisionObservations: readonly number[];
}

/**
 * The memoryless problem of a gridworld seen through a noiseless observer: its model, the
 * observer's id per cell (walls: -1), the spec's gamma (or `gamma`) and the uniform start.
 */
export function memorylessProblem(observer: PomdpObserver, options: { readonly gamma?: number } = {}): MemorylessProblem {
  if (observer.config.noise > 0) {
    throw new Error(`exact memoryless analysis needs noiseless observations (each state showing one observation); this observer has noise ${observer.config.noise}`);
  }
  const { model } = observer;
  const start = new Float64Array(model.nS);
  for (const cell of model.starts) start[cell] += 1 / model.starts.length;
  return checkMemorylessProblem({ model, gamma: options.gamma ?? model.spec.gamma, observationOf: Int32Array.from(observer.idOfCell), nObservations: observer.nIds, start });
}

/** Checks a hand-built problem; throws one precise message for the first thing wrong. */
export function checkMemorylessProblem(problem: MemorylessProblem): MemorylessProblem {
  const { model, gamma, observationOf, nObservations, start } = problem;
  if (!(typeof gamma === 'number' && gamma >= 0 && gamma < 1)) {
    throw new Error(`memoryless analysis needs gamma in [0, 1) (with gamma = 1 a policy that never ends has no finite value), got ${String(gamma)}`);
  }
  if (!(Number.isInteger(nObservations) && nObservations >= 1)) throw new Error(`memoryless nObservations must be a positive integer, got ${String(nObservations)}`);
  if (observationOf.length !== model.nS) throw new Error(`memoryless observationOf must have one entry per state (${model.nS}), got ${observationOf.length}`);
  if (start.length !== model.nS) throw new Error(`memoryless start must have one entry per state (${model.nS}), got ${start.length}`);
  let total = 0;
  for (let s = 0; s < model.nS; s++) {
    const o = observationOf[s];
    if (!(Number.isInteger(o) && o >= -1 && o < nObservations)) throw new Error(`memoryless observationOf[${s}] must be an id in 0..${nObservations - 1} or -1, got ${o}`);
    if (o === -1 && !model.terminal(s)) throw new Error(`memoryless observationOf[${s}] is -1 (never occupied), but state ${s} is not terminal`);
    if (o === -1 && start[s] > 0) throw new Error(`memoryless start puts probability ${start[s]} on state ${s}, which has no observation`);
    if (!(start[s] >= 0)) throw new Error(`memoryless start[${s}] must be a probability, got ${start[s]}`);
    total += start[s];
  }
  if (Math.abs(total - 1) > 1e-9) throw new Error(`memoryless start must sum to 1, got ${total}`);
  return problem;
}

/** The policy that always takes actions[o] after observation o. */
export function deterministicPolicy(problem: MemorylessProblem, actions: ArrayLike<number>): MemorylessPolicy {
  const { nA } = problem.model;
  if (actions.length !== problem.nObservations) throw new Error(`memoryless actions must have one entry per observation (${problem.nObservations}), got ${actions.length}`);
  return Array.from({ length: problem.nObservations }, (_, o) => {
    const a = actions[o];
    if (!(Number.isInteger(a) && a >= 0 && a < nA)) throw new Error(`memoryless actions[${o}] must be an action in 0..${nA - 1}, got ${a}`);
    return Array.from({ length: nA }, (_, b) => (b === a ? 1 : 0));
  });
}

/** Exact values of a (stochastic) memoryless policy. */
export function evaluateMemoryless(problem: MemorylessProblem, policy: MemorylessPolicy): MemorylessEvaluation {
  checkPolicy(problem, policy);
  return solve(problem, policy);
}

/** The observations where the action can change a value: some state showing it is not terminal, or its reward depends on the action. */
export function decisionObservations(problem: MemorylessProblem): number[] {
  const { model, observationOf, nObservations } = problem;
  const matters = new Array<boolean>(nObservations).fill(false);
  for (let s = 0; s < model.nS; s++) {
    const o = observationOf[s];
    if (o < 0 || matters[o]) continue;
    if (!model.terminal(s)) matters[o] = true;
    else for (let a = 1; a < model.nA; a++) if (model.r(s, a) !== model.r(s, 0)) matters[o] = true;
  }
  return matters.flatMap((m, o) => (m ? [o] : []));
}

/**
 * Every deterministic memoryless policy, as actions per observation (observations where the
 * action cannot matter stay at 0). Yields one shared array, updated in place: copy it to keep it.
 */
export function* deterministicMemorylessPolicies(problem: MemorylessProblem): Generator<Int32Array> {
  const decisions = decisionObservations(problem);
  const count = problem.model.nA ** decisions.length;
  if (count > MAX_DETERMINISTIC_POLICIES) {
    throw new Error(`memoryless search would evaluate ${problem.model.nA}^${decisions.length} = ${count} deterministic policies; the limit is ${MAX_DETERMINISTIC_POLICIES}`);
  }
  const actions = new Int32Array(problem.nObservations);
  for (let index = 0; index < count; index++) {
    // Policy number `index` written in base nA: one digit per decision observation.
    let rest = index;
    for (const o of decisions) {
      actions[o] = rest % problem.model.nA;
      rest = Math.floor(rest / problem.model.nA);
    }
    yield actions;
  }
}

/** Evaluates every deterministic memoryless policy and returns the best from the start. */
export function bestDeterministicMemoryless(problem: MemorylessProblem): DeterministicSearch {
  checkMemorylessProblem(problem);
  let best: DeterministicMemoryless | null = null;
  let count = 0;
  for (const actions of deterministicMemorylessPolicies(problem)) {
    const evaluation = solve(problem, deterministicPolicy(problem, actions));
    count++;
    if (best === null || evaluation.startValue > best.startValue) best = { ...evaluation, actions: Int32Array.from(actions) };
  }
  // The generator yields at least one policy (nA^0 = 1), so best is set.
  return { best: best as DeterministicMemoryless, count, decisionObservations: decisionObservations(problem) };
}

/**
 * Optimal values with the full state (every state its own observation), by policy iteration
 * with exact evaluation: what a memoryless policy of the observation is measured against.
 */
export function fullStateOptimalValues(model: TabularModel, gamma: number): Float64Array {
  const start = new Float64Array(model.nS);
  start[0] = 1;
  const full = checkMemorylessProblem({ model, gamma, observationOf: Int32Array.from({ length: model.nS }, (_, s) => s), nObservations: model.nS, start });
  const actions = new Int32Array(model.nS);
  // Policy iteration ends after finitely many improvements; the cap only guards rounding cycles.
  for (let iteration = 0; iteration < 10_000; iteration++) {
    const { values } = solve(full, deterministicPolicy(full, actions));
    let changed = false;
    for (let s = 0; s < model.nS; s++) {
      const q = (a: number) => model.r(s, a) + (model.terminal(s) ? 0 : gamma * model.P(s, a).reduce((sum, t) => sum + t.prob * values[t.next], 0));
      let bestAction = actions[s];
      let bestQ = q(bestAction);
      for (let a = 0; a < model.nA; a++) {
        // NOTE: switch only on a clear improvement, so ties and rounding cannot make it cycle.
        const value = q(a);
        if (value > bestQ + 1e-12) {
          bestQ = value;
          bestAction = a;
        }
      }
      if (bestAction !== actions[s]) {
        actions[s] = bestAction;
        changed = true;
      }
    }
    if (!changed) return values;
  }
  throw new Error('policy iteration did not settle in 10000 improvements');
}

function checkPolicy(problem: MemorylessProblem, policy: MemorylessPolicy): void {
  checkMemorylessProblem(problem);
  const { nA } = problem.model;
  if (!Array.isArray(policy) || policy.length !== problem.nObservations) {
    throw new Error(`memoryless policy must have one row per observation (${problem.nObservations}), got ${Array.isArray(policy) ? policy.length : typeof policy}`);
  }
  policy.forEach((row: readonly number[], o) => {
    if (!Array.isArray(row) || row.length !== nA) throw new Error(`memoryless policy row ${o} must hold ${nA} action probabilities`);
    let sum = 0;
    row.forEach((p, a) => {
      if (!(typeof p === 'number' && p >= 0 && p <= 1 + 1e-9)) throw new Error(`memoryless policy[${o}][${a}] must be a probability, got ${String(p)}`);
      sum += p;
    });
    if (Math.abs(sum - 1) > 1e-9) throw new Error(`memoryless policy row ${o} sums to ${sum}, not 1`);
  });
}

/** The Bellman equation of the policy as a linear system over the non-terminal states. */
function solve(problem: MemorylessProblem, policy: MemorylessPolicy): MemorylessEvaluation {
  const { model, gamma, observationOf, start } = problem;
  const { nS, nA } = model;
  const uniform = new Array<number>(nA).fill(1 / nA);
  const actionProbs = (s: number) => (observationOf[s] < 0 ? uniform : policy[observationOf[s]]);
  const values = new Float64Array(nS);
  const index = new Int32Array(nS).fill(-1);
  const live: number[] = [];
  for (let s = 0; s < nS; s++) {
    const pi = actionProbs(s);
    let reward = 0;
    for (let a = 0; a < nA; a++) if (pi[a] > 0) reward += pi[a] * model.r(s, a);
    values[s] = reward; // final for terminal states; the right-hand side's start otherwise
    if (!model.terminal(s)) {
      index[s] = live.length;
      live.push(s);
    }
  }
  const n = live.length;
  // A = I - gamma P_pi restricted to live states; b = r_pi + gamma P_pi (terminal values).
  const A = new Float64Array(n * n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = live[i];
    const pi = actionProbs(s);
    A[i * n + i] = 1;
    b[i] = values[s];
    for (let a = 0; a < nA; a++) {
      if (pi[a] === 0) continue;
      for (const { next, prob } of model.P(s, a)) {
        const weight = gamma * pi[a] * prob;
        if (index[next] >= 0) A[i * n + index[next]] -= weight;
        else b[i] += weight * values[next];
      }
    }
  }
  const x = gaussianElimination(A, b, n);
  // `+ 0` turns the -0 that elimination can leave into 0, so a value shows as 0, not -0.
  for (let i = 0; i < n; i++) values[live[i]] = x[i] + 0;
  let startValue = 0;
  for (let s = 0; s < nS; s++) if (start[s] > 0) startValue += start[s] * values[s];
  return { values, startValue };
}

/** Solves A x = b (A n x n, row-major, overwritten) with partial pivoting. */
function gaussianElimination(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(A[row * n + col]) > Math.abs(A[pivot * n + col])) pivot = row;
    // With gamma < 1, I - gamma P is strictly diagonally dominant, so this cannot happen.
    if (Math.abs(A[pivot * n + col]) < 1e-300) throw new Error('memoryless evaluation: the Bellman system is singular');
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [A[col * n + k], A[pivot * n + k]] = [A[pivot * n + k], A[col * n + k]];
      [b[col], b[pivot]] = [b[pivot], b[col]];
    }
    for (let row = col + 1; row < n; row++) {
      const factor = A[row * n + col] / A[col * n + col];
      if (factor === 0) continue;
      for (let k = col; k < n; k++) A[row * n + k] -= factor * A[col * n + k];
      b[row] -= factor * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = b[row];
    for (let k = row + 1; k < n; k++) sum -= A[row * n + k] * x[k];
    x[row] = sum / A[row * n + row];
  }
  return x;
}
