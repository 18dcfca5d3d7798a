import { describe, expect, it } from 'vitest';
import { createDpSession } from '../../agents/runner/dp-session';
import { presetModel } from './agents-helpers';

describe('DP session', () => {
  const fig = presetModel('fig-19-10');

  it("steps one backup at a time in state order, wrapping, with a row per completed sweep", () => {
    const session = createDpSession({ model: fig, method: 'value-iteration' });
    expect(session.units).toEqual(['backup', 'sweep']);
    expect(session.step(1)).toEqual([]);
    let snap = session.snapshot();
    expect(snap.lastExplanation?.state).toBe(0);
    expect(snap.changedStates).toEqual([]); // v(0) stays 0 in the first sweep
    session.step(8);
    expect(session.snapshot().lastExplanation?.state).toBe(8);
    const rows = session.step(7);
    snap = session.snapshot();
    expect(rows).toEqual([{ global_step: 1, 'charts/max_value_change': 3 }]);
    expect(snap.sweeps).toBe(1);
    expect(snap.changedStates).toEqual([9, 10, 14, 15]);
    expect(snap.values).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, -2, 3]);
    session.step(1);
    expect(session.snapshot().lastExplanation?.state).toBe(0);
  });

  it("steps whole sweeps, takes gamma from the model's spec, and is done when converged", () => {
    const session = createDpSession({ model: fig, method: 'value-iteration' });
    const rows = session.step(2, 'sweep');
    expect(rows.map((r) => r.global_step)).toEqual([1, 2]);
    expect(session.snapshot().values[8]).toBeCloseTo(-0.45, 12); // problem 19.3
    expect(session.done()).toBe(false);
    let sweeps = 2;
    while (!session.done() && sweeps < 1000) sweeps += session.step(1, 'sweep').length;
    const snap = session.snapshot();
    expect(snap.converged).toBe(true);
    expect(snap.lastSweepChange).toBeLessThan(1e-10);
    expect(snap.policy.slice(44, 48)).toEqual([0, 0, 1, 0]); // cell 11: down to the fish
    expect(structuredClone(snap)).toEqual(snap);
    expect(() => session.step(1, 'episode')).toThrow("a DP session steps in 'backup' or 'sweep' units, got 'episode'");
  });

  it('uses the spec gamma (1 for Sutton and Barto) unless the config says otherwise', () => {
    const sb = presetModel('sutton-barto-4x4');
    const session = createDpSession({ model: sb, method: 'policy-evaluation' });
    while (!session.done()) session.step(10, 'sweep');
    expect(session.snapshot().values[1]).toBeCloseTo(-14, 6);
    const discounted = createDpSession({ model: sb, method: 'policy-evaluation', config: { gamma: 0.5 } });
    discounted.step(200, 'sweep');
    expect(discounted.snapshot().values[1]).toBeGreaterThan(-2);
  });

  it('the Bellman stepper backs up a chosen state and explains it', () => {
    const session = createDpSession({ model: fig, method: 'policy-evaluation' });
    session.step(1, 'sweep');
    session.backupState(11);
    const snap = session.snapshot();
    expect(snap.lastExplanation).toMatchObject({ kind: 'bellman-backup', rule: 'evaluation', state: 11 });
    expect(snap.changedStates).toEqual([11]);
    expect(snap.lastExplanation?.actions[2].policyProb).toBe(0.25);
  });

  it('policy iteration reports its improvements; async DP steps in its own order', () => {
    const pi = createDpSession({ model: fig, method: 'policy-iteration' });
    while (!pi.done()) pi.step(50, 'sweep');
    expect(pi.snapshot().improvements).toBeGreaterThan(0);
    const async = createDpSession({ model: fig, method: 'async-dp', config: { order: 'prioritised' } });
    async.step(1);
    expect(async.snapshot().lastExplanation?.state).toBe(15);
    expect(async.snapshot().improvements).toBeUndefined();
  });
});
