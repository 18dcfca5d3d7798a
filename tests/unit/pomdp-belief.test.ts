import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { gridworldEnv } from '../../environments/gridworld/env';
import { buildModel, type GridModel } from '../../environments/gridworld/model';
import { DEFAULT_LEGEND, GRIDWORLD_SPEC_VERSION, type GridworldSpec } from '../../environments/gridworld/spec';
import { beliefFilter } from '../../environments/pomdp/belief';
import { withPomdpObservation } from '../../environments/pomdp/env';
import { pomdpObserver, type PomdpObservationConfig, type PomdpObserver } from '../../environments/pomdp/observation';
import { POMDP_PRESETS } from '../../environments/pomdp/presets';

/** A small slippery world: two starts, a wall, a hole and the fish. */
const small = (overrides: Partial<GridworldSpec>): GridModel =>
  buildModel({
    version: GRIDWORLD_SPEC_VERSION,
    name: 'small',
    map: ['S.H', 'S#.', '..F'],
    legend: DEFAULT_LEGEND,
    rewardTiming: 'arrive',
    stepReward: 0,
    slip: { model: 'notebook', probability: 0.7 },
    mode: 'mdp',
    gamma: 0.9,
    maxSteps: 50,
    ...overrides,
  });

/**
 * The posterior over the last state by brute force: every state path s_0 .. s_T is enumerated
 * on its own (never merged by state), weighted by start(s_0) O(o_0 | s_0) prod_t P(s_t+1 | s_t, a_t)
 * O(o_t+1 | s_t+1), and the weights of the paths ending in each state are summed and normalised.
 */
function bruteForce(observer: PomdpObserver, actions: readonly number[], observations: readonly Float32Array[]): Float64Array {
  const { model } = observer;
  let paths: { readonly states: readonly number[]; readonly weight: number }[] = [];
  for (const s of model.starts) {
    const weight = (1 / model.starts.length) * observer.likelihood(observations[0], s);
    if (weight > 0) paths.push({ states: [s], weight });
  }
  actions.forEach((action, t) => {
    const extended: typeof paths = [];
    for (const path of paths) {
      const last = path.states[path.states.length - 1];
      for (const { next, prob } of model.P(last, action)) {
        const weight = path.weight * prob * observer.likelihood(observations[t + 1], next);
        if (weight > 0) extended.push({ states: [...path.states, next], weight });
      }
    }
    paths = extended;
  });
  const posterior = new Float64Array(model.nS);
  let total = 0;
  for (const path of paths) {
    posterior[path.states[path.states.length - 1]] += path.weight;
    total += path.weight;
  }
  return posterior.map((p) => p / total);
}

/** Actions and observations of a real run of the wrapped (bare) world, random actions. */
function episode(model: GridModel, config: PomdpObservationConfig, seed: string, steps: number) {
  const env = withPomdpObservation(gridworldEnv(model), config);
  const rng = createRng(`${seed}/env`);
  const explore = createRng(`${seed}/actions`);
  const start = env.reset(rng);
  const actions: number[] = [];
  const observations = [start.obs];
  let state = start.state;
  for (let t = 0; t < steps; t++) {
    const action = explore.int(4);
    const result = env.step(state, action, rng);
    actions.push(action);
    observations.push(result.obs);
    state = result.state; // keep going past the fish: the model's terminal rows are self-loops
  }
  return { env, actions, observations };
}

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('beliefFilter matches brute-force enumeration over state paths', () => {
  const worlds: [string, GridModel, PomdpObservationConfig][] = [
    ['notebook slips, noise 0.2', small({}), { radius: 1, noise: 0.2 }],
    ['book slips, rewards on leaving, the tile underfoot with holes under snow, noise 0.1', small({ slip: { model: 'book', probability: 0.5 }, rewardTiming: 'leave' }), { radius: 0, hiddenLooks: ['hole'], noise: 0.1 }],
    ['notebook slips, the tile underfoot, noise 0.3', small({}), { radius: 0, noise: 0.3 }],
    ['perpendicular slips, the tile underfoot, no noise', small({ slip: { model: 'perpendicular', probability: 0.6 } }), { radius: 0 }],
  ];
  for (const [name, model, config] of worlds) {
    it(name, () => {
      const observer = pomdpObserver(model, config);
      const filter = beliefFilter(observer);
      for (const seed of ['a', 'b', 'c', 'd', 'e']) {
        const { actions, observations } = episode(model, config, `${name}/${seed}`, 6);
        let belief = filter.initial(observations[0]);
        expect(Math.abs(sum(belief) - 1)).toBeLessThan(1e-12);
        for (let t = 0; t <= actions.length; t++) {
          if (t > 0) belief = filter.update(belief, actions[t - 1], observations[t]);
          expect(belief).toBeInstanceOf(Float64Array);
          expect(Math.abs(sum(belief) - 1)).toBeLessThan(1e-12);
          const expected = bruteForce(observer, actions.slice(0, t), observations.slice(0, t + 1));
          for (let s = 0; s < model.nS; s++) expect(Math.abs(belief[s] - expected[s])).toBeLessThan(1e-12);
        }
      }
    });
  }

  it('the check is not trivial: with only the tile underfoot, beliefs spread over several cells', () => {
    const model = small({});
    const config = { radius: 0, noise: 0.3 };
    const observer = pomdpObserver(model, config);
    const { actions, observations } = episode(model, config, 'spread', 3);
    const belief = bruteForce(observer, actions, observations);
    expect(Array.from(belief).filter((p) => p > 1e-3).length).toBeGreaterThan(1);
    expect(belief[4]).toBe(0); // the wall
  });
});

describe('beliefFilter on the fig 19.4 preset', () => {
  const preset = POMDP_PRESETS['fig-19-4'];
  const model = buildModel(preset.spec);
  const observer = pomdpObserver(model, preset.observation);
  const filter = beliefFilter(observer);
  const [RIGHT, DOWN] = [1, 2];

  it('the aliased view leaves the penguin unsure between book states 3 and 9; one move settles it', () => {
    const b0 = filter.initial(observer.vector(2));
    expect(Array.from(b0).map((p, s) => [s, p]).filter(([, p]) => p > 0)).toEqual([
      [2, 0.5],
      [8, 0.5],
    ]);
    // Right: the view of the hole (cell 3) says it was book state 3; the fish's says book state 9.
    expect(filter.update(b0, RIGHT, observer.vector(3))[3]).toBe(1);
    expect(filter.update(b0, RIGHT, observer.vector(9))[9]).toBe(1);
    // Down: from cell 2 into the corridor (6), from cell 8 into the dead end (12).
    expect(filter.update(b0, DOWN, observer.vector(12))[12]).toBe(1);
    const predicted = filter.predict(b0, DOWN);
    expect([predicted[6], predicted[12]]).toEqual([0.5, 0.5]);
  });

  it('an impossible observation is an error that says which and when', () => {
    expect(() => filter.initial(observer.vector(6))).toThrow(
      'belief: the observation #../#.#/... has probability 0 at the start; no cell the penguin can be in shows it',
    );
    const b0 = filter.initial(observer.vector(8));
    expect(() => filter.update(b0, RIGHT, observer.vector(12))).toThrow('belief: the observation #../#.#/### has probability 0 after action 1');
    expect(() => filter.update(new Float64Array(15), RIGHT, observer.vector(12))).toThrow('belief must have one probability per cell (16), got 15');
    expect(() => filter.predict(b0, 4)).toThrow('belief action must be an integer in 0..3, got 4');
  });
});
