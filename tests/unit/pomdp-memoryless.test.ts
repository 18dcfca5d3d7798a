import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { buildModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { ACTIONS } from '../../environments/gridworld/spec';
import { makePomdpGridworld } from '../../environments/pomdp/env';
import {
  MAX_DETERMINISTIC_POLICIES,
  bestDeterministicMemoryless,
  deterministicMemorylessPolicies,
  deterministicPolicy,
  evaluateMemoryless,
  fullStateOptimalValues,
  memorylessProblem,
  type MemorylessPolicy,
} from '../../environments/pomdp/memoryless';
import { pomdpObserver } from '../../environments/pomdp/observation';
import { POMDP_PRESETS } from '../../environments/pomdp/presets';

const [UP, DOWN, LEFT] = ['up', 'down', 'left'].map((name) => ACTIONS.indexOf(name as (typeof ACTIONS)[number]));

const preset = POMDP_PRESETS['fig-19-4'];
const model = buildModel(preset.spec);
const observer = pomdpObserver(model, preset.observation);
const problem = memorylessProblem(observer);
const [A, B] = [2, 8]; // book states 3 and 9: the aliased pair
const aliased = observer.idOfCell[A];
const hole = observer.idOfCell[3];

/**
 * In the aliased view: right with probability q, down otherwise. Elsewhere the obvious moves
 * (the only view with a choice that matters once the aliased one is fixed): leave the hole to
 * the left, go down the corridor, left to the fish, up out of the dead end.
 */
function rightOrDown(q: number): MemorylessPolicy {
  const actions = new Int32Array(problem.nObservations);
  actions[hole] = LEFT;
  actions[observer.idOfCell[6]] = DOWN;
  actions[observer.idOfCell[10]] = LEFT;
  actions[observer.idOfCell[12]] = UP;
  const policy = deterministicPolicy(problem, actions).map((row) => [...row]);
  policy[aliased] = [0, q, 1 - q, 0];
  return policy;
}

describe('exact memoryless analysis on the fig 19.4 preset', () => {
  const optimal = fullStateOptimalValues(model, 0.9);
  const search = bestDeterministicMemoryless(problem);

  it('with the full state: v*(book 3) = 0.9^2 x 3 = 2.43, v*(book 9) = 3, so 2.715 from the start', () => {
    expect(optimal[A]).toBeCloseTo(2.43, 12);
    expect(optimal[B]).toBeCloseTo(3, 12);
    expect((optimal[A] + optimal[B]) / 2).toBeCloseTo(2.715, 12);
  });

  it('every deterministic memoryless policy loses in one of the two aliased states', () => {
    let count = 0;
    for (const actions of deterministicMemorylessPolicies(problem)) {
      const { values } = evaluateMemoryless(problem, deterministicPolicy(problem, actions));
      const loses = values[A] < optimal[A] - 1e-9 || values[B] < optimal[B] - 1e-9;
      if (!loses) throw new Error(`policy ${Array.from(actions).join(',')} is optimal in both aliased states`);
      count++;
    }
    // 8 views where the action matters (the fish's view does not), 4 actions each.
    expect(count).toBe(4 ** 8);
  });

  it('the best deterministic one goes down in the aliased view and is worth (2.43 + 0) / 2 = 1.215', () => {
    expect(search.count).toBe(65536);
    expect(search.decisionObservations).toHaveLength(8);
    expect(search.decisionObservations).not.toContain(observer.idOfCell[9]);
    expect(search.best.actions[aliased]).toBe(DOWN);
    expect(search.best.values[A]).toBeCloseTo(2.43, 12);
    expect(search.best.values[B]).toBeCloseTo(0, 12); // down into the dead end and back, forever
    expect(search.best.startValue).toBeCloseTo(1.215, 12);
  });

  it('the other deterministic choices in the aliased view: right loses book state 3 badly, up and left stay put', () => {
    const right = evaluateMemoryless(problem, rightOrDown(1));
    expect(right.values[B]).toBeCloseTo(3, 12);
    expect(right.values[A]).toBeCloseTo(-2 / (1 - 0.81), 12); // into the hole and back, forever
    expect(right.startValue).toBeCloseTo((3 - 2 / 0.19) / 2, 12);
    for (const stuck of [UP, LEFT]) {
      const policy = rightOrDown(0).map((row) => [...row]);
      policy[aliased] = [0, 1, 2, 3].map((a) => (a === stuck ? 1 : 0));
      const { values, startValue } = evaluateMemoryless(problem, policy);
      expect([values[A], values[B], startValue]).toEqual([0, 0, 0]);
    }
  });

  it('a stochastic memoryless policy beats the best deterministic one: right 1/4, down 3/4 is worth 1.7846', () => {
    const q = 0.25;
    const { values, startValue } = evaluateMemoryless(problem, rightOrDown(q));
    // v(9) = 3q + (1 - q) 0.81 v(9); v(3) = q (-2 + 0.81 v(3)) + (1 - q) 2.43 (book numbering).
    const vB = (3 * q) / (0.19 + 0.81 * q);
    const vA = (2.43 - 4.43 * q) / (1 - 0.81 * q);
    expect(values[B]).toBeCloseTo(vB, 12);
    expect(values[A]).toBeCloseTo(vA, 12);
    expect(startValue).toBeCloseTo((vA + vB) / 2, 12);
    expect(startValue).toBeCloseTo(1.784568, 6);
    expect(startValue).toBeGreaterThan(search.best.startValue + 0.5);
    // The best mix is near q = 0.243 (worth 1.78488); both ends are the deterministic policies.
    let bestQ = 0;
    let bestValue = -Infinity;
    for (let i = 0; i <= 1000; i++) {
      const value = evaluateMemoryless(problem, rightOrDown(i / 1000)).startValue;
      if (value > bestValue) [bestQ, bestValue] = [i / 1000, value];
    }
    expect(bestQ).toBe(0.243);
    expect(bestValue).toBeCloseTo(1.78488, 5);
    expect(evaluateMemoryless(problem, rightOrDown(0)).startValue).toBeCloseTo(1.215, 12);
  });

  it('matches the simulator: the mean discounted return of 20,000 episodes of the stochastic policy', () => {
    const env = makePomdpGridworld(model, preset.observation, { encoding: 'id' });
    const policy = rightOrDown(0.25);
    const rng = createRng('memoryless/env');
    const explore = createRng('memoryless/explore');
    const episodes = 20_000;
    let total = 0;
    for (let e = 0; e < episodes; e++) {
      let { state, obs } = env.reset(rng);
      let discount = 1;
      for (;;) {
        // Sample pi(. | obs) by its cumulative probabilities.
        const row = policy[obs];
        const u = explore.next();
        let action = 0;
        let cumulative = row[0];
        while (action < row.length - 1 && u >= cumulative) cumulative += row[++action];
        const result = env.step(state, action, rng);
        total += discount * result.reward;
        discount *= 0.9;
        if (result.terminated || result.truncated) break;
        ({ state, obs } = result);
      }
    }
    expect(Math.abs(total / episodes - 1.784568)).toBeLessThan(0.05);
  });
});

describe('evaluateMemoryless on other worlds', () => {
  it('agrees with iterative policy evaluation on a slippery world (fig 19.10, book slip, rewards on leaving)', () => {
    const slippery = buildModel(GRIDWORLD_PRESETS['fig-19-10'].spec);
    const located = pomdpObserver(slippery, { radius: 0, showPosition: true });
    const full = memorylessProblem(located);
    const uniform = Array.from({ length: full.nObservations }, () => [0.25, 0.25, 0.25, 0.25]);
    const exact = evaluateMemoryless(full, uniform).values;
    // Synchronous sweeps of v(s) = sum_a 1/4 [r(s, a) + 0.9 sum_s' P v(s')], long enough to converge.
    let v = new Float64Array(16);
    for (let sweep = 0; sweep < 600; sweep++) {
      const next = new Float64Array(16);
      for (let s = 0; s < 16; s++) {
        for (let a = 0; a < 4; a++) {
          const continuation = slippery.terminal(s) ? 0 : slippery.P(s, a).reduce((sum, t) => sum + t.prob * v[t.next], 0);
          next[s] += 0.25 * (slippery.r(s, a) + 0.9 * continuation);
        }
      }
      v = next;
    }
    for (let s = 0; s < 16; s++) expect(exact[s]).toBeCloseTo(v[s], 10);
    expect(exact[15]).toBe(3); // leaving the fish pays 3 and ends the episode
  });

  it('refuses what it cannot do exactly, with precise messages', () => {
    expect(() => memorylessProblem(pomdpObserver(model, { ...preset.observation, noise: 0.1 }))).toThrow(
      'exact memoryless analysis needs noiseless observations (each state showing one observation); this observer has noise 0.1',
    );
    expect(() => memorylessProblem(observer, { gamma: 1 })).toThrow('memoryless analysis needs gamma in [0, 1) (with gamma = 1 a policy that never ends has no finite value), got 1');
    expect(() => evaluateMemoryless(problem, [[1, 0, 0, 0]])).toThrow(`memoryless policy must have one row per observation (${problem.nObservations}), got 1`);
    const short = rightOrDown(0.5).map((row) => [...row]);
    short[0] = [0.5, 0.4, 0, 0];
    expect(() => evaluateMemoryless(problem, short)).toThrow('memoryless policy row 0 sums to 0.9, not 1');
    short[0] = [1.5, -0.5, 0, 0];
    expect(() => evaluateMemoryless(problem, short)).toThrow('memoryless policy[0][0] must be a probability, got 1.5');
    expect(() => deterministicPolicy(problem, new Array(problem.nObservations).fill(4))).toThrow('memoryless actions[0] must be an action in 0..3, got 4');
    const lake = buildModel(GRIDWORLD_PRESETS['frozen-lake-8x8'].spec);
    const huge = memorylessProblem(pomdpObserver(lake, { radius: 0, showPosition: true }));
    expect(() => bestDeterministicMemoryless(huge)).toThrow(`the limit is ${MAX_DETERMINISTIC_POLICIES}`);
  });
});
