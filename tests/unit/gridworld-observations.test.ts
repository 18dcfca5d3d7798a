import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../environments/core/check-env';
import { createRng } from '../../environments/core/rng';
import { contains } from '../../environments/core/spaces';
import { isTimeLimited, unwrapEnv } from '../../environments/core/time-limit';
import { gridworldEnv, makeGridworld } from '../../environments/gridworld/env';
import { buildModel } from '../../environments/gridworld/model';
import {
  gridObservation,
  gridObservationSpace,
  withGridObservation,
  type GridObservationKind,
} from '../../environments/gridworld/observations';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';

const fig10 = GRIDWORLD_PRESETS['fig-19-10'].spec;
const model = buildModel(fig10); // 4 x 4, start 0, fish 15
const cliff = buildModel(GRIDWORLD_PRESETS['cliff-walk'].spec); // 4 rows x 12 columns
const KINDS: readonly GridObservationKind[] = ['index', 'one-hot', 'coordinates'];

describe('gridObservation encoders', () => {
  it('one-hot: a 1 at the cell, 0 elsewhere, length nS', () => {
    const encode = gridObservation(model, 'one-hot');
    const obs = encode(6);
    expect(obs).toBeInstanceOf(Float32Array);
    expect(Array.from(obs)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(encode(6)).not.toBe(obs); // fresh arrays: a replay buffer may keep them
  });

  it('coordinates: [row / (rows - 1), col / (cols - 1)]', () => {
    const encode = gridObservation(cliff, 'coordinates');
    expect(Array.from(encode(0))).toEqual([0, 0]);
    expect(Array.from(encode(47))).toEqual([1, 1]);
    // Cell 14 is row 1, column 2 of a 4 x 12 grid.
    expect(Array.from(encode(14))).toEqual(Array.from(Float32Array.of(1 / 3, 2 / 11)));
    expect(encode(14)).toBeInstanceOf(Float32Array);
  });

  it('coordinates: a side with a single cell gives 0', () => {
    const row = buildModel({ ...fig10, map: ['S..F'] });
    expect([0, 1, 2, 3].map((s) => Array.from(gridObservation(row, 'coordinates')(s)))).toEqual([
      [0, 0],
      [0, Math.fround(1 / 3)],
      [0, Math.fround(2 / 3)],
      [0, 1],
    ]);
    const column = buildModel({ ...fig10, map: ['S', '.', 'F'] });
    expect([0, 1, 2].map((s) => Array.from(gridObservation(column, 'coordinates')(s)))).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
  });

  it('index: the cell unchanged; bad cells and kinds are rejected precisely', () => {
    expect(gridObservation(model, 'index')(9)).toBe(9);
    expect(() => gridObservation(model, 'one-hot')(16)).toThrow('gridworld observation needs a cell index in 0..15, got 16');
    expect(() => gridObservation(model, 'pixels' as GridObservationKind)).toThrow(
      `gridworld observation kind must be one of 'index', 'one-hot', 'coordinates', got "pixels"`,
    );
  });

  it('spaces: discrete(nS), box([nS], 0, 1), box([2], 0, 1), and every encoding is inside', () => {
    expect(gridObservationSpace(model, 'index')).toEqual({ kind: 'discrete', n: 16 });
    expect(gridObservationSpace(model, 'one-hot')).toEqual({ kind: 'box', shape: [16], low: 0, high: 1 });
    expect(gridObservationSpace(model, 'coordinates')).toEqual({ kind: 'box', shape: [2], low: 0, high: 1 });
    for (const kind of KINDS) {
      const encode = gridObservation(cliff, kind);
      for (let s = 0; s < cliff.nS; s++) expect(contains(gridObservationSpace(cliff, kind), encode(s))).toBe(true);
    }
  });
});

describe('withGridObservation', () => {
  it('wraps the time-limited env: same states, rewards and flags, encoded observations', () => {
    const base = makeGridworld(model, { id: 'gridworld/fig-19-10' });
    for (const kind of KINDS) {
      const env = withGridObservation(base, model, kind);
      const encode = gridObservation(model, kind);
      expect(env.id).toBe('gridworld/fig-19-10');
      expect(env.observationKind).toBe(kind);
      expect(env.observationSpace).toEqual(gridObservationSpace(model, kind));
      expect(env.actionSpace).toEqual(base.actionSpace);
      expect(env.maxSteps).toBe(base.maxSteps);
      expect(env.model).toBe(model);
      const rngA = createRng('obs');
      const rngB = createRng('obs');
      let a = env.reset(rngA);
      let b = base.reset(rngB);
      expect(a.state).toEqual(b.state);
      expect(a.obs).toEqual(encode(b.obs));
      for (let t = 0; t < 300; t++) {
        const action = t % 4;
        const ra = env.step(a.state, action, rngA);
        const rb = base.step(b.state, action, rngB);
        expect({ ...ra, obs: null }).toEqual({ ...rb, obs: null });
        expect(ra.obs).toEqual(encode(rb.obs));
        if (ra.terminated || ra.truncated) {
          a = env.reset(rngA);
          b = base.reset(rngB);
        } else {
          a = { state: ra.state, obs: ra.obs };
          b = { state: rb.state, obs: rb.obs };
        }
      }
    }
  });

  it('keeps resetAt (with a fresh clock) and the time limit, and wraps the inner env too', () => {
    const env = withGridObservation(makeGridworld(model), model, 'coordinates');
    const start = env.resetAt(5);
    expect(start.state).toEqual({ inner: 5, elapsed: 0 });
    expect(Array.from(start.obs)).toEqual(Array.from(Float32Array.of(1 / 3, 1 / 3)));
    expect(() => env.resetAt(15)).toThrow('resetAt(15): the cell is terminal');
    expect(isTimeLimited(env)).toBe(true);
    const bare = unwrapEnv(env);
    expect(bare).toBe(env.inner);
    expect(env.inner.observationKind).toBe('coordinates');
    expect(Array.from(env.inner.resetAt(5).obs)).toEqual(Array.from(start.obs));
    expect(env.inner.step(5, 1, createRng(1)).obs).toBeInstanceOf(Float32Array);

    // Truncation still comes from the time limit, untouched.
    const limited = withGridObservation(makeGridworld({ ...fig10, maxSteps: 3 }), model, 'one-hot');
    let state = limited.reset(createRng(2)).state;
    const flags: boolean[] = [];
    for (let t = 0; t < 3; t++) {
      const r = limited.step(state, 3, createRng(t)); // left from the start cell: stays or slips, never ends
      flags.push(r.truncated);
      state = r.state;
    }
    expect(flags).toEqual([false, false, true]);
  });

  it('wraps a bare gridworld env and keeps its resetAt and model', () => {
    const env = withGridObservation(gridworldEnv(model), model, 'one-hot');
    expect(isTimeLimited(env)).toBe(false);
    expect(env.model).toBe(model);
    expect(env.resetAt(4)).toEqual({ state: 4, obs: gridObservation(model, 'one-hot')(4) });
  });

  it('leaves out resetAt and model when the wrapped env has none', () => {
    const base = gridworldEnv(model);
    const plain = { id: base.id, observationSpace: base.observationSpace, actionSpace: base.actionSpace, reset: base.reset, step: base.step };
    const env = withGridObservation(plain, model, 'index');
    expect('resetAt' in env).toBe(false);
    expect('model' in env).toBe(false);
    expect(env.reset(createRng(3)).obs).toBe(0);
  });

  it('refuses an env whose observations are not this model’s cell indices', () => {
    expect(() => withGridObservation(makeGridworld(model), cliff, 'one-hot')).toThrow(
      'withGridObservation needs an env whose observations are cell indices, discrete(48) for this 4x12 model; got discrete(16)',
    );
  });

  it('passes checkEnv for every preset and kind, with the exact model', () => {
    for (const preset of Object.values(GRIDWORLD_PRESETS)) {
      const presetModel = buildModel(preset.spec);
      for (const kind of KINDS) {
        const env = withGridObservation(makeGridworld(presetModel), presetModel, kind);
        expect(checkEnv(env, { seed: `obs/${preset.id}/${kind}`, steps: 300, model: presetModel }), `${preset.id} ${kind}`).toEqual([]);
      }
    }
  });
});
