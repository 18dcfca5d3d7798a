import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../environments/core/check-env';
import { createRng } from '../../environments/core/rng';
import { isTimeLimited, unwrapEnv } from '../../environments/core/time-limit';
import type { Env } from '../../environments/core/types';
import { gridworldEnv, makeGridworld } from '../../environments/gridworld/env';
import { buildModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { makePomdpGridworld, observationNoiseRng, withPomdpObservation, type PomdpEncoding } from '../../environments/pomdp/env';

const notebook = buildModel(GRIDWORLD_PRESETS['notebook-td'].spec); // slips 0.85 / 0.05, holes, fish
const frozen = buildModel(GRIDWORLD_PRESETS['frozen-lake-4x4'].spec);

interface StepRecord {
  readonly state: unknown;
  readonly reward: number;
  readonly terminated: boolean;
  readonly truncated: boolean;
  readonly info: unknown;
  readonly obs: unknown;
}

/** A seeded run of `steps` random actions, restarting at episode ends; actions from their own stream. */
function run<S, O>(env: Env<S, O, number>, seed: string, steps: number): StepRecord[] {
  const rng = createRng(`${seed}/env`);
  const actions = createRng(`${seed}/actions`);
  const records: StepRecord[] = [];
  let state = env.reset(rng).state;
  for (let t = 0; t < steps; t++) {
    const result = env.step(state, actions.int(4), rng);
    records.push({ state: result.state, reward: result.reward, terminated: result.terminated, truncated: result.truncated, info: result.info, obs: result.obs });
    state = result.terminated || result.truncated ? env.reset(rng).state : result.state;
  }
  return records;
}

const world = (r: StepRecord) => ({ state: r.state, reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info });

describe('withPomdpObservation', () => {
  it('keeps the states, rewards, flags and info of the wrapped world, draw for draw', () => {
    const plain = run(makeGridworld(notebook), 'same-world', 3000);
    for (const noise of [0, 0.3]) {
      const pomdp = run(withPomdpObservation(makeGridworld(notebook), { radius: 1, noise }), 'same-world', 3000);
      expect(pomdp.map(world)).toEqual(plain.map(world));
    }
    expect(plain.some((r) => r.truncated)).toBe(true); // the 100-step limit still truncates
    expect(plain.some((r) => r.terminated)).toBe(true);
  });

  it('draws observation noise from a separate stream: the noisy and clean runs differ only in what is seen', () => {
    const clean = run(makePomdpGridworld(notebook, { noise: 0 }), 'noise', 500);
    const noisy = run(makePomdpGridworld(notebook, { noise: 0.3 }), 'noise', 500);
    const louder = run(makePomdpGridworld(notebook, { noise: 0.6 }), 'noise', 500);
    expect(noisy.map(world)).toEqual(clean.map(world));
    expect(louder.map(world)).toEqual(clean.map(world));
    const differing = noisy.filter((r, i) => (r.obs as Float32Array).some((v, j) => v !== (clean[i].obs as Float32Array)[j])).length;
    // Each of the 9 window cells keeps its reading with 0.7, so about 1 - 0.7^9 = 96% of views differ.
    expect(differing).toBeGreaterThan(450);
  });

  it('is deterministic: the same seed gives the same observations', () => {
    const env = makePomdpGridworld(notebook, { noise: 0.4, showPosition: true });
    expect(run(env, 'twice', 400)).toEqual(run(env, 'twice', 400));
    expect(run(env, 'twice', 400)).not.toEqual(run(env, 'other', 400));
  });

  it('observe(state, rng) right after a step returns that step’s observation and advances nothing', () => {
    const env = makePomdpGridworld(notebook, { noise: 0.5 });
    const rng = createRng('observe');
    let state = env.reset(rng).state;
    for (let t = 0; t < 50; t++) {
      const result = env.step(state, t % 4, rng);
      const before = rng.state();
      expect(Array.from(env.observe(result.state, rng))).toEqual(Array.from(result.obs));
      expect(rng.state()).toEqual(before);
      state = result.terminated || result.truncated ? env.reset(rng).state : result.state;
    }
    // The noise stream is a fresh generator seeded from the world rng's state: reading it leaves
    // the world rng where it was, and its numbers are not the world's next ones.
    const world = createRng('noise-source');
    const before = world.state();
    const noise = observationNoiseRng(world);
    expect(world.state()).toEqual(before);
    expect([noise.next(), noise.next()]).not.toEqual([world.next(), world.next()]);
    expect(observationNoiseRng(world).next()).not.toBe(observationNoiseRng(createRng('noise-source')).next());
  });

  it('gives vectors or tabular ids, with the matching spaces', () => {
    const vectors = makePomdpGridworld(notebook, { hiddenLooks: ['fish'] }, { encoding: 'vector' });
    const ids = makePomdpGridworld(notebook, { hiddenLooks: ['fish'] }, { encoding: 'id' });
    expect(vectors.observationSpace).toEqual({ kind: 'box', shape: [36], low: 0, high: 1 });
    expect(ids.observationSpace).toEqual({ kind: 'discrete', n: ids.observer.nIds });
    const a = vectors.reset(createRng(1));
    const b = ids.reset(createRng(1));
    expect(a.obs).toBeInstanceOf(Float32Array);
    expect(b.obs).toBe(ids.observer.id(a.obs));
    expect(b.obs).toBe(ids.observer.idOfCell[a.state.inner]);
    expect(() => makePomdpGridworld(notebook, {}, { encoding: 'pixels' as PomdpEncoding })).toThrow(`pomdp encoding must be one of 'vector', 'id', got "pixels"`);
  });

  it('stays time-limited, and its inner env sees the window too', () => {
    const env = withPomdpObservation(makeGridworld(notebook, { id: 'pomdp/test' }), { radius: 2 });
    expect(isTimeLimited(env)).toBe(true);
    expect(env.maxSteps).toBe(100);
    expect(env.id).toBe('pomdp/test');
    expect(unwrapEnv(env)).toBe(env.inner);
    expect(env.inner.observationSpace).toEqual(env.observationSpace);
    expect(env.model).toBe(notebook);
    const bare = withPomdpObservation(gridworldEnv(notebook), { radius: 2 });
    expect(isTimeLimited(bare)).toBe(false);
    expect(bare.observationSpace).toEqual(env.observationSpace);
  });

  it('resetAt starts in a chosen cell; a noisy observation there needs an rng', () => {
    const clean = makePomdpGridworld(notebook, { radius: 1 });
    const start = clean.resetAt(5);
    expect(start.state).toEqual({ inner: 5, elapsed: 0 });
    expect(Array.from(start.obs)).toEqual(Array.from(clean.observer.vector(5)));
    const noisy = makePomdpGridworld(notebook, { radius: 1, noise: 0.2 });
    expect(() => noisy.resetAt(5)).toThrow('pomdp observation noise needs an rng: pass one to resetAt(cell, rng)');
    expect(noisy.resetAt(5, createRng(3)).obs).toHaveLength(45);
    expect(() => clean.resetAt(15)).toThrow('resetAt(15): the cell is terminal');
  });
});

describe('checkEnv on POMDP gridworlds', () => {
  const configs = [
    { radius: 1 },
    { radius: 0, noise: 0.25 },
    { radius: 2, hiddenLooks: ['hole' as const], noise: 0.1, showPosition: true },
  ];
  for (const encoding of ['vector', 'id'] as const) {
    for (const config of configs) {
      it(`${encoding}, ${JSON.stringify(config)}: notebook world, time-limited and bare`, () => {
        expect(checkEnv(makePomdpGridworld(notebook, config, { encoding }), { seed: 'pomdp', steps: 1000, model: notebook })).toEqual([]);
        expect(checkEnv(withPomdpObservation(gridworldEnv(notebook), config, { encoding }), { seed: 'pomdp', steps: 300 })).toEqual([]);
      });
    }
  }
  it('frozen lake with its holes and goal under snow', () => {
    expect(checkEnv(makePomdpGridworld(frozen, { hiddenLooks: ['hole', 'goal'], noise: 0.05 }), { seed: 'lake', steps: 1000, model: frozen })).toEqual([]);
  });
});
