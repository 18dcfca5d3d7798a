/**
 * The history wrapper (environments/pomdp/history.ts): the last k observations, oldest first,
 * zeros before the episode's start, optionally the previous action one-hot; the window carried
 * in the state; checkEnv passes on wrapped worlds.
 */
import { describe, expect, it } from 'vitest';
import { makeCartPole } from '../../environments/classic';
import { checkEnv } from '../../environments/core/check-env';
import { createRng } from '../../environments/core/rng';
import { box, discrete } from '../../environments/core/spaces';
import { withTimeLimit } from '../../environments/core/time-limit';
import type { Env } from '../../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld';
import { historyObservation, withHistory } from '../../environments/pomdp/history';

/** A counter: the state is a number n, the observation [n, -n], each action adds (action + 1); ends at n >= 10. */
const counter: Env<number, Float32Array, number> = {
  id: 'test/counter',
  observationSpace: box([2], -100, 100),
  actionSpace: discrete(3),
  reset: () => ({ state: 1, obs: Float32Array.from([1, -1]) }),
  step(n, action) {
    const next = n + action + 1;
    return { state: next, obs: Float32Array.from([next, -next]), reward: action, terminated: next >= 10, truncated: false, info: { n: next } };
  },
};

const rng = () => createRng('history');

describe('withHistory', () => {
  it('shows the last k observations oldest first, zeros before the start', () => {
    const env = withHistory(counter, { k: 3 });
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [6], low: -100, high: 100 });
    expect([env.k, env.frameSize, env.actionSize]).toEqual([3, 2, 0]);
    const r = rng();
    const start = env.reset(r);
    expect(Array.from(start.obs)).toEqual([0, 0, 0, 0, 1, -1]);
    const s1 = env.step(start.state, 1, r); // 1 -> 3
    expect(Array.from(s1.obs)).toEqual([0, 0, 1, -1, 3, -3]);
    const s2 = env.step(s1.state, 0, r); // 3 -> 4
    expect(Array.from(s2.obs)).toEqual([1, -1, 3, -3, 4, -4]);
    const s3 = env.step(s2.state, 2, r); // 4 -> 7: the oldest frame drops out
    expect(Array.from(s3.obs)).toEqual([3, -3, 4, -4, 7, -7]);
    expect(Array.from(env.observe(s3.state))).toEqual(Array.from(s3.obs));
    // Rewards, flags and info pass through.
    expect([s3.reward, s3.terminated, s3.truncated, s3.info]).toEqual([2, false, false, { n: 7 }]);
    // The earlier state is untouched: stepping it again gives the same observation.
    expect(Array.from(env.step(s1.state, 0, r).obs)).toEqual(Array.from(s2.obs));
  });

  it('appends the previous action one-hot, zeros at reset', () => {
    const env = withHistory(counter, { k: 2, previousAction: true });
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [7], low: -100, high: 100 });
    const r = rng();
    const start = env.reset(r);
    expect(Array.from(start.obs)).toEqual([0, 0, 1, -1, 0, 0, 0]);
    expect(start.state.previousAction).toBeNull();
    const s1 = env.step(start.state, 2, r);
    expect(Array.from(s1.obs)).toEqual([1, -1, 4, -4, 0, 0, 1]);
    const s2 = env.step(s1.state, 0, r);
    expect(Array.from(s2.obs)).toEqual([4, -4, 5, -5, 1, 0, 0]);
    expect(historyObservation(s2.state.frames, 0, 3)).toEqual(s2.obs);
  });

  it('one-hot encodes a discrete observation and widens box bounds to hold the zeros', () => {
    const grid = makeGridworld(GRIDWORLD_PRESETS['fig-19-10'].spec);
    const env = withHistory(grid, { k: 2 });
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [32], low: 0, high: 1 });
    const r = rng();
    const start = env.reset(r);
    const first = start.obs;
    expect(first.slice(0, 16).every((v) => v === 0)).toBe(true);
    expect(first.slice(16).indexOf(1)).toBe(grid.reset(createRng('history')).obs);
    const positive: Env<number, Float32Array, number> = { ...counter, observationSpace: box([2], 1, 5) };
    expect(withHistory(positive, { k: 2, previousAction: true }).observationSpace).toEqual({ kind: 'box', shape: [7], low: 0, high: 5 });
  });

  it('passes checkEnv on a gridworld, CartPole and a time limit around the wrapper', () => {
    const grid = makeGridworld(GRIDWORLD_PRESETS['fig-19-10'].spec);
    expect(checkEnv(withHistory(grid, { k: 4, previousAction: true }), { seed: 1, steps: 300 })).toEqual([]);
    expect(checkEnv(withHistory(makeCartPole(), { k: 3 }), { seed: 2, steps: 300 })).toEqual([]);
    expect(checkEnv(withTimeLimit(withHistory(counter, { k: 2, previousAction: true }), 3), { seed: 3, steps: 100 })).toEqual([]);
  });

  it('keeps time-limit truncation from a wrapped time limit', () => {
    const env = withHistory(withTimeLimit(counter, 2), { k: 2 });
    const r = rng();
    const s1 = env.step(env.reset(r).state, 0, r);
    const s2 = env.step(s1.state, 0, r);
    expect([s1.truncated, s2.truncated, s2.terminated]).toEqual([false, true, false]);
  });

  it('rejects bad options and bad actions with precise messages', () => {
    expect(() => withHistory(counter, { k: 0 })).toThrow('withHistory: k must be a positive integer, got 0');
    expect(() => withHistory(counter, { k: 1.5 })).toThrow('withHistory: k must be a positive integer, got 1.5');
    expect(() => withHistory(counter, { k: 2, previousAction: 'yes' as never })).toThrow('withHistory: previousAction must be true or false, got "yes"');
    expect(() => withHistory(counter, null as never)).toThrow('withHistory: options must be an object with k, got null');
    const continuous: Env<number, Float32Array, number> = { ...counter, actionSpace: box([1], -1, 1) };
    expect(() => withHistory(continuous, { k: 1, previousAction: true })).toThrow('withHistory: previousAction needs a discrete action space');
    const env = withHistory(counter, { k: 1, previousAction: true });
    const r = rng();
    expect(() => env.step(env.reset(r).state, 3, r)).toThrow('withHistory: action must be an integer in [0, 3), got 3');
    const wrongSize: Env<number, Float32Array, number> = { ...counter, reset: () => ({ state: 1, obs: Float32Array.from([1]) }) };
    expect(() => withHistory(wrongSize, { k: 1 }).reset(r)).toThrow('withHistory: observation must hold 2 numbers, got 1');
  });
});
