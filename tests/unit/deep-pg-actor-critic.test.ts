import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { ActorCritic, loadActorCritic, type ActorCriticConfig } from '../../agents/deep/actor-critic';
import type { Observation } from '../../agents/deep/types';
import { createVectorSession } from '../../agents/runner/vector-session';
import { makeCartPole } from '../../environments/classic';
import type { Env } from '../../environments/core/types';
import { mean, reload, runFresh, runWithReload, startVectorLoop, stepVectorLoop, trainInSession } from './deep-pg-helpers';

const cartPole = () => makeCartPole() as unknown as Env<unknown, Observation, number>;
const dims = { input: { kind: 'vector', size: 4 } as const, nActions: 2 };

describe('actor-critic on cpu', () => {
  beforeAll(async () => {
    expect(await initBackend('cpu')).toBe('cpu');
  });

  it('validates its config with precise messages', () => {
    expect(() => new ActorCritic(dims, { advantage: 'mc' as never })).toThrow("actor-critic config: advantage must be one of td, n-step, gae, got 'mc'");
    expect(() => new ActorCritic(dims, { architecture: 'shared', hiddenLayers: 0 })).toThrow("architecture 'shared' needs hiddenLayers >= 1, got 0");
    expect(() => new ActorCritic(dims, { nEnvs: 0 })).toThrow('nEnvs must be an integer in [1, 1024], got 0');
  });

  it('frees every tensor: 1,000 updates (both architectures) and a save/load cycle leave numTensors unchanged', () => {
    for (const architecture of ['shared', 'separate'] as const) {
      const before = tf.memory().numTensors;
      let agent = new ActorCritic(dims, { architecture, nEnvs: 2, rolloutLength: 1, advantage: 'td', hiddenUnits: 16 });
      const created = tf.memory().numTensors;
      const loop = startVectorLoop(cartPole, 2, 1);
      expect(stepVectorLoop(loop, agent, 1000)).toHaveLength(1000);
      agent = reload(agent, loadActorCritic);
      stepVectorLoop(loop, agent, 10);
      expect(tf.memory().numTensors).toBe(created);
      agent.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  const config: Partial<ActorCriticConfig> = { nEnvs: 4, rolloutLength: 5, advantage: 'gae', architecture: 'shared', hiddenUnits: 32, seed: 4 };

  it('gives identical losses, bit for bit, for the same seed', () => {
    const run = () => runFresh(() => new ActorCritic(dims, config), cartPole, 4, 9, 400);
    const a = run();
    expect(a).toHaveLength(80);
    expect(run()).toEqual(a);
  });

  it('continues exactly after save and load in the middle of a rollout', () => {
    const reference = runFresh(() => new ActorCritic(dims, config), cartPole, 4, 9, 400);
    expect(runWithReload(() => new ActorCritic(dims, config), loadActorCritic, cartPole, 4, 9, 400, 203)).toEqual(reference);
  });

  it('refuses a damaged file, naming the field, and leaks nothing', () => {
    const agent = new ActorCritic(dims, config);
    stepVectorLoop(startVectorLoop(cartPole, 4, 9), agent, 3);
    const file = JSON.parse(JSON.stringify(agent.save()));
    agent.dispose();
    const before = tf.memory().numTensors;
    const bad = JSON.parse(JSON.stringify(file));
    bad.state.rollout.observations[2] = [0, 0, 0];
    expect(() => loadActorCritic(bad)).toThrow('actor-critic file: state.rollout.observations[2] has 3 entries, expected 4');
    expect(() => loadActorCritic({ ...file, agent: 'ppo' })).toThrow("actor-critic file: agent must be 'actor-critic', got \"ppo\"");
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the vector session steps every copy per unit and reports episodes as the learner session does', () => {
    const agent = new ActorCritic(dims, config);
    expect(() => createVectorSession({ makeEnv: cartPole, nEnvs: 2, agent, seed: 1 })).toThrow('configured for nEnvs 4, but the session has 2');
    const session = createVectorSession({ makeEnv: cartPole, nEnvs: 4, agent, seed: 1 });
    const rows = session.step(100);
    expect(session.globalStep).toBe(400);
    const episodes = rows.filter((row) => row['charts/episodic_return'] !== undefined);
    expect(episodes.length).toBeGreaterThan(4);
    for (const row of episodes) expect(row['charts/episode_length']).toBe(row['charts/episodic_return']);
    expect(rows.filter((row) => row['losses/policy_loss'] !== undefined)).toHaveLength(20);
    expect(session.snapshot().episodeReturns).toHaveLength(episodes.length);
    session.dispose();
  });
});

describe('actor-critic learns CartPole (wasm; random play averages about 22)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('one world, GAE over 16-step rollouts: the last 20 episodes average > 80 within 30,000 steps', () => {
    const returns = trainInSession(cartPole, 1, new ActorCritic(dims, { nEnvs: 1, rolloutLength: 16, advantage: 'gae', seed: 1 }), 30_000);
    console.log('actor-critic (1 env) last-20 mean return at 30k steps:', mean(returns.slice(-20)));
    expect(mean(returns.slice(-20))).toBeGreaterThan(80);
  }, 60_000);

  it('A2C, 4 worlds, 5-step n-step returns: the last 20 episodes average > 80 within 28,000 steps', () => {
    const returns = trainInSession(cartPole, 4, new ActorCritic(dims, { nEnvs: 4, rolloutLength: 5, advantage: 'n-step', seed: 1 }), 7_000);
    console.log('A2C (4 envs) last-20 mean return at 28k steps:', mean(returns.slice(-20)));
    expect(mean(returns.slice(-20))).toBeGreaterThan(80);
  }, 60_000);
});
