import { describe, expect, it } from 'vitest';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { AsyncDp } from '../../agents/tabular/async-dp';
import { greedyPolicy } from '../../agents/tabular/bellman';
import { PolicyEvaluation } from '../../agents/tabular/policy-evaluation';
import { PolicyIteration } from '../../agents/tabular/policy-iteration';
import { ValueIteration } from '../../agents/tabular/value-iteration';
import { chainModel, decisiveStates, firstArgmax, presetModel, rows } from './agents-helpers';

describe('policy evaluation', () => {
  it("gives Sutton and Barto's values for the random policy on their 4x4 world", () => {
    const model = presetModel('sutton-barto-4x4');
    for (const update of ['synchronous', 'in-place'] as const) {
      const solver = new PolicyEvaluation(model, { gamma: 1, update, tolerance: 1e-12 });
      const result = solver.solve();
      expect(result.converged).toBe(true);
      const expected = [
        [0, -14, -20, -22],
        [-14, -18, -20, -20],
        [-20, -20, -18, -14],
        [-22, -20, -14, 0],
      ];
      rows(result.values, 4).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r][c], 8)));
      expect(result.policy.every((p) => p === 0.25)).toBe(true);
    }
  });

  it('in-place sweeps converge in fewer sweeps than synchronous ones', () => {
    const model = presetModel('sutton-barto-4x4');
    const synchronous = new PolicyEvaluation(model, { gamma: 1 }).solve().sweeps;
    const inPlace = new PolicyEvaluation(model, { gamma: 1, update: 'in-place' }).solve().sweeps;
    expect(inPlace).toBeLessThan(synchronous);
  });

  it('evaluates a given policy, and checks it', () => {
    const model = chainModel();
    // Always action 0 from states 0 and 1: v1 = 0 + gamma * 5, v0 = 1 + gamma (0.8 v1 + 0.2 v0).
    const policy = [1, 0, 1, 0, 1, 0];
    const { values } = new PolicyEvaluation(model, { gamma: 0.5, tolerance: 1e-13 }, policy).solve();
    const v1 = 0.5 * 5;
    expect(values[1]).toBeCloseTo(v1, 10);
    expect(values[0]).toBeCloseTo((1 + 0.5 * 0.8 * v1) / (1 - 0.5 * 0.2), 10);
    expect(() => new PolicyEvaluation(model, {}, [1, 0])).toThrow('policy has 2 entries, expected 6');
  });

  it('sweep() returns the largest value change and backup(s) explains one state', () => {
    const model = presetModel('fig-19-10');
    const solver = new PolicyEvaluation(model);
    expect(solver.sweep()).toBe(3); // v(fish) jumps from 0 to 3
    const ex = solver.backup(5);
    expect(ex.rule).toBe('evaluation');
    expect(ex.actions.map((a) => a.policyProb)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(solver.explain()).toBe(ex);
  });
});

describe('policy iteration and value iteration agree on every preset', () => {
  for (const id of Object.keys(GRIDWORLD_PRESETS)) {
    it(id, () => {
      const model = presetModel(id);
      const gamma = model.spec.gamma;
      const vi = new ValueIteration(model, { gamma, tolerance: 1e-11 }).solve();
      const pi = new PolicyIteration(model, { gamma, tolerance: 1e-11 }).solve();
      expect(vi.converged).toBe(true);
      expect(pi.converged).toBe(true);
      for (let s = 0; s < model.nS; s++) expect(pi.values[s]).toBeCloseTo(vi.values[s], 7);
      // Greedy actions agree wherever the optimal action is unique by a clear margin.
      for (const s of decisiveStates(model, vi.q, 1e-6)) expect(firstArgmax(pi.q, s, model.nA)).toBe(firstArgmax(vi.q, s, model.nA));
      // Both policies are greedy in their own values.
      for (let s = 0; s < model.nS; s++) {
        const best = Math.max(...Array.from({ length: model.nA }, (_, a) => pi.q[s * model.nA + a]));
        let expected = 0;
        for (let a = 0; a < model.nA; a++) expected += pi.policy[s * model.nA + a] * pi.q[s * model.nA + a];
        expect(expected).toBeCloseTo(best, 7);
      }
      expect(vi.policy).toEqual(greedyPolicy(vi.q, model.nA));
    });
  }
});

describe('policy iteration', () => {
  it('needs only a few improvements on fig-19-10, and stays put once stable', () => {
    const model = presetModel('fig-19-10');
    const solver = new PolicyIteration(model);
    const result = solver.solve();
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThan(10);
    expect(solver.policyStable).toBe(true);
    const before = solver.policy;
    solver.sweep();
    expect(solver.policy).toEqual(before);
    expect(solver.converged).toBe(true);
  });

  it('with one evaluation sweep per improvement (modified policy iteration) still reaches the optimum', () => {
    const model = presetModel('fig-19-10');
    const vi = new ValueIteration(model).solve();
    const modified = new PolicyIteration(model, { evaluationSweeps: 1 }).solve();
    expect(modified.converged).toBe(true);
    for (let s = 0; s < model.nS; s++) expect(modified.values[s]).toBeCloseTo(vi.values[s], 7);
  });
});

describe('asynchronous DP', () => {
  for (const order of ['random', 'prioritised'] as const) {
    it(`${order} order converges to the value-iteration values on fig-19-10 and frozen-lake-8x8`, () => {
      for (const id of ['fig-19-10', 'frozen-lake-8x8']) {
        const model = presetModel(id);
        const gamma = model.spec.gamma;
        const vi = new ValueIteration(model, { gamma, tolerance: 1e-12 }).solve();
        const solver = new AsyncDp(model, { gamma, order, tolerance: 1e-10, seed: 7 });
        const result = solver.solve();
        expect(result.converged).toBe(true);
        for (let s = 0; s < model.nS; s++) expect(result.values[s]).toBeCloseTo(vi.values[s], 7);
      }
    });
  }

  it('prioritised sweeping backs up the state with the largest Bellman error first', () => {
    const model = presetModel('fig-19-10');
    const solver = new AsyncDp(model, { order: 'prioritised' });
    // From v = 0 the largest errors are the fish (3) then the holes (2).
    expect(solver.backupNext().state).toBe(15);
    expect([9, 10, 14]).toContain(solver.backupNext().state);
    expect(solver.priorities[15]).toBe(0);
  });

  it('prioritised sweeping needs fewer backups than in-place sweeps on the big lake', () => {
    const model = presetModel('frozen-lake-8x8');
    const gamma = model.spec.gamma;
    const prioritised = new AsyncDp(model, { gamma, order: 'prioritised', tolerance: 1e-8 });
    prioritised.solve();
    const sweeping = new ValueIteration(model, { gamma, update: 'in-place', tolerance: 1e-8 });
    sweeping.solve();
    expect(prioritised.backups).toBeLessThan(sweeping.backups);
  });

  it('random order is reproducible from its seed', () => {
    const model = presetModel('fig-19-10');
    const visit = (seed: number) => {
      const solver = new AsyncDp(model, { order: 'random', seed });
      return Array.from({ length: 32 }, () => solver.backupNext().state);
    };
    expect(visit(3)).toEqual(visit(3));
    expect(visit(3)).not.toEqual(visit(4));
    // Each sweep visits every state once.
    expect([...visit(3).slice(0, 16)].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, s) => s));
  });
});

describe('DP configs are validated on construction', () => {
  const model = presetModel('fig-19-10');
  it('with precise messages', () => {
    expect(() => new ValueIteration(model, { gamma: 1.5 })).toThrow('value-iteration config: gamma must be in [0, 1], got 1.5');
    expect(() => new ValueIteration(model, { tolerance: 0 })).toThrow('tolerance must be in (0, inf), got 0');
    expect(() => new PolicyIteration(model, { evaluationSweeps: 2.5 })).toThrow('evaluationSweeps must be an integer, got 2.5');
    expect(() => new AsyncDp(model, { order: 'sideways' as never })).toThrow("order must be one of random, prioritised, got 'sideways'");
    expect(() => new PolicyEvaluation(model, { sweeps: 3 } as never)).toThrow("unknown option 'sweeps' for policy-evaluation; options are gamma, tolerance, maxSweeps, update");
  });
});
