/**
 * The frame-stack wrapper: k observations' planes side by side (channel f*C + c is channel c of
 * frame f, oldest first), a full stack from reset, the stack carried in the state.
 */
import { describe, expect, it } from 'vitest';
import { breakoutEnv } from '../../environments/arcade/breakout';
import { stackFrames, withFrameStack } from '../../environments/arcade/frame-stack';
import { makeFreeway } from '../../environments/arcade/freeway';
import { checkEnv } from '../../environments/core/check-env';
import { createRng } from '../../environments/core/rng';
import { discrete } from '../../environments/core/spaces';
import type { Env } from '../../environments/core/types';

const C = 4;
/** Channel c of frame f of a cell, from a stacked observation of k frames. */
const at = (stacked: Float32Array, k: number, cell: number, f: number, c: number) => stacked[cell * k * C + f * C + c];

describe('stackFrames', () => {
  it('interleaves frames cell by cell, oldest first', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // 3 cells x 2 channels
    const b = Float32Array.from([7, 8, 9, 10, 11, 12]);
    expect(Array.from(stackFrames([a, b], 2))).toEqual([1, 2, 7, 8, 3, 4, 9, 10, 5, 6, 11, 12]);
  });
});

describe('withFrameStack', () => {
  it('stacks k * C channels and fills the stack with copies of the first observation', () => {
    const env = withFrameStack(breakoutEnv({ stickyProbability: 0 }), 4);
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [10, 10, 16], low: 0, high: 1 });
    expect(env.planes).toEqual({ height: 10, width: 10, channels: 16 });
    const rng = createRng('stack');
    const { state, obs } = env.reset(rng);
    const first = env.inner.observe!(state.inner, rng);
    expect(state.frames).toHaveLength(4);
    for (let cell = 0; cell < 100; cell++) for (let f = 0; f < 4; f++) for (let c = 0; c < C; c++) expect(at(obs, 4, cell, f, c)).toBe(first[cell * C + c]);
    // Copies, not the same array four times.
    expect(state.frames[0]).not.toBe(state.frames[1]);
  });

  it('shifts the stack by one frame per step, newest last', () => {
    const env = withFrameStack(breakoutEnv({ stickyProbability: 0 }), 3);
    const rng = createRng('shift');
    const start = env.reset(rng);
    const ball = (obs: Float32Array, f: number) => {
      for (let cell = 0; cell < 100; cell++) if (at(obs, 3, cell, f, 1) === 1) return [Math.floor(cell / 10), cell % 10];
      return null;
    };
    const r1 = env.step(start.state, 0, rng);
    const r2 = env.step(r1.state, 0, rng);
    const b0 = ball(start.obs, 2);
    const b1 = ball(r1.obs, 2);
    const b2 = ball(r2.obs, 2);
    expect(b1).not.toEqual(b0);
    expect([ball(r2.obs, 0), ball(r2.obs, 1), ball(r2.obs, 2)]).toEqual([b0, b1, b2]);
    expect([ball(r1.obs, 0), ball(r1.obs, 1), ball(r1.obs, 2)]).toEqual([b0, b0, b1]);
    expect(Array.from(env.observe(r2.state))).toEqual(Array.from(r2.obs));
    // Rewards and flags pass through.
    expect([r2.reward, r2.terminated, r2.truncated]).toEqual([0, false, false]);
  });

  it('never mutates the state and passes checkEnv, over a time-limited game too', () => {
    expect(checkEnv(withFrameStack(breakoutEnv(), 4), { seed: 'stack-check', steps: 500 })).toEqual([]);
    expect(checkEnv(withFrameStack(makeFreeway(), 2), { seed: 'stack-check', steps: 300 })).toEqual([]);
  });

  it('with k = 1 is the bare observation', () => {
    const env = withFrameStack(breakoutEnv(), 1);
    const rng = createRng('one');
    const { state, obs } = env.reset(rng);
    expect(Array.from(obs)).toEqual(Array.from(state.frames[0]));
  });

  it('rejects a bad k and an env without planes', () => {
    expect(() => withFrameStack(breakoutEnv(), 0)).toThrow(/positive integer k/);
    const flat = { id: 'flat', observationSpace: discrete(3), actionSpace: discrete(2) } as unknown as Env<unknown, Float32Array, number>;
    expect(() => withFrameStack(flat, 2)).toThrow(/needs planes/);
  });
});
