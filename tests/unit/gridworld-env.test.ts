import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { gridworldEnv, makeGridworld } from '../../environments/gridworld/env';
import { buildModel, type GridModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { DEFAULT_LEGEND, type GridworldSpec } from '../../environments/gridworld/spec';
import { discountedReturns, sampleTrajectory } from '../../environments/gridworld/trajectory';

const UP = 0;
const RIGHT = 1;
const DOWN = 2;

const presetModel = (id: string) => buildModel(GRIDWORLD_PRESETS[id].spec);

/**
 * Pearson's chi-square of `n` samples of step(s, a) against P(s, a). With k cells the statistic
 * has mean k - 1 and sd sqrt(2(k - 1)); the bound below is about seven standard deviations, so a
 * correct sampler passes for any seed while a wrong probability of even 0.01 fails at n = 200k.
 */
function chiSquare(model: GridModel, s: number, a: number, n: number, seed: string) {
  const env = gridworldEnv(model);
  const rng = createRng(seed);
  const counts = new Map<number, number>();
  let rewardSum = 0;
  for (let i = 0; i < n; i++) {
    const r = env.step(s, a, rng);
    counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
    rewardSum += r.reward;
  }
  const row = model.P(s, a);
  let statistic = 0;
  for (const { next, prob } of row) {
    const expected = prob * n;
    statistic += ((counts.get(next) ?? 0) - expected) ** 2 / expected;
  }
  const unexpected = [...counts.keys()].filter((next) => !row.some((t) => t.next === next));
  const df = Math.max(1, row.length - 1);
  return { statistic, bound: df + 7 * Math.sqrt(2 * df) + 5, unexpected, meanReward: rewardSum / n };
}

describe('step() samples what P says', () => {
  const cases: [string, number, number][] = [
    ['fig-19-10', 5, RIGHT], // interior: 0.5 and 1/6 x 3
    ['fig-19-10', 0, RIGHT], // corner: 0.5 / 0.5
    ['fig-19-10', 0, UP], // corner, impossible intended move: uniform over valid
    ['fig-19-10', 2, UP], // edge, impossible intended move: 1/3 each
    ['fig-19-10', 14, RIGHT], // hole, reward on leaving
    ['fig-19-1-markov-process', 5, 0], // random walk
    ['notebook-td', 0, UP], // bumps stay put
    ['notebook-td', 11, DOWN], // arriving at the fish
    ['frozen-lake-4x4', 9, DOWN], // perpendicular slip
    ['cliff-walk', 36, RIGHT], // into the cliff and back to the start
  ];
  for (const [preset, s, a] of cases) {
    it(`${preset}: (${s}, ${a}) over 200k samples, with the mean reward equal to r(s, a)`, () => {
      const model = presetModel(preset);
      const result = chiSquare(model, s, a, 200_000, `${preset}/${s}/${a}`);
      expect(result.unexpected).toEqual([]);
      expect(result.statistic).toBeLessThan(result.bound);
      expect(Math.abs(result.meanReward - model.r(s, a))).toBeLessThan(0.05);
    });
  }

  it('picks uniformly among several starts when a step sends the penguin home', () => {
    const spec: GridworldSpec = {
      version: 1,
      name: 'three starts',
      map: ['S.S.S', '..C..'],
      legend: { ...DEFAULT_LEGEND, C: { reward: -5, returnToStart: true } },
      rewardTiming: 'arrive',
      slip: { model: 'notebook', probability: 0.7 },
      mode: 'mdp',
      gamma: 0.9,
      maxSteps: 50,
    };
    const model = buildModel(spec);
    const result = chiSquare(model, 2, DOWN, 200_000, 'starts');
    expect(model.P(2, DOWN).map((t) => t.next).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(result.unexpected).toEqual([]);
    expect(result.statistic).toBeLessThan(result.bound);
  });
});

describe('gridworldEnv', () => {
  it('reports the intended and the actual move and whether it slipped', () => {
    const env = gridworldEnv(presetModel('fig-19-10'));
    const rng = createRng('info');
    let slipped = 0;
    for (let i = 0; i < 2000; i++) {
      const r = env.step(5, RIGHT, rng);
      expect(r.info?.intended).toBe(RIGHT);
      const actual = r.info?.actual ?? -2;
      expect([0, 1, 2, 3]).toContain(actual);
      expect(r.info?.slipped).toBe(actual === RIGHT ? 0 : 1);
      expect(r.state).toBe(5 + [-4, 1, 4, -1][actual]);
      slipped += r.info?.slipped ?? 0;
    }
    expect(Math.abs(slipped / 2000 - 0.5)).toBeLessThan(0.05);
  });

  it('ends on leaving the fish with +3 under the book rules', () => {
    const env = gridworldEnv(presetModel('fig-19-10'));
    const rng = createRng(1);
    const intoFish = env.step(15, UP, rng);
    expect(intoFish).toMatchObject({ state: 15, reward: 3, terminated: true, truncated: false });
    expect(intoFish.info?.actual).toBe(-1);
    const arriveFish = [...Array(200)].map(() => env.step(11, DOWN, rng)).find((r) => r.state === 15);
    expect(arriveFish?.terminated).toBe(false);
  });

  it('ends on arriving at a terminal tile under arrive timing', () => {
    const env = gridworldEnv(presetModel('notebook-td'));
    const rng = createRng(2);
    for (let i = 0; i < 500; i++) {
      const r = env.step(11, DOWN, rng);
      expect(r.terminated).toBe(r.state === 15);
      if (r.state === 15) expect(r.reward).toBe(3);
    }
  });

  it('is deterministic under a seed and never touches its input', () => {
    const env = makeGridworld(GRIDWORLD_PRESETS['frozen-lake-8x8'].spec);
    const runOnce = () => {
      const rng = createRng('same');
      const actions = createRng('actions');
      let { state } = env.reset(rng);
      const trace: string[] = [];
      for (let i = 0; i < 3000; i++) {
        const before = JSON.stringify(state);
        const r = env.step(state, actions.int(4), rng);
        expect(JSON.stringify(state)).toBe(before);
        trace.push(`${r.state.inner}:${r.state.elapsed}:${r.reward}:${r.terminated}:${r.truncated}`);
        state = r.terminated || r.truncated ? env.reset(rng).state : r.state;
      }
      return trace;
    };
    const first = runOnce();
    expect(runOnce()).toEqual(first);
    expect(first.some((line) => line.endsWith(':true:false'))).toBe(true);
  });

  it('resets uniformly over the start tiles', () => {
    const env = gridworldEnv(presetModel('sutton-barto-4x4'));
    const rng = createRng('starts');
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 14_000; i++) counts[env.reset(rng).state]++;
    expect(counts[0]).toBe(0);
    expect(counts[15]).toBe(0);
    for (let s = 1; s < 15; s++) expect(Math.abs(counts[s] - 1000)).toBeLessThan(150);
  });

  it('starts anywhere that is not a wall or terminal with resetAt', () => {
    const model = buildModel({ ...GRIDWORLD_PRESETS['fig-19-10'].spec, map: ['S..#', '....', '.HH.', '..HF'] });
    const env = makeGridworld(model);
    expect(env.resetAt(9)).toEqual({ state: { inner: 9, elapsed: 0 }, obs: 9 });
    expect(env.inner.resetAt(5)).toEqual({ state: 5, obs: 5 });
    expect(() => env.resetAt(3)).toThrow('resetAt(3): the penguin cannot start inside a wall');
    expect(() => env.resetAt(15)).toThrow('resetAt(15): the cell is terminal');
    expect(() => env.resetAt(16)).toThrow('resetAt needs a cell index in 0..15, got 16');
  });

  it('rejects bad states and actions instead of reading outside its tables', () => {
    const env = gridworldEnv(presetModel('fig-19-10'));
    const rng = createRng(3);
    expect(() => env.step(16, 0, rng)).toThrow('gridworld state must be a cell index in 0..15, got 16');
    expect(() => env.step(1.5, 0, rng)).toThrow('got 1.5');
    expect(() => env.step(0, 4, rng)).toThrow('gridworld action must be an integer in 0..3, got 4');
    expect(() => env.step(0, -1, rng)).toThrow('got -1');
    const walk = gridworldEnv(presetModel('fig-19-1-markov-process'));
    expect(walk.actionSpace).toEqual({ kind: 'discrete', n: 1 });
    expect(() => walk.step(0, 1, rng)).toThrow('gridworld action must be an integer in 0..0, got 1');
  });

  it('exposes spaces, id and model, and wraps the time limit from the spec', () => {
    const env = makeGridworld(GRIDWORLD_PRESETS['cliff-walk'].spec, { id: 'gridworld/cliff-walk' });
    expect(env.id).toBe('gridworld/cliff-walk');
    expect(env.observationSpace).toEqual({ kind: 'discrete', n: 48 });
    expect(env.actionSpace).toEqual({ kind: 'discrete', n: 4 });
    expect(env.maxSteps).toBe(500);
    expect(env.model).toBe(env.inner.model);
    expect(gridworldEnv(GRIDWORLD_PRESETS['cliff-walk'].spec).id).toBe('gridworld');
  });
});

describe('returns and trajectories', () => {
  it('gives G_0 = 1.997541 for rewards 0 0 1 0 1 0 1 0 0 0 with gamma 0.9 (eq 19.1)', () => {
    const returns = discountedReturns([0, 0, 1, 0, 1, 0, 1, 0, 0, 0], 0.9);
    expect(returns[0]).toBeCloseTo(1.997541, 6);
    expect(returns).toHaveLength(10);
    expect(returns[9]).toBe(0);
    expect(returns[6]).toBe(1);
    expect(returns[5]).toBeCloseTo(0.9, 12);
    expect(discountedReturns([], 0.9)).toEqual([]);
    expect(discountedReturns([1, 1, 1], 1)).toEqual([3, 2, 1]);
  });

  it('samples a Markov reward process walk with matching returns', () => {
    const model = presetModel('fig-19-2-reward-process');
    const t = sampleTrajectory(model, createRng('walk'), 30);
    expect(t.states).toHaveLength(31);
    expect(t.actions).toEqual(new Array(30).fill(0));
    expect(t.terminated).toBe(false);
    t.rewards.forEach((r, i) => expect(r).toBe([3, 8, 10].includes(t.states[i + 1]) ? 1 : 0));
    expect(t.returns).toEqual(discountedReturns(t.rewards, 0.9));
    for (let i = 0; i + 1 < t.states.length; i++) {
      expect(model.P(t.states[i], 0).some((p) => p.next === t.states[i + 1])).toBe(true);
    }
    expect(sampleTrajectory(model, createRng('walk'), 30)).toEqual(t);
  });

  it('stops at termination and follows a given policy from a given start', () => {
    const model = presetModel('sutton-barto-4x4');
    const t = sampleTrajectory(model, createRng(1), 100, () => UP, 8);
    expect(t.states).toEqual([8, 4, 0]);
    expect(t.actions).toEqual([UP, UP]);
    expect(t.rewards).toEqual([-1, -1]);
    expect(t.returns).toEqual([-2, -1]);
    expect(t.terminated).toBe(true);
  });
});
