import { describe, expect, it } from 'vitest';
import { actionValue, backupState, backupValue, bellmanResidual, checkPolicy, greedyPolicy, qFromV, uniformPolicy } from '../../agents/tabular/bellman';
import { ValueIteration } from '../../agents/tabular/value-iteration';
import { chainModel, DOWN, LEFT, presetModel, RIGHT, rows, UP } from './agents-helpers';

describe('value iteration reproduces problem 19.3 (fig-19-10 preset, synchronous sweeps from v = 0)', () => {
  const model = presetModel('fig-19-10');

  it('after 1 sweep: 0 0 0 0 / 0 0 0 0 / 0 -2 -2 0 / 0 0 -2 3', () => {
    const solver = new ValueIteration(model, { gamma: 0.9, update: 'synchronous' });
    solver.sweep();
    const expected = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, -2, -2, 0],
      [0, 0, -2, 3],
    ];
    rows(solver.values, 4).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r][c], 12)));
  });

  it('after 2 sweeps: 0 0 0 0 / 0 -0.3 -0.3 0 / -0.45 -2.3 -2.6 0.9 / 0 -0.9 -1.1 3', () => {
    const solver = new ValueIteration(model, { gamma: 0.9, update: 'synchronous' });
    solver.sweep();
    solver.sweep();
    const expected = [
      [0, 0, 0, 0],
      [0, -0.3, -0.3, 0],
      [-0.45, -2.3, -2.6, 0.9],
      [0, -0.9, -1.1, 3],
    ];
    rows(solver.values, 4).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r][c], 12)));
  });

  it('backing up the states one at a time in order gives the same synchronous sweep', () => {
    const solver = new ValueIteration(model, { update: 'synchronous' });
    for (let s = 0; s < 2 * model.nS; s++) solver.backupNext();
    expect(solver.sweeps).toBe(2);
    expect(solver.values[9]).toBeCloseTo(-2.3, 12);
    expect(solver.values[8]).toBeCloseTo(-0.45, 12);
  });

  it('the explanation of the second sweep at cell 11 shows every term of eq 19.12', () => {
    const solver = new ValueIteration(model, { update: 'synchronous' });
    solver.sweep();
    const ex = backupState(model, solver.values, 11, 0.9, 'optimality');
    expect(ex.kind).toBe('bellman-backup');
    expect(ex.rule).toBe('optimality');
    expect(ex.terminal).toBe(false);
    expect(ex.oldValue).toBe(0);
    expect(ex.newValue).toBeCloseTo(0.9, 12);
    expect(ex.argmax).toEqual([DOWN]);
    const down = ex.actions[DOWN];
    expect(down.reward).toBe(0);
    // Book slip: 0.5 intended (the fish, v = 3), 0.25 to each other valid neighbour (7 and the hole 10).
    const terms = Object.fromEntries(down.successors.map((t) => [t.next, [t.prob, t.value]]));
    expect(terms).toEqual({ 15: [0.5, 3], 7: [0.25, 0], 10: [0.25, -2] });
    expect(down.q).toBeCloseTo(0.9 * (0.5 * 3 + 0.25 * -2), 12);
    expect(down.policyProb).toBeUndefined();
  });
});

describe('the Bellman backup', () => {
  const model = chainModel();
  const v = Float64Array.from([1, 2, 10]);

  it('q = r + gamma * sum P v, and just r in a terminal state (no bootstrap)', () => {
    expect(actionValue(model, v, 0, 0, 0.5)).toBeCloseTo(1 + 0.5 * (0.8 * 2 + 0.2 * 1), 12);
    expect(actionValue(model, v, 0, 1, 0.5)).toBeCloseTo(-1 + 0.5 * 10, 12);
    expect(actionValue(model, v, 2, 0, 0.5)).toBe(5);
    const q = qFromV(model, v, 0.5);
    expect(Array.from(q)).toEqual([actionValue(model, v, 0, 0, 0.5), 4, 5, 2.5, 5, 5]);
  });

  it('a terminal state lists no successor terms', () => {
    const ex = backupState(model, v, 2, 0.5, 'optimality');
    expect(ex.terminal).toBe(true);
    expect(ex.actions.every((a) => a.successors.length === 0 && a.q === 5)).toBe(true);
    expect(ex.newValue).toBe(5);
    expect(ex.argmax).toEqual([0, 1]);
  });

  it('evaluation averages over pi (eq 19.11) and reports pi(a|s); optimality takes the max', () => {
    const policy = Float64Array.from([0.25, 0.75, 1, 0, 0.5, 0.5]);
    const ex = backupState(model, v, 0, 0.5, 'evaluation', policy);
    expect(ex.actions.map((a) => a.policyProb)).toEqual([0.25, 0.75]);
    expect(ex.newValue).toBeCloseTo(0.25 * ex.actions[0].q + 0.75 * ex.actions[1].q, 12);
    expect(backupValue(model, v, 0, 0.5, 'evaluation', policy)).toBeCloseTo(ex.newValue, 12);
    expect(backupValue(model, v, 0, 0.5, 'optimality')).toBeCloseTo(Math.max(ex.actions[0].q, ex.actions[1].q), 12);
    // Without a policy the evaluation rule uses the uniform random one.
    expect(backupValue(model, v, 0, 0.5, 'evaluation')).toBeCloseTo((ex.actions[0].q + ex.actions[1].q) / 2, 12);
  });

  it('backupState does not write v', () => {
    const copy = v.slice();
    backupState(model, v, 0, 0.5, 'optimality');
    expect(v).toEqual(copy);
  });

  it('greedyPolicy shares the probability among ties (to within 1e-12)', () => {
    const q = Float64Array.from([1, 3, 3 - 1e-13, 2, /* state 1 */ 0, 0, 0, 0, /* state 2 */ -1, 5, 4.9, 5 - 1e-9]);
    expect(Array.from(greedyPolicy(q, 4))).toEqual([0, 0.5, 0.5, 0, 0.25, 0.25, 0.25, 0.25, 0, 1, 0, 0]);
  });

  it('uniformPolicy and checkPolicy', () => {
    expect(Array.from(uniformPolicy(2, 4))).toEqual(new Array(8).fill(0.25));
    expect(() => checkPolicy(Float64Array.from([0.5, 0.6]), 1, 2)).toThrow('policy(.|0) sums to 1.1, expected 1');
    expect(() => checkPolicy([1], 1, 2)).toThrow('policy has 1 entries, expected 2 (nS 1 x nA 2)');
    expect(() => checkPolicy([1.5, -0.5], 1, 2)).toThrow('policy(0|0) must be a probability in [0, 1], got 1.5');
  });

  it('the Bellman residual of the optimal values is ~0', () => {
    const fig = presetModel('fig-19-10');
    const solution = new ValueIteration(fig, { tolerance: 1e-12 }).solve();
    expect(bellmanResidual(fig, solution.values, 0.9, 'optimality')).toBeLessThan(1e-11);
    // The corner cells of the book model: every action has the same value there.
    expect(solution.policy.slice(0, 4)).toEqual(Float64Array.from([0.25, 0.25, 0.25, 0.25]));
    expect([UP, RIGHT, DOWN, LEFT]).toContain(Array.from(solution.policy.slice(44, 48)).indexOf(1));
  });
});
