import { describe, expect, it } from 'vitest';
import { cartPoleEnv, makeCartPole } from '../../environments/classic/cartpole';
import { checkEnv } from '../../environments/core/check-env';
import { listWorlds, requireWorld } from '../../environments/core/registry';
import { createRng } from '../../environments/core/rng';
import { isTimeLimited, unwrapEnv } from '../../environments/core/time-limit';
import '../../environments/index';
import {
  CARTPOLE_HIDDEN_VELOCITIES_ID,
  cartPolePositionObservation,
  hideCartPoleVelocities,
  makeCartPoleHiddenVelocities,
} from '../../environments/pomdp/cartpole-hidden';

describe('CartPole with hidden velocities', () => {
  it('observes [x, theta] only, as float32, in a box of 2', () => {
    const env = makeCartPoleHiddenVelocities();
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [2], low: -Infinity, high: Infinity });
    const { state, obs } = env.reset(createRng(4));
    expect(obs).toBeInstanceOf(Float32Array);
    expect(Array.from(obs)).toEqual([Math.fround(state.inner.x), Math.fround(state.inner.theta)]);
    expect(Array.from(cartPolePositionObservation({ x: 1, xDot: 2, theta: 0.5, thetaDot: -3 }))).toEqual([1, 0.5]);
  });

  it('runs the same states, rewards and flags as CartPole itself, draw for draw', () => {
    const full = makeCartPole();
    const hidden = makeCartPoleHiddenVelocities();
    const a = createRng('cart/env');
    const b = createRng('cart/env');
    const actions = createRng('cart/actions');
    let s = full.reset(a).state;
    let h = hidden.reset(b).state;
    let ends = 0;
    for (let t = 0; t < 2000; t++) {
      const action = actions.int(2);
      const x = full.step(s, action, a);
      const y = hidden.step(h, action, b);
      expect(y.state).toEqual(x.state);
      expect([y.reward, y.terminated, y.truncated]).toEqual([x.reward, x.terminated, x.truncated]);
      expect(Array.from(y.obs)).toEqual([x.obs[0], x.obs[2]]);
      expect(Array.from(hidden.observe?.(y.state, b) ?? [])).toEqual(Array.from(y.obs));
      if (x.terminated || x.truncated) {
        ends++;
        s = full.reset(a).state;
        h = hidden.reset(b).state;
      } else {
        s = x.state;
        h = y.state;
      }
    }
    expect(ends).toBeGreaterThan(10);
  });

  it('keeps the 500-step limit and passes params through; the wrapper also takes a bare or time-limited CartPole', () => {
    const env = makeCartPoleHiddenVelocities({ maxSteps: 3, thetaThreshold: Math.PI, xThreshold: 100 });
    expect(isTimeLimited(env)).toBe(true);
    expect(env.maxSteps).toBe(3);
    expect(env.params.thetaThreshold).toBe(Math.PI);
    const rng = createRng(1);
    let state = env.reset(rng).state;
    const flags = [];
    for (let t = 0; t < 3; t++) {
      const result = env.step(state, 1, rng);
      flags.push(result.truncated);
      state = result.state;
    }
    expect(flags).toEqual([false, false, true]);
    expect(makeCartPoleHiddenVelocities().maxSteps).toBe(500);
    const wrapped = hideCartPoleVelocities(makeCartPole());
    expect(wrapped.maxSteps).toBe(500);
    expect(unwrapEnv(wrapped).observationSpace).toEqual(wrapped.observationSpace);
    const bare = hideCartPoleVelocities(cartPoleEnv());
    expect(isTimeLimited(bare)).toBe(false);
    expect(bare.reset(createRng(2)).obs).toHaveLength(2);
  });

  it('is registered as pomdp/cartpole-hidden-velocities (not among the classic worlds) and passes checkEnv', () => {
    const world = requireWorld(CARTPOLE_HIDDEN_VELOCITIES_ID);
    expect(world.family).toBe('pomdp');
    expect(listWorlds('classic').map((w) => w.id)).toEqual(['classic/cartpole']);
    const env = world.create();
    expect(env.id).toBe(CARTPOLE_HIDDEN_VELOCITIES_ID);
    expect(checkEnv(env, { seed: 'hidden', steps: 2000 })).toEqual([]);
    expect(checkEnv(hideCartPoleVelocities(cartPoleEnv()), { seed: 'hidden', steps: 300 })).toEqual([]);
  });
});
