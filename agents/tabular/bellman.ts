/**
 * The Bellman backup every dynamic-programming solver shares (eqs 19.7-19.12).
 *
 *   q(s,a) = r(s,a) + gamma * sum_s' P(s'|s,a) v(s')          (eq 19.8, 19.10)
 *   evaluation (eq 19.11):  v(s) <- sum_a pi(a|s) q(s,a)
 *   optimality (eq 19.12):  v(s) <- max_a q(s,a), and the greedy policy takes the argmax
 *
 * NOTE: a terminal state ends the episode when the agent acts in it, so q(s,a) = r(s,a) there:
 * no successor terms, no bootstrap. That is how v(fish) = 3 in problem 19.3.
 *
 * Policies are flat tables: policy[s * nA + a] = pi(a|s). Values are Float64Array(nS).
 */
import type { TabularModel } from '../../environments/core/types';
import type { ActionBackup, BellmanBackupExplanation, SuccessorTerm } from '../core/agent';
import { TIE_TOLERANCE } from '../core/exploration';

export type BellmanRule = 'evaluation' | 'optimality';

/** pi(a|s) = 1/|A| everywhere: the default policy to evaluate. */
export function uniformPolicy(nS: number, nA: number): Float64Array {
  return new Float64Array(nS * nA).fill(1 / nA);
}

/** Throws unless `policy` is an nS*nA table of probabilities whose rows sum to 1. */
export function checkPolicy(policy: ArrayLike<number>, nS: number, nA: number): void {
  if (policy.length !== nS * nA) throw new Error(`policy has ${policy.length} entries, expected ${nS * nA} (nS ${nS} x nA ${nA})`);
  for (let s = 0; s < nS; s++) {
    let total = 0;
    for (let a = 0; a < nA; a++) {
      const p = policy[s * nA + a];
      if (!(p >= 0 && p <= 1)) throw new Error(`policy(${a}|${s}) must be a probability in [0, 1], got ${p}`);
      total += p;
    }
    if (Math.abs(total - 1) > 1e-9) throw new Error(`policy(.|${s}) sums to ${total}, expected 1`);
  }
}

/** q(s,a) = r(s,a) + gamma * sum_s' P(s'|s,a) v(s'); just r(s,a) when s is terminal. */
export function actionValue(model: TabularModel, v: ArrayLike<number>, s: number, a: number, gamma: number): number {
  const reward = model.r(s, a);
  if (model.terminal(s)) return reward; // NOTE: acting in a terminal state ends the episode: no bootstrap
  let expectedNext = 0;
  for (const { next, prob } of model.P(s, a)) expectedNext += prob * v[next];
  return reward + gamma * expectedNext;
}

/**
 * The backed-up value of one state (no explanation object: the fast path for sweeps).
 * `policy` is needed for the evaluation rule; without one the uniform random policy is used.
 */
export function backupValue(
  model: TabularModel,
  v: ArrayLike<number>,
  s: number,
  gamma: number,
  rule: BellmanRule,
  policy?: ArrayLike<number>,
): number {
  return combineActionValues(model.nA, s, rule, policy, (a) => actionValue(model, v, s, a, gamma));
}

/** pi(a|s) for the evaluation rule: `policy`'s entry, or 1/|A| (uniform random) without one. */
function policyProb(policy: ArrayLike<number> | undefined, s: number, a: number, nA: number): number {
  return policy === undefined ? 1 / nA : policy[s * nA + a];
}

/**
 * The new v(s) from the action values q(a): max_a q(a) (optimality) or sum_a pi(a|s) q(a)
 * (evaluation; actions with pi(a|s) = 0 are skipped, so their q is never computed).
 */
function combineActionValues(nA: number, s: number, rule: BellmanRule, policy: ArrayLike<number> | undefined, q: (a: number) => number): number {
  if (rule === 'optimality') {
    let best = -Infinity;
    for (let a = 0; a < nA; a++) {
      const value = q(a);
      if (value > best) best = value;
    }
    return best;
  }
  let value = 0;
  for (let a = 0; a < nA; a++) {
    const prob = policyProb(policy, s, a, nA);
    if (prob !== 0) value += prob * q(a);
  }
  return value;
}

/**
 * One state's backup with every term the Bellman card shows: each action's reward, its
 * successor terms P(s'|s,a) v(s'), its q, pi(a|s) (evaluation), the new value and the argmax.
 * Reads `v`, never writes it: the caller stores `newValue`.
 */
export function backupState(...args: Parameters<typeof backupValue>): BellmanBackupExplanation {
  const [model, v, s, gamma, rule, policy] = args;
  const nA = model.nA;
  const terminal = model.terminal(s);
  const actions: ActionBackup[] = [];
  for (let a = 0; a < nA; a++) {
    const reward = model.r(s, a);
    const successors: SuccessorTerm[] = terminal ? [] : model.P(s, a).map(({ next, prob }) => ({ next, prob, value: v[next] }));
    let expectedNext = 0;
    for (const term of successors) expectedNext += term.prob * term.value;
    const q = terminal ? reward : reward + gamma * expectedNext;
    actions.push(rule === 'evaluation' ? { action: a, reward, successors, q, policyProb: policyProb(policy, s, a, nA) } : { action: a, reward, successors, q });
  }
  let best = -Infinity;
  for (const { q } of actions) if (q > best) best = q;
  const newValue = combineActionValues(nA, s, rule, policy, (a) => actions[a].q);
  const argmax = actions.filter(({ q }) => q >= best - TIE_TOLERANCE).map(({ action }) => action);
  return { kind: 'bellman-backup', rule, state: s, gamma, terminal, actions, oldValue: v[s], newValue, argmax };
}

/** The action values implied by state values: q[s * nA + a] (eq 19.10). */
export function qFromV(model: TabularModel, v: ArrayLike<number>, gamma: number, out: Float64Array = new Float64Array(model.nS * model.nA)): Float64Array {
  for (let s = 0; s < model.nS; s++) {
    for (let a = 0; a < model.nA; a++) out[s * model.nA + a] = actionValue(model, v, s, a, gamma);
  }
  return out;
}

/**
 * The greedy policy of a q-table (eq 19.12). Ties: every action within TIE_TOLERANCE (1e-12) of
 * the best shares the probability equally, so the policy does not depend on action order.
 */
export function greedyPolicy(q: ArrayLike<number>, nA: number, out: Float64Array = new Float64Array(q.length)): Float64Array {
  const nS = q.length / nA;
  for (let s = 0; s < nS; s++) {
    let best = -Infinity;
    for (let a = 0; a < nA; a++) if (q[s * nA + a] > best) best = q[s * nA + a];
    let ties = 0;
    for (let a = 0; a < nA; a++) if (q[s * nA + a] >= best - TIE_TOLERANCE) ties++;
    for (let a = 0; a < nA; a++) out[s * nA + a] = q[s * nA + a] >= best - TIE_TOLERANCE ? 1 / ties : 0;
  }
  return out;
}

/** max_s |(T v)(s) - v(s)|: how far `v` is from satisfying the Bellman equation. */
export function bellmanResidual(model: TabularModel, v: ArrayLike<number>, gamma: number, rule: BellmanRule, policy?: ArrayLike<number>): number {
  let worst = 0;
  for (let s = 0; s < model.nS; s++) {
    const change = Math.abs(backupValue(model, v, s, gamma, rule, policy) - v[s]);
    if (change > worst) worst = change;
  }
  return worst;
}
