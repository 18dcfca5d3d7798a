/**
 * Smoke test of the decision transformer on an arcade game: MinAtar Breakout's 10x10x4 planes
 * through the linear state embedding. It trains with a falling loss, acts and reads attention
 * over whole games, and leaks nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { DecisionTransformerTrainer } from '../../agents/offline/decision-transformer';
import type { Observation } from '../../agents/deep/types';
import { createRng } from '../../environments/core/rng';
import { requireWorld } from '../../environments/core/registry';
import type { Env } from '../../environments/core/types';
import { breakoutDataset, episodeReturns, mean, playEpisodes } from './offline-fixtures';

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

describe('decision transformer on Breakout', () => {
  it('trains with a falling loss and acts over whole games without leaking tensors', () => {
    const dataset = breakoutDataset({ randomRates: [0, 0.2, 0.5, 1, 0, 0.5], maxSteps: 150, seed: 4 });
    expect(dataset.input).toEqual({ kind: 'planes', height: 10, width: 10, channels: 4 });
    expect(dataset.nActions).toBe(3);
    const returns = episodeReturns(dataset);
    expect(Math.max(...returns)).toBeGreaterThan(Math.min(...returns));

    const before = tf.memory().numTensors;
    const trainer = new DecisionTransformerTrainer(dataset, { contextLength: 4, width: 16, heads: 2, layers: 1, maxTimestep: 160, returnScale: 5, batchSize: 16, learningRate: 0.003, seed: 1 });
    const created = tf.memory().numTensors;
    const rows = trainer.trainSteps(80);
    const loss = (from: number, to: number) => mean(rows.slice(from, to).map((r) => r['losses/dt_loss']));
    // Three actions: a uniform guess costs ln 3 = 1.10 nats; the chaser's actions are predictable from the planes.
    expect(loss(70, 80)).toBeLessThan(0.8 * loss(0, 10));
    expect(tf.memory().numTensors).toBe(created);

    const env = requireWorld('arcade/breakout').create() as Env<unknown, Observation, number>;
    const target = Math.max(...returns);
    const runtime = trainer.runtime(target);
    const rng = createRng(2);
    let readouts = 0;
    const player = {
      start: () => runtime.reset(target),
      act: (observation: Observation) => {
        const action = runtime.act(observation, rng, 'explore');
        if (runtime.attention() !== null) readouts++;
        return action;
      },
      reward: (reward: number) => runtime.observe({ reward }),
    };
    const played = playEpisodes(env, player, 2, 5, 100);
    expect(played).toHaveLength(2);
    expect(readouts).toBeGreaterThan(10);
    expect(tf.memory().numTensors).toBe(created);

    const file = trainer.save();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(file.dims.input).toEqual(dataset.input);
  });
});
