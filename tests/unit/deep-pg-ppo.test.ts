import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { loadPpo, Ppo, type PpoConfig } from '../../agents/deep/ppo';
import type { Observation } from '../../agents/deep/types';
import { makeCartPole } from '../../environments/classic';
import type { Env } from '../../environments/core/types';
import { mean, reload, runFresh, runWithReload, startVectorLoop, stepVectorLoop, trainInSession } from './deep-pg-helpers';

const cartPole = () => makeCartPole() as unknown as Env<unknown, Observation, number>;
const dims = { input: { kind: 'vector', size: 4 } as const, nActions: 2 };
const small: Partial<PpoConfig> = { nEnvs: 2, rolloutLength: 32, minibatches: 2, epochs: 2, hiddenUnits: 32, seed: 2 };

describe('PPO on cpu', () => {
  beforeAll(async () => {
    expect(await initBackend('cpu')).toBe('cpu');
  });

  it('validates its config with precise messages', () => {
    expect(() => new Ppo(dims, { minibatches: 3 })).toThrow('ppo config: minibatches 3 must divide the batch nEnvs * rolloutLength = 512');
    expect(() => new Ppo(dims, { clipCoef: 0 })).toThrow('ppo config: clipCoef must be in (0, 1], got 0');
  });

  it('frees every tensor: 20 updates (both architectures, value clipping on and off) and a save/load cycle leave numTensors unchanged', () => {
    for (const [architecture, clipValue] of [['shared', true], ['separate', false]] as const) {
      const before = tf.memory().numTensors;
      let agent = new Ppo(dims, { ...small, architecture, clipValue });
      const created = tf.memory().numTensors;
      const loop = startVectorLoop(cartPole, 2, 1);
      const updates = stepVectorLoop(loop, agent, 20 * 32);
      expect(updates).toHaveLength(20);
      for (const m of updates) {
        expect(m['charts/approx_kl']).toBeGreaterThanOrEqual(0);
        expect(m['charts/clip_fraction']).toBeGreaterThanOrEqual(0);
        expect(m['charts/clip_fraction']).toBeLessThanOrEqual(1);
      }
      agent = reload(agent, loadPpo);
      stepVectorLoop(loop, agent, 40);
      expect(tf.memory().numTensors).toBe(created);
      agent.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gives identical metrics, bit for bit, for the same seed', () => {
    const run = () => runFresh(() => new Ppo(dims, small), cartPole, 2, 3, 6 * 32);
    const a = run();
    expect(a).toHaveLength(6);
    expect(run()).toEqual(a);
  });

  it('continues exactly after save and load in the middle of a rollout', () => {
    const reference = runFresh(() => new Ppo(dims, small), cartPole, 2, 3, 6 * 32);
    expect(runWithReload(() => new Ppo(dims, small), loadPpo, cartPole, 2, 3, 6 * 32, 81)).toEqual(reference);
  });
});

describe('PPO learns CartPole (wasm; random play averages about 22)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('4 worlds x 128 steps, 10 epochs of 4 minibatches: the last 20 episodes average > 80 within 32,768 steps', () => {
    const returns = trainInSession(cartPole, 4, new Ppo(dims, { nEnvs: 4, rolloutLength: 128, seed: 1 }), 8_192);
    console.log('PPO (4 envs) last-20 mean return at 32,768 steps:', mean(returns.slice(-20)));
    expect(mean(returns.slice(-20))).toBeGreaterThan(80);
  }, 60_000);
});
