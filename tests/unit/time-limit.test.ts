import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../environments/core/rng';
import { discrete } from '../../environments/core/spaces';
import { isTimeLimited, startClock, unwrapEnv, unwrapState, withTimeLimit } from '../../environments/core/time-limit';
import type { Env } from '../../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld/index';

interface Counter {
  readonly count: number;
}

/** Counts up by the action; reaching `end` terminates. Observation: the count. */
function counterEnv(end: number): Env<Counter, number, number> {
  return {
    id: 'test/counter',
    observationSpace: discrete(1000),
    actionSpace: discrete(3),
    reset: () => ({ state: { count: 0 }, obs: 0 }),
    step(state, action) {
      const count = state.count + action;
      return { state: { count }, obs: count, reward: action, terminated: count >= end, truncated: false };
    },
  };
}

describe('withTimeLimit', () => {
  const rng = createRng(1);

  it('truncates exactly when elapsed reaches maxSteps, and not before', () => {
    const env = withTimeLimit(counterEnv(100), 3);
    let { state } = env.reset(rng);
    expect(state).toEqual({ inner: { count: 0 }, elapsed: 0 });
    const flags: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const r = env.step(state, 1, rng);
      flags.push(r.truncated);
      expect(r.terminated).toBe(false);
      state = r.state;
    }
    expect(flags).toEqual([false, false, true]);
    expect(state).toEqual({ inner: { count: 3 }, elapsed: 3 });
  });

  it('never truncates a step that terminates, even on the last allowed step', () => {
    const env = withTimeLimit(counterEnv(2), 2);
    const r1 = env.step(env.reset(rng).state, 1, rng);
    const r2 = env.step(r1.state, 1, rng);
    expect(r2.terminated).toBe(true);
    expect(r2.truncated).toBe(false);
  });

  it('passes reward, observation and info through and keeps the inner env pure', () => {
    const env = withTimeLimit(counterEnv(100), 10);
    const start = env.reset(rng).state;
    const snapshot = JSON.stringify(start);
    const r = env.step(start, 2, rng);
    expect(r.reward).toBe(2);
    expect(r.obs).toBe(2);
    expect(JSON.stringify(start)).toBe(snapshot);
  });

  it('keeps the clock in the state, so one env can run episodes side by side', () => {
    const env = withTimeLimit(counterEnv(100), 2);
    const a = env.step(env.reset(rng).state, 1, rng);
    const b = env.step(env.reset(rng).state, 1, rng);
    expect(env.step(a.state, 1, rng).truncated).toBe(true);
    expect(b.state.elapsed).toBe(1);
  });

  it('forwards observe() for envs that have one', () => {
    const inner: Env<Counter, number, number> = { ...counterEnv(5), observe: (s: Counter, _r: Rng) => s.count * 10 };
    const env = withTimeLimit(inner, 5);
    expect(env.observe?.({ inner: { count: 4 }, elapsed: 1 }, rng)).toBe(40);
    expect(withTimeLimit(counterEnv(5), 5).observe).toBeUndefined();
  });

  it('rejects a maxSteps that is not a positive integer', () => {
    expect(() => withTimeLimit(counterEnv(5), 0)).toThrow('withTimeLimit needs a positive integer maxSteps, got 0');
    expect(() => withTimeLimit(counterEnv(5), 2.5)).toThrow('got 2.5');
  });

  it('has unwrap helpers', () => {
    const bare = counterEnv(5);
    const twice = withTimeLimit(withTimeLimit(bare, 10), 20);
    expect(isTimeLimited(twice)).toBe(true);
    expect(isTimeLimited(bare)).toBe(false);
    expect(unwrapEnv(twice)).toBe(bare);
    expect(unwrapState(startClock({ count: 3 }))).toEqual({ count: 3 });
    // The inner limit is the shorter one and its truncation passes through the outer wrapper.
    let state = twice.reset(rng).state;
    let truncatedAt = -1;
    for (let t = 1; t <= 10 && truncatedAt < 0; t++) {
      const r = twice.step(state, 0, rng);
      if (r.truncated) truncatedAt = t;
      state = r.state;
    }
    expect(truncatedAt).toBe(10);
  });

  it("truncates a gridworld at its spec's maxSteps", () => {
    const spec = GRIDWORLD_PRESETS['fig-19-1-markov-process'].spec;
    const env = makeGridworld(spec);
    let { state } = env.reset(rng);
    let steps = 0;
    for (;;) {
      const r = env.step(state, 0, rng);
      steps++;
      expect(r.terminated).toBe(false);
      state = r.state;
      if (r.truncated) break;
    }
    expect(steps).toBe(spec.maxSteps);
  });
});
