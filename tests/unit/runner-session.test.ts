import { describe, expect, it } from 'vitest';
import { makeGridworld } from '../../environments/gridworld/env';
import { createLearnerSession, exploringStartStates } from '../../agents/runner/session';
import { TrailRing } from '../../agents/runner/trail';
import { createLearner } from '../../agents/tabular/registry';
import type { TabularLearnerName } from '../../agents/tabular/learner';
import { presetModel } from './agents-helpers';

const LEARNERS: TabularLearnerName[] = ['monte-carlo', 'sarsa', 'expected-sarsa', 'q-learning', 'double-q-learning'];
const fig = presetModel('fig-19-10');

const session = (name: TabularLearnerName, seed: number | string, config: object = {}, options: object = {}) =>
  createLearnerSession({ env: makeGridworld(fig), agent: createLearner(name, fig, config), seed, ...options });

describe('learner session', () => {
  it("steps in 'env-step' and 'episode' units and reports each episode's end", () => {
    const s = session('q-learning', 1);
    expect(s.units).toEqual(['env-step', 'episode']);
    const rows = s.step(3, 'episode');
    expect(rows).toHaveLength(3);
    expect(s.episode).toBe(3);
    let steps = 0;
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['charts/episode_length', 'charts/episodic_return', 'charts/epsilon', 'global_step']);
      expect(row['charts/epsilon']).toBe(0.1);
      expect(row['charts/episode_length']).toBeGreaterThan(0);
      expect(row['charts/episode_length']).toBeLessThanOrEqual(100); // the preset's time limit
      steps += row['charts/episode_length'];
      expect(row.global_step).toBe(steps);
    }
    expect(s.globalStep).toBe(steps);
    expect(s.step(0)).toEqual([]);
    expect(() => s.step(1, 'sweep')).toThrow("a learner session steps in 'env-step' or 'episode' units, got 'sweep'");
    expect(() => s.step(-1)).toThrow('step needs a non-negative integer count, got -1');
  });

  it('reports the temperature instead of epsilon for Boltzmann exploration', () => {
    const rows = session('sarsa', 1, { exploration: 'boltzmann', temperature: 0.5 }).step(1, 'episode');
    expect(rows[0]['charts/temperature']).toBe(0.5);
    expect(rows[0]['charts/epsilon']).toBeUndefined();
  });

  it('snapshots plain data: q, values, policy, visits, trail, explanation, recent returns', () => {
    const s = session('q-learning', 2);
    const rows = s.step(2, 'episode');
    s.step(3);
    const snap = s.snapshot();
    expect(structuredClone(snap)).toEqual(snap);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap).toMatchObject({ kind: 'learner', agent: 'q-learning', nS: 16, nA: 4, episode: 2, episodeStep: 3, epsilon: 0.1, temperature: null });
    expect(snap.globalStep).toBe(rows[1].global_step + 3);
    expect(snap.q).toHaveLength(64);
    for (let c = 0; c < 16; c++) {
      expect(snap.values[c]).toBe(Math.max(...snap.q.slice(c * 4, c * 4 + 4)));
      expect(snap.policy.slice(c * 4, c * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    // Every step arrives somewhere, every episode starts somewhere.
    expect(snap.visits.reduce((a, b) => a + b, 0)).toBe(snap.globalStep + snap.episode + 1);
    expect(snap.trail).toHaveLength(3);
    expect(snap.trail[2].to).toBe(snap.state);
    expect(snap.trail[0].from).toBe(0); // fig-19-10 starts in cell 0
    for (let i = 1; i < snap.trail.length; i++) expect(snap.trail[i].from).toBe(snap.trail[i - 1].to);
    expect(snap.lastEpisodeTrail.reduce((total, step) => total + step.reward, 0)).toBeCloseTo(rows[1]['charts/episodic_return'], 12);
    expect(snap.lastEpisodeTrail).toHaveLength(rows[1]['charts/episode_length']);
    expect(snap.episodeReturns).toEqual(rows.map((r) => r['charts/episodic_return']));
    expect(snap.lastExplanation).toMatchObject({ kind: 'td', algorithm: 'q-learning', state: snap.trail[2].from, nextState: snap.state });
    // Each trail step records the slip: intended is the action chosen, actual the move made.
    for (const step of snap.trail) {
      expect(step.intended).toBeGreaterThanOrEqual(0);
      expect(step.actual).toBeGreaterThanOrEqual(-1);
    }
  });

  it('shows the greedy policy when asked to', () => {
    const s = session('q-learning', 2, {}, { snapshotPolicy: 'greedy' });
    s.step(2000);
    expect(s.snapshot().policy.every((p) => p === 0 || p === 1 || p === 0.5 || p === 0.25 || Math.abs(p - 1 / 3) < 1e-15)).toBe(true);
  });

  it('keeps the latest steps of a long episode in a fixed-size trail, or none when recording is off', () => {
    const s = session('q-learning', 3, {}, { trailCapacity: 4 });
    s.step(10);
    const [ended] = s.step(1, 'episode');
    s.step(6);
    const snap = s.snapshot();
    expect(snap.trail).toHaveLength(Math.min(4, snap.episodeStep));
    expect(snap.trail[snap.trail.length - 1].to).toBe(snap.state);
    expect(snap.lastEpisodeTrail).toHaveLength(Math.min(4, ended['charts/episode_length']));
    const off = session('q-learning', 3, {}, { recordTrail: false });
    off.step(10);
    expect(off.snapshot().trail).toEqual([]);
  });

  it('the same seed gives the same q-tables bit for bit, for every learner', () => {
    for (const name of LEARNERS) {
      const a = session(name, 'seed-7');
      const b = session(name, 'seed-7');
      const rowsA = a.step(20_000);
      const rowsB = b.step(20_000);
      expect(rowsB).toEqual(rowsA);
      expect(new Uint8Array(b.agent.q.buffer)).toEqual(new Uint8Array(a.agent.q.buffer));
      const c = session(name, 'seed-8');
      c.step(20_000);
      expect(Array.from(c.agent.q)).not.toEqual(Array.from(a.agent.q));
    }
  });

  it('exploring starts: episodes start in every reachable non-terminal cell with every first action', () => {
    expect(exploringStartStates(fig)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const s = session('monte-carlo', 4, { variant: 'exploring-starts' });
    const starts = new Set<string>();
    for (let episode = 0; episode < 400; episode++) {
      s.step(1, 'episode');
      const first = s.snapshot().lastEpisodeTrail[0];
      starts.add(`${first.from}/${first.intended}`);
    }
    expect(starts.size).toBe(15 * 4);
  });

  it('exploring starts never start in the cliff, a wall or a terminal cell', () => {
    const cliff = presetModel('cliff-walk');
    const states = exploringStartStates(cliff);
    expect(states).toHaveLength(37); // 3 rows of 12 and the start
    expect(states.every((c) => cliff.looks[c] === 'ice')).toBe(true);
  });

  it('refuses an agent of the wrong size', () => {
    const agent = createLearner('q-learning', { nS: 4, nA: 4 });
    expect(() => createLearnerSession({ env: makeGridworld(fig), agent, seed: 0 })).toThrow('learner session: q-learning was made for nS 4 x nA 4, but gridworld has 16 states and 4 actions');
  });
});

describe('trail ring', () => {
  it('keeps the latest steps, oldest first, and allocates nothing to record', () => {
    const ring = new TrailRing(3);
    for (let i = 0; i < 5; i++) ring.push(i, i + 1, i % 4, -1, i / 2);
    expect(ring.length).toBe(5);
    expect(ring.toArray().map((step) => step.from)).toEqual([2, 3, 4]);
    expect(ring.toArray()[2]).toEqual({ from: 4, to: 5, intended: 0, actual: -1, reward: 2 });
    ring.clear();
    ring.push(7, 8, 1, 1, 0);
    expect(ring.toArray()).toEqual([{ from: 7, to: 8, intended: 1, actual: 1, reward: 0 }]);
    expect(() => new TrailRing(0)).toThrow('trail capacity must be a positive integer, got 0');
  });
});
