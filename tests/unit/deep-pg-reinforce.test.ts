import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { loadReinforce, Reinforce, type ReinforceConfig, type ReinforceEpisode } from '../../agents/deep/reinforce';
import type { Observation } from '../../agents/deep/types';
import { deriveRng } from '../../environments/core/rng';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld';
import { reload, runAgent, runWith } from './deep-pg-helpers';

const grid = () => makeGridworld(GRIDWORLD_PRESETS['fig-19-10'].spec);
const dims = { input: { kind: 'one-hot', size: 16 } as const, nActions: 4 };
const small: Partial<ReinforceConfig> = { hiddenLayers: 1, hiddenUnits: 16, gamma: 0.9, learningRate: 0.01, episodesPerUpdate: 2, seed: 3 };

beforeAll(async () => {
  expect(await initBackend('cpu')).toBe('cpu');
});

describe('REINFORCE config', () => {
  it('rejects bad values with precise messages', () => {
    expect(() => new Reinforce(dims, { gamma: 1.5 })).toThrow('reinforce config: gamma must be in [0, 1], got 1.5');
    expect(() => new Reinforce(dims, { baseline: 'median' as never })).toThrow("baseline must be one of none, mean-return, learned-value, optimal, got 'median'");
    expect(() => new Reinforce(dims, { episodesPerUpdate: 0 })).toThrow('episodesPerUpdate must be an integer in [1, 1000], got 0');
    expect(() => new Reinforce({ ...dims, nActions: 1 })).toThrow('nActions must be an integer >= 2');
  });
});

describe('REINFORCE tensors', () => {
  it('frees every tensor: 200 updates with each baseline and a save/load cycle leave numTensors unchanged', () => {
    for (const baseline of ['learned-value', 'optimal', 'mean-return'] as const) {
      const before = tf.memory().numTensors;
      let agent = new Reinforce(dims, { ...small, baseline, episodesPerUpdate: 1, entropyCoef: 0.01 });
      const created = tf.memory().numTensors;
      const env = grid();
      const streams = { envRng: deriveRng(1, 'env'), exploreRng: deriveRng(1, 'explore'), replayRng: deriveRng(1, 'replay') };
      let start: { state: unknown; obs: Observation } | undefined;
      let updates = 0;
      while (updates < 200) {
        const run = runWith(env as never, agent, streams, 50, start as never);
        updates += run.updates.length;
        start = run.last;
      }
      agent = reload(agent, loadReinforce);
      expect(tf.memory().numTensors).toBe(created);
      agent.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});

describe('REINFORCE reproducibility', () => {
  it('gives identical losses, bit for bit, for the same seed on cpu', () => {
    const run = () => {
      const agent = new Reinforce(dims, { ...small, baseline: 'learned-value' });
      const { updates } = runAgent(grid(), agent, 7, 2500);
      agent.dispose();
      return updates.map((m) => [m['losses/policy_loss'], m['losses/value_loss'], m['charts/grad_variance']]);
    };
    const a = run();
    expect(a.length).toBeGreaterThan(20);
    expect(run()).toEqual(a);
  });

  it('continues exactly after save and load mid-episode', () => {
    const config = { ...small, baseline: 'learned-value' as const };
    const streams = (seed: number) => ({ envRng: deriveRng(seed, 'env'), exploreRng: deriveRng(seed, 'explore'), replayRng: deriveRng(seed, 'replay') });
    const whole = new Reinforce(dims, config);
    const reference = runWith(grid(), whole, streams(5), 1200).updates;
    whole.dispose();

    const first = new Reinforce(dims, config);
    const s = streams(5);
    const env = grid();
    const part1 = runWith(env, first, s, 613);
    const file = JSON.parse(JSON.stringify(first.save()));
    first.dispose();
    const second = loadReinforce(file);
    const part2 = runWith(env, second, s, 1200 - 613, part1.last);
    second.dispose();
    expect([...part1.updates, ...part2.updates]).toEqual(reference);
  });

  it('refuses a damaged file and changes nothing', () => {
    const agent = new Reinforce(dims, small);
    const file = agent.save();
    agent.dispose();
    const before = tf.memory().numTensors;
    const bad = JSON.parse(JSON.stringify(file));
    bad.state.policyOptimizer.m[0].pop();
    expect(() => loadReinforce(bad)).toThrow('reinforce file: state.policyOptimizer.m[0] must hold 256 numbers');
    const wrongShape = JSON.parse(JSON.stringify(file));
    wrongShape.config.hiddenUnits = 8;
    expect(() => loadReinforce(wrongShape)).toThrow('reinforce file: state.policy: weights file: layer 1 weights have shape [16, 16], expected [16, 8]');
    expect(() => loadReinforce({ ...file, version: 2 })).toThrow('reinforce file: version must be 1, got 2');
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Samples whole episodes with the agent's current policy (no learning). */
function sampleEpisodes(agent: Reinforce, count: number, seed: number): ReinforceEpisode[] {
  const env = grid();
  const envRng = deriveRng(seed, 'env');
  const exploreRng = deriveRng(seed, 'explore');
  const episodes: ReinforceEpisode[] = [];
  while (episodes.length < count) {
    let { state, obs } = env.reset(envRng);
    const observations: Observation[] = [];
    const actions: number[] = [];
    const rewards: number[] = [];
    for (;;) {
      const action = agent.act(obs, exploreRng, 'explore');
      const r = env.step(state, action, envRng);
      observations.push(obs);
      actions.push(action);
      rewards.push(r.reward);
      if (r.terminated || r.truncated) {
        episodes.push({ observations, actions, rewards, finalObs: r.obs, truncated: !r.terminated });
        break;
      }
      ({ state, obs } = r);
    }
  }
  return episodes;
}

/** Mean vector and trace of the sample covariance of a set of flat vectors. */
function spread(vectors: readonly Float32Array[]): { mean: Float64Array; trace: number } {
  const n = vectors.length;
  const mean = new Float64Array(vectors[0].length);
  for (const v of vectors) for (let j = 0; j < v.length; j++) mean[j] += v[j] / n;
  let trace = 0;
  for (const v of vectors) for (let j = 0; j < v.length; j++) trace += (v[j] - mean[j]) ** 2 / (n - 1);
  return { mean, trace };
}

describe('REINFORCE baselines (eqs 19.35-19.39)', () => {
  it('a learned value and the mean return cut the gradient variance on the same episodes, leaving the mean gradient unchanged', () => {
    const agent = new Reinforce(dims, { ...small, baseline: 'learned-value', valueStepsPerUpdate: 8, learningRate: 0.003 });
    runAgent(grid(), agent, 11, 4000); // the value network learns v(s) of the (slowly changing) policy
    const episodes = sampleEpisodes(agent, 200, 12);
    const none = agent.gradientEstimates(episodes, 'none');
    const results: Record<string, { ratio: number; z: number; relative: number }> = {};
    for (const baseline of ['learned-value', 'mean-return', 'optimal'] as const) {
      const withBaseline = agent.gradientEstimates(episodes, baseline);
      const differences = none.map((g, e) => g.map((x, j) => x - withBaseline[e][j]));
      const a = spread(none);
      const b = spread(withBaseline);
      const d = spread(differences);
      // The paired difference of the mean gradients is sum_t gamma^t b(s_t) dlog pi/n: zero in
      // expectation (eq 19.35). Its squared norm over its own sampling variance is ~1 under that.
      let squared = 0;
      let meanNorm = 0;
      for (let j = 0; j < d.mean.length; j++) {
        squared += d.mean[j] ** 2;
        meanNorm += a.mean[j] ** 2;
      }
      results[baseline] = { ratio: b.trace / a.trace, z: squared / (d.trace / none.length), relative: Math.sqrt(squared / meanNorm) };
    }
    agent.dispose();
    console.log('REINFORCE baselines: variance ratio vs none, z of the mean shift, relative mean shift', results);
    expect(results['learned-value'].ratio).toBeLessThan(0.6);
    expect(results['mean-return'].ratio).toBeLessThan(0.9);
    for (const r of Object.values(results)) expect(r.z).toBeLessThan(6);
  });
});
