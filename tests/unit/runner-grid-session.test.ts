import { describe, expect, it } from 'vitest';
import { createGridSession, type SessionConfig } from '../../agents/runner/grid-session';
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';

const fig = GRIDWORLD_PRESETS['fig-19-10'].spec;
const config = (agent: string, seed = 1, options: SessionConfig['options'] = {}): SessionConfig => ({ world: fig, agent, options, seed });

/** Rows from `steps` calls plus the final snapshot, as JSON text. */
function run(cfg: SessionConfig, steps: readonly [number, StepUnit?][]): { rows: Metrics[]; snapshot: string } {
  const session = createGridSession(cfg);
  const rows: Metrics[] = [];
  for (const [n, unit] of steps) rows.push(...session.step(n, unit));
  const snapshot = JSON.stringify(session.snapshot());
  session.dispose();
  return { rows, snapshot };
}

describe('createGridSession', () => {
  it("async DP in random order follows the run's seed", () => {
    const steps: [number, StepUnit?][] = [[7, 'backup']];
    const options = { order: 'random' };
    const a = run(config('async-dp', 1, options), steps).snapshot;
    expect(run(config('async-dp', 1, options), steps).snapshot).toBe(a);
    expect(run(config('async-dp', 2, options), steps).snapshot).not.toBe(a);
  });

  it('a learner: same config and seed, identical rows and snapshots', () => {
    const cfg = config('q-learning', 7, { alpha: 0.3, epsilon: 0.2 });
    const steps: [number, StepUnit?][] = [[500], [3, 'episode'], [17, 'env-step']];
    const a = run(cfg, steps);
    const b = run(structuredClone(cfg), steps);
    expect(b.snapshot).toBe(a.snapshot);
    expect(b.rows).toEqual(a.rows);
    expect(a.rows.length).toBeGreaterThan(3);
    // And the seed matters.
    expect(run(config('q-learning', 8, { alpha: 0.3, epsilon: 0.2 }), steps).snapshot).not.toBe(a.snapshot);
  });

  it('every learner is reproducible on a slippery world', () => {
    for (const agent of ['monte-carlo', 'sarsa', 'expected-sarsa', 'double-q-learning']) {
      const cfg = { world: GRIDWORLD_PRESETS['frozen-lake-4x4'].spec, agent, options: {}, seed: 3 };
      expect(run(cfg, [[400]]).snapshot).toBe(run(cfg, [[400]]).snapshot);
    }
  });

  it('a DP method: same config, identical rows and snapshots', () => {
    for (const agent of ['value-iteration', 'policy-evaluation', 'policy-iteration', 'async-dp']) {
      const steps: [number, StepUnit?][] = [[37], [3, 'sweep'], [5, 'backup']];
      const a = run(config(agent), steps);
      const b = run(config(agent), steps);
      expect(b.snapshot).toBe(a.snapshot);
      expect(b.rows).toEqual(a.rows);
      expect(JSON.parse(a.snapshot)).toMatchObject({ kind: 'dp', method: agent });
    }
  });

  it("uses the world's gamma unless the options set one", () => {
    const worldGamma = createGridSession(config('value-iteration'));
    worldGamma.step(2, 'sweep');
    const snap = worldGamma.snapshot();
    expect(snap.kind === 'dp' && snap.values[8]).toBeCloseTo(-0.45, 12); // problem 19.3, gamma 0.9
    const half = createGridSession(config('value-iteration', 1, { gamma: 0.5 }));
    half.step(2, 'sweep');
    const halfSnap = half.snapshot();
    expect(halfSnap.kind === 'dp' && halfSnap.values[8]).toBeCloseTo(-0.25, 12);
  });

  it('backupState on a DP session changes exactly the chosen state (fig 19.10: state 5 becomes -0.3)', () => {
    const session = createGridSession(config('value-iteration'));
    expect(session.units).toEqual(['backup', 'sweep']);
    session.step(1, 'sweep');
    const before = session.snapshot();
    if (before.kind !== 'dp') throw new Error('expected a DP snapshot');
    expect(before.values).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, -2, 3]);
    expect(session.backupState(5)).toEqual([]);
    const after = session.snapshot();
    if (after.kind !== 'dp') throw new Error('expected a DP snapshot');
    // Best move from 5 points away from hole 9: 0.9 * (1/6) * (-2).
    expect(after.values[5]).toBeCloseTo(-0.3, 12);
    for (let s = 0; s < after.nS; s++) if (s !== 5) expect(after.values[s]).toBe(before.values[s]);
    expect(after.changedStates).toEqual([5]);
    expect(after.lastExplanation?.state).toBe(5);
    expect(after.sweeps).toBe(before.sweeps);
  });

  it("a learner's backupState throws a clear message", () => {
    const session = createGridSession(config('q-learning'));
    expect(session.units).toEqual(['env-step', 'episode']);
    expect(session.done()).toBe(false);
    expect(() => session.backupState(5)).toThrow('Q-learning learns from experience: there is no model backup to step; step the environment instead');
    const sarsa = createGridSession(config('sarsa'));
    expect(() => sarsa.backupState(0)).toThrow(/^SARSA learns from experience/);
  });

  it("an invalid world throws the validator's message", () => {
    const ragged = { ...fig, map: ['S...', '...', '.HH.', '..HF'] };
    expect(() => createGridSession({ ...config('value-iteration'), world: ragged })).toThrow('map row 2 has 3 tiles, expected 4');
    const noStart = { ...fig, map: ['....', '....', '.HH.', '..HF'] };
    expect(() => createGridSession({ ...config('q-learning'), world: noStart })).toThrow(/^map has no start tile/);
    const badGamma = { ...fig, gamma: 2 };
    expect(() => createGridSession({ ...config('q-learning'), world: badGamma })).toThrow(/gamma/);
  });

  it('an unknown agent or a bad option throws, naming it', () => {
    expect(() => createGridSession(config('dqn'))).toThrow("unknown tabular agent 'dqn'");
    expect(() => createGridSession(config('q-learning', 1, { alpha: 2 }))).toThrow('alpha must be in (0, 1], got 2');
  });
});
