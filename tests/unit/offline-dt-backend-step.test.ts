/**
 * The decision-transformer step the /backends page times (src/pages/backends/dt-step.ts): the
 * bench's dataset (50 random-move episodes of the fig 19.10 penguin world, cut at 100 steps, the
 * same every time) and a training step at the default config that learns and frees its tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { decisionTransformerStep, randomPenguinDataset } from '../../src/pages/backends/dt-step';

describe("the /backends page's decision-transformer step", () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('trains on the bench dataset: 50 seeded random-move episodes of fig-19-10, each cut at 100 steps', () => {
    const dataset = randomPenguinDataset();
    expect(dataset).toMatchObject({ world: 'fig-19-10', input: { kind: 'one-hot', size: 16 }, nActions: 4 });
    expect(dataset.episodes).toHaveLength(50);
    for (const episode of dataset.episodes) {
      expect(episode.actions.length).toBeGreaterThan(0);
      expect(episode.actions.length).toBeLessThanOrEqual(100);
      expect(episode.observations).toHaveLength(episode.actions.length);
      // Cut episodes are the 100-step ones; the others ended in a hole or at the fish.
      expect(episode.terminated).toBe(episode.actions.length < 100);
    }
    expect(JSON.stringify(randomPenguinDataset())).toBe(JSON.stringify(dataset));
  });

  it('steps and frees every tensor', () => {
    const before = tf.memory().numTensors;
    const update = decisionTransformerStep();
    update.step();
    update.step();
    update.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
