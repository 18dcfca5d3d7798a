import { describe, expect, it } from 'vitest';
import { buildModel, type GridModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { DEFAULT_LEGEND, type GridworldSpec } from '../../environments/gridworld/spec';

const UP = 0;
const RIGHT = 1;
const DOWN = 2;
const LEFT = 3;

const presetModel = (id: string) => buildModel(GRIDWORLD_PRESETS[id].spec);

/** P(s, a) as a map next -> probability, for order-free comparisons. */
const dist = (m: GridModel, s: number, a: number) => Object.fromEntries(m.P(s, a).map((t) => [t.next, t.prob]));

function expectDist(actual: Record<string, number>, expected: Record<number, number>) {
  expect(Object.keys(actual).map(Number).sort((x, y) => x - y)).toEqual(Object.keys(expected).map(Number).sort((x, y) => x - y));
  for (const [next, prob] of Object.entries(expected)) expect(actual[next]).toBeCloseTo(prob, 12);
}

/** One synchronous value-iteration sweep (a stand-in for the agents team's solver). */
function sweep(m: GridModel, v: Float64Array, gamma: number): Float64Array {
  const out = new Float64Array(m.nS);
  for (let s = 0; s < m.nS; s++) {
    let best = -Infinity;
    for (let a = 0; a < m.nA; a++) {
      let q = m.r(s, a);
      if (!m.terminal(s)) for (const { next, prob } of m.P(s, a)) q += gamma * prob * v[next];
      best = Math.max(best, q);
    }
    out[s] = best;
  }
  return out;
}

/** Iterative evaluation of the uniformly random policy until nothing moves. */
function evaluateRandomPolicy(m: GridModel, gamma: number): Float64Array {
  let v = new Float64Array(m.nS);
  for (let iter = 0; iter < 100_000; iter++) {
    const nv = new Float64Array(m.nS);
    let delta = 0;
    for (let s = 0; s < m.nS; s++) {
      let total = 0;
      for (let a = 0; a < m.nA; a++) {
        let q = m.r(s, a);
        if (!m.terminal(s)) for (const { next, prob } of m.P(s, a)) q += gamma * prob * v[next];
        total += q / m.nA;
      }
      nv[s] = total;
      delta = Math.max(delta, Math.abs(total - v[s]));
    }
    v = nv;
    if (delta < 1e-13) break;
  }
  return v;
}

const spec = (overrides: Partial<GridworldSpec>): GridworldSpec => ({
  version: 1,
  name: 'test',
  map: ['S...', '....', '.HH.', '..HF'],
  rewardTiming: 'leave',
  slip: { model: 'book', probability: 0.5 },
  mode: 'mdp',
  gamma: 0.9,
  maxSteps: 100,
  ...overrides,
});

describe('problem 19.3: value iteration on the fig 19.10 world', () => {
  const m = presetModel('fig-19-10');

  it('gives the book numbers after one and two synchronous sweeps from v = 0', () => {
    const v1 = sweep(m, new Float64Array(m.nS), 0.9);
    const after1 = [0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, -2, 3];
    after1.forEach((x, s) => expect(Math.abs(v1[s] - x)).toBeLessThan(1e-9));
    const v2 = sweep(m, v1, 0.9);
    const after2 = [0, 0, 0, 0, 0, -0.3, -0.3, 0, -0.45, -2.3, -2.6, 0.9, 0, -0.9, -1.1, 3];
    after2.forEach((x, s) => expect(Math.abs(v2[s] - x)).toBeLessThan(1e-9));
  });

  it('pays rewards on leaving: holes cost -2 whatever the action, the fish pays +3 and ends', () => {
    for (let a = 0; a < 4; a++) {
      for (const hole of [9, 10, 14]) expect(m.r(hole, a)).toBe(-2);
      expect(m.r(15, a)).toBe(3);
      expect(m.r(0, a)).toBe(0);
    }
    expect([9, 10, 14].map((s) => m.terminal(s))).toEqual([false, false, false]);
    expect(m.terminal(15)).toBe(true);
    expect(m.P(15, UP)).toEqual([{ next: 15, prob: 1 }]);
  });
});

describe('slip models', () => {
  it('book: interior cell 0.5 intended and 1/6 to each other neighbour', () => {
    const m = presetModel('fig-19-10');
    expectDist(dist(m, 5, RIGHT), { 6: 0.5, 1: 1 / 6, 4: 1 / 6, 9: 1 / 6 });
    expectDist(dist(m, 5, UP), { 1: 0.5, 4: 1 / 6, 6: 1 / 6, 9: 1 / 6 });
  });

  it('book: corner with a valid intended move is 0.5 / 0.5', () => {
    const m = presetModel('fig-19-10');
    expectDist(dist(m, 0, RIGHT), { 1: 0.5, 4: 0.5 });
    expectDist(dist(m, 0, DOWN), { 4: 0.5, 1: 0.5 });
  });

  it('book: an impossible intended move goes uniformly to the valid neighbours', () => {
    const m = presetModel('fig-19-10');
    expectDist(dist(m, 0, UP), { 1: 0.5, 4: 0.5 });
    expectDist(dist(m, 2, UP), { 1: 1 / 3, 3: 1 / 3, 6: 1 / 3 });
    // Edge cell with a valid intended move: 0.5 and 0.25 to each of the two others.
    expectDist(dist(m, 2, DOWN), { 6: 0.5, 1: 0.25, 3: 0.25 });
  });

  it('book: a lone valid move gets everything, no valid move stays put', () => {
    const corridor = buildModel(spec({ map: ['S.#', '###'], legend: DEFAULT_LEGEND }));
    expectDist(dist(corridor, 0, RIGHT), { 1: 1 });
    expectDist(dist(corridor, 0, LEFT), { 1: 1 });
    const boxed = buildModel(spec({ map: ['#S#', '###'] }));
    expect(boxed.outcomes(1, UP)).toEqual([{ direction: -1, next: 1, prob: 1 }]);
  });

  it('random walk: from 0-indexed state 5 (book state 6) to 1, 4, 6, 9 at 0.25 each', () => {
    const m = presetModel('fig-19-1-markov-process');
    expect(m.nA).toBe(1);
    expectDist(dist(m, 5, 0), { 1: 0.25, 4: 0.25, 6: 0.25, 9: 0.25 });
    expectDist(dist(m, 0, 0), { 1: 0.5, 4: 0.5 });
    expectDist(dist(m, 15, 0), { 11: 0.5, 14: 0.5 });
  });

  it('markov modes random-walk whatever the slip model says', () => {
    const m = buildModel(spec({ mode: 'markov-reward-process', slip: { model: 'deterministic' } }));
    expect(m.nA).toBe(1);
    expectDist(dist(m, 6, 0), { 2: 0.25, 5: 0.25, 7: 0.25, 10: 0.25 });
  });

  it('notebook: 0.85 intended, 0.05 each other direction, off the grid stays put', () => {
    const m = presetModel('notebook-td');
    expectDist(dist(m, 5, RIGHT), { 6: 0.85, 1: 0.05, 4: 0.05, 9: 0.05 });
    expectDist(dist(m, 0, UP), { 0: 0.85 + 0.05, 1: 0.05, 4: 0.05 });
    // Bumps keep their direction, so the UI can show which way the penguin tried to go.
    const bumps = m.outcomes(0, UP).filter((o) => o.next === 0);
    expect(bumps.map((o) => o.direction).sort()).toEqual([UP, LEFT]);
  });

  it('perpendicular: 1/3 intended and 1/3 to each side, never backwards', () => {
    const m = presetModel('frozen-lake-4x4');
    expectDist(dist(m, 9, DOWN), { 13: 1 / 3, 8: 1 / 3, 10: 1 / 3 });
    expectDist(dist(m, 0, LEFT), { 0: 2 / 3, 4: 1 / 3 });
  });

  it('deterministic: the intended move, or a bump into a wall or the edge', () => {
    const m = buildModel(spec({ map: ['S#', '..'], slip: { model: 'deterministic' } }));
    expect(m.outcomes(0, RIGHT)).toEqual([{ direction: RIGHT, next: 0, prob: 1 }]);
    expect(m.outcomes(0, DOWN)).toEqual([{ direction: DOWN, next: 2, prob: 1 }]);
  });

  it('drops zero-probability outcomes', () => {
    const m = buildModel(spec({ slip: { model: 'notebook', probability: 1 } }));
    expect(m.outcomes(5, RIGHT)).toEqual([{ direction: RIGHT, next: 6, prob: 1 }]);
    const never = buildModel(spec({ slip: { model: 'book', probability: 0 } }));
    expect(never.outcomes(5, RIGHT).map((o) => o.next).sort()).toEqual([1, 4, 9]);
  });
});

describe('rewards on arriving', () => {
  const m = presetModel('notebook-td');

  it('pays the tile arrived in, in expectation: r(s, a) = stepReward + sum P * tileReward', () => {
    // From 13 moving right: 14 is a hole (-2) with 0.85; up to 9 (hole) 0.05; left to 12 0.05; down bumps 0.05.
    expect(m.r(13, RIGHT)).toBeCloseTo(0.85 * -2 + 0.05 * -2, 12);
    expect(m.r(11, DOWN)).toBeCloseTo(0.85 * 3 + 0.05 * -2, 12);
  });

  it('makes terminal tiles absorbing with reward 0', () => {
    expect(m.terminal(15)).toBe(true);
    for (let a = 0; a < 4; a++) {
      expect(m.r(15, a)).toBe(0);
      expect(m.P(15, a)).toEqual([{ next: 15, prob: 1 }]);
    }
  });

  it('ends the episode on arriving at a terminal tile, not on arriving in a hole', () => {
    const t = m.table;
    const k = 11 * m.nA + DOWN;
    const ends = [];
    for (let i = t.offsets[k]; i < t.offsets[k + 1]; i++) ends.push([t.next[i], t.terminated[i]]);
    expect(ends).toContainEqual([15, 1]);
    expect(ends).toContainEqual([10, 0]);
  });
});

describe('return to start (cliff walk)', () => {
  const m = presetModel('cliff-walk');
  const start = 36;
  const cliff = 37;

  it('sends a step into the cliff back to the start with the cliff reward', () => {
    expect(m.starts).toEqual([start]);
    expect(m.outcomes(start, RIGHT)).toEqual([{ direction: RIGHT, next: start, prob: 1 }]);
    expect(m.r(start, RIGHT)).toBe(-100);
    expect(m.r(start, UP)).toBe(-1);
    expect(m.outcomes(25, DOWN)).toEqual([{ direction: DOWN, next: start, prob: 1 }]);
    expect(m.tiles[cliff].returnToStart).toBe(true);
  });

  it('spreads a return over several starts uniformly', () => {
    const legend = { ...DEFAULT_LEGEND, C: { reward: -5, returnToStart: true } };
    const arrive = buildModel(spec({ map: ['S.S', '.C.'], legend, rewardTiming: 'arrive', slip: { model: 'deterministic' } }));
    expect(arrive.outcomes(1, DOWN)).toEqual([
      { direction: DOWN, next: 0, prob: 0.5 },
      { direction: DOWN, next: 2, prob: 0.5 },
    ]);
    expect(arrive.r(1, DOWN)).toBe(-5);
    const leave = buildModel(spec({ map: ['S.S', '.C.'], legend, rewardTiming: 'leave', slip: { model: 'deterministic' } }));
    expect(leave.outcomes(4, UP)).toEqual([
      { direction: -1, next: 0, prob: 0.5 },
      { direction: -1, next: 2, prob: 0.5 },
    ]);
    expect(leave.r(4, LEFT)).toBe(-5);
    expectDist(dist(leave, 4, LEFT), { 0: 0.5, 2: 0.5 });
  });
});

describe('Sutton & Barto example 4.1', () => {
  it('evaluates the random policy to the textbook values', () => {
    const m = presetModel('sutton-barto-4x4');
    const v = evaluateRandomPolicy(m, 1);
    const expected = [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0];
    expected.forEach((x, s) => expect(Math.abs(v[s] - x)).toBeLessThan(1e-6));
  });
});

describe('model structure', () => {
  it('has proper distributions in every row of every preset', () => {
    for (const { spec: presetSpec } of Object.values(GRIDWORLD_PRESETS)) {
      const m = buildModel(presetSpec);
      expect(m.nS).toBe(m.rows * m.cols);
      for (let s = 0; s < m.nS; s++) {
        for (let a = 0; a < m.nA; a++) {
          const row = m.P(s, a);
          const sum = row.reduce((acc, t) => acc + t.prob, 0);
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
          for (const t of row) {
            expect(t.prob).toBeGreaterThan(0);
            expect(t.prob).toBeLessThanOrEqual(1);
            expect(Number.isInteger(t.next) && t.next >= 0 && t.next < m.nS).toBe(true);
          }
          expect(new Set(row.map((t) => t.next)).size).toBe(row.length);
          // P is outcomes merged by next.
          const merged = new Map<number, number>();
          for (const o of m.outcomes(s, a)) merged.set(o.next, (merged.get(o.next) ?? 0) + o.prob);
          for (const t of row) expect(merged.get(t.next)).toBeCloseTo(t.prob, 14);
          expect(Number.isFinite(m.r(s, a))).toBe(true);
        }
      }
    }
  });

  it('derives looks from the rules unless a tile sets its own', () => {
    const legend = {
      S: { start: true },
      '.': {},
      W: { wall: true },
      G: { terminal: true, reward: 1 },
      f: { reward: 1 },
      h: { reward: -1 },
      x: { reward: -1, look: 'fish' as const },
    };
    const m = buildModel(spec({ map: ['S.WGfhx'], legend }));
    expect(m.looks).toEqual(['ice', 'ice', 'wall', 'goal', 'fish', 'hole', 'fish']);
  });

  it('treats walls as absorbing zero-reward cells and never moves into them', () => {
    const m = buildModel(spec({ map: ['S#', '..'], stepReward: -1, slip: { model: 'book', probability: 0.5 } }));
    expect(m.terminal(1)).toBe(true);
    expect(m.r(1, UP)).toBe(0);
    expect(m.P(1, UP)).toEqual([{ next: 1, prob: 1 }]);
    expectDist(dist(m, 0, RIGHT), { 2: 1 });
    expect(m.r(0, RIGHT)).toBe(-1);
  });

  it('exposes the grid geometry and the spec with defaults filled', () => {
    const m = presetModel('cliff-walk');
    expect([m.rows, m.cols, m.nS, m.nA]).toEqual([4, 12, 48, 4]);
    expect(m.cellAt(3, 0)).toBe(36);
    expect(m.cellAt(4, 0)).toBe(-1);
    expect(m.cellAt(0, -1)).toBe(-1);
    expect(m.tileReward(37)).toBe(-99);
    expect(buildModel(spec({})).spec.stepReward).toBe(0);
    expect(buildModel(spec({ slip: { model: 'notebook' } })).spec.slip.probability).toBe(0.85);
  });

  it('refuses invalid specs and out-of-range pairs with clear messages', () => {
    expect(() => buildModel(spec({ gamma: 2 }))).toThrow('invalid gridworld spec: gamma must be a number in [0, 1], got 2');
    const m = presetModel('fig-19-10');
    expect(() => m.P(16, 0)).toThrow('no such state-action pair (16, 0): states are 0..15, actions 0..3');
    expect(() => m.r(0, 4)).toThrow('no such state-action pair');
  });

  it('returns the same cached rows, frozen', () => {
    const m = presetModel('fig-19-10');
    expect(m.P(5, 1)).toBe(m.P(5, 1));
    expect(Object.isFrozen(m.P(5, 1))).toBe(true);
    expect(Object.isFrozen(m.outcomes(5, 1)[0])).toBe(true);
  });
});
