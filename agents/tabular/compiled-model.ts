/**
 * A tabular model flattened into typed arrays, for the sweep's fast path. `model.P(s, a)`
 * returns objects and checks its arguments on every call; a 64x64 sweep makes 65,536 such calls.
 * Compiled once per solver (models are immutable), the same numbers in the same order give
 * bit-identical backups (tests/unit/agents-compiled-model.test.ts) at a fraction of the cost.
 */
import type { TabularModel } from '../../environments/core/types';
import type { BellmanRule } from './bellman';

export interface CompiledModel {
  readonly nS: number;
  readonly nA: number;
  /** Successors of (s, a) are entries offsets[s*nA + a] .. offsets[s*nA + a + 1] - 1. */
  readonly offsets: Int32Array;
  readonly next: Int32Array;
  readonly prob: Float64Array;
  /** r(s, a) at s*nA + a. */
  readonly reward: Float64Array;
  readonly terminal: Uint8Array;
}

export function compileModel(model: TabularModel): CompiledModel {
  const { nS, nA } = model;
  const offsets = new Int32Array(nS * nA + 1);
  const reward = new Float64Array(nS * nA);
  const terminal = new Uint8Array(nS);
  const next: number[] = [];
  const prob: number[] = [];
  for (let s = 0; s < nS; s++) {
    terminal[s] = model.terminal(s) ? 1 : 0;
    for (let a = 0; a < nA; a++) {
      const i = s * nA + a;
      reward[i] = model.r(s, a);
      offsets[i] = next.length;
      for (const t of model.P(s, a)) {
        next.push(t.next);
        prob.push(t.prob);
      }
    }
  }
  offsets[nS * nA] = next.length;
  return { nS, nA, offsets, next: Int32Array.from(next), prob: Float64Array.from(prob), reward, terminal };
}

/** Same arithmetic, in the same order, as bellman.ts's actionValue. */
function compiledActionValue(c: CompiledModel, v: ArrayLike<number>, s: number, a: number, gamma: number): number {
  const i = s * c.nA + a;
  const reward = c.reward[i];
  if (c.terminal[s] === 1) return reward; // NOTE: acting in a terminal state ends the episode: no bootstrap
  let expectedNext = 0;
  for (let k = c.offsets[i], end = c.offsets[i + 1]; k < end; k++) expectedNext += c.prob[k] * v[c.next[k]];
  return reward + gamma * expectedNext;
}

/** Same result, bit for bit, as bellman.ts's backupValue. */
export function compiledBackupValue(c: CompiledModel, v: ArrayLike<number>, s: number, gamma: number, rule: BellmanRule, policy?: ArrayLike<number>): number {
  const nA = c.nA;
  if (rule === 'optimality') {
    let best = -Infinity;
    for (let a = 0; a < nA; a++) {
      const q = compiledActionValue(c, v, s, a, gamma);
      if (q > best) best = q;
    }
    return best;
  }
  let value = 0;
  for (let a = 0; a < nA; a++) {
    const p = policy === undefined ? 1 / nA : policy[s * nA + a];
    if (p !== 0) value += p * compiledActionValue(c, v, s, a, gamma);
  }
  return value;
}
