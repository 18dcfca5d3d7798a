/**
 * Training the decision transformer and its file (agents/offline/decision-transformer/
 * trainer.ts, windows.ts, file.ts): the windows, the dataset checks, bit-for-bit
 * reproducibility, save and load with precise messages on damage, and no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import {
  DecisionTransformerTrainer,
  loadDecisionTransformer,
  returnsToGo,
  WindowSampler,
  type DecisionTransformerConfig,
  type DecisionTransformerModel,
  type WindowBatch,
} from '../../agents/offline/decision-transformer';
import type { Dataset } from '../../agents/offline/dataset-types';
import { createRng } from '../../environments/core/rng';
import { mixedQualityGridDataset } from './offline-fixtures';

const small: Partial<DecisionTransformerConfig> = { contextLength: 5, width: 16, heads: 2, layers: 1, maxTimestep: 20, returnScale: 5, batchSize: 8, learningRate: 0.003, seed: 2 };
const dataset = mixedQualityGridDataset({ episodesPerRate: 6 });

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

/** A saved file as JSON, loosely typed so a test can damage any field. */
interface FileJson {
  format: unknown;
  version: unknown;
  config: Record<string, unknown>;
  dims: { nActions: unknown; input: unknown };
  provenance: { returns?: unknown; trainSteps: unknown };
  weights: { names: string[]; shapes: number[][]; data: string };
}

function logitsOf(model: DecisionTransformerModel, batch: WindowBatch): number[] {
  return tf.tidy(() => Array.from(model.forward(batch).logits.dataSync()));
}

describe('training windows', () => {
  it('sums returns-to-go from each step to the end', () => {
    expect(Array.from(returnsToGo([-0.2, -2.2, -0.2, 2.8]))).toEqual([0.2, 0.4, 2.6, 2.8].map((x) => expect.closeTo(x, 12)));
  });

  it('left-pads a window that runs past the episode end, with the real steps last', () => {
    const sampler = new WindowSampler(dataset, 5);
    const episode = dataset.episodes[0];
    const length = episode.actions.length;
    const batch = sampler.windowsAt([{ episode: 0, start: length - 2 }]);
    expect(Array.from(batch.mask)).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(batch.timesteps.slice(3))).toEqual([length - 2, length - 1]);
    expect(Array.from(batch.actions.slice(3))).toEqual(episode.actions.slice(length - 2));
    // The last step's return-to-go is its own reward.
    expect(batch.returnsToGo[4]).toBeCloseTo(episode.rewards[length - 1], 6);
  });

  it('starts each window at a step drawn uniformly over all the dataset\'s steps (one rng.int draw each)', () => {
    const sampler = new WindowSampler(dataset, 5);
    const draws = 2000;
    const batch = sampler.sample(draws, createRng(9));
    const replay = createRng(9);
    const total = dataset.episodes.reduce((sum, episode) => sum + episode.actions.length, 0);
    expect(sampler.steps).toBe(total);
    for (let i = 0; i < draws; i++) {
      // The same draw, mapped to (episode, step) by hand.
      let step = replay.int(total);
      let e = 0;
      while (step >= dataset.episodes[e].actions.length) step -= dataset.episodes[e++].actions.length;
      const firstReal = i * 5 + batch.mask.subarray(i * 5, i * 5 + 5).indexOf(1);
      expect(batch.timesteps[firstReal]).toBe(step);
      expect(batch.observations[firstReal]).toBe(dataset.episodes[e].observations[step]);
      expect(batch.actions[firstReal]).toBe(dataset.episodes[e].actions[step]);
    }
  });

  it('rejects a damaged dataset with one message naming the episode, step and field', () => {
    const bad = (change: (d: { episodes: { observations: unknown[]; actions: unknown[]; rewards: unknown[] }[] }) => void): Dataset => {
      const copy = JSON.parse(JSON.stringify(dataset)) as Dataset;
      change(copy as never);
      return copy;
    };
    const make = (d: Dataset) => () => new DecisionTransformerTrainer(d, small);
    expect(make(bad((d) => (d.episodes[2].actions[3] = 4)))).toThrow('dataset: episode 2 step 3: action 4 is not an integer in [0, 4)');
    expect(make(bad((d) => (d.episodes[1].rewards[0] = null)))).toThrow('dataset: episode 1 step 0: reward null is not a finite number');
    expect(make(bad((d) => d.episodes[0].rewards.pop()))).toThrow('dataset: episode 0: rewards must be an array as long as actions');
    expect(make(bad((d) => (d.episodes[4].observations[1] = 16)))).toThrow('dataset: episode 4 step 1: observation is 16, expected an integer state in [0, 16)');
    expect(make({ ...dataset, episodes: [] })).toThrow('dataset: episodes must be a non-empty array');
    expect(make({ ...dataset, nActions: 1 })).toThrow('dataset: nActions must be an integer >= 2, got 1');
  });
});

describe('decision transformer training', () => {
  it('gives the same loss curve bit for bit for the same seed, and another for another seed', () => {
    const run = (seed: number) => {
      const trainer = new DecisionTransformerTrainer(dataset, { ...small, seed });
      const rows = trainer.trainSteps(25);
      trainer.dispose();
      return rows;
    };
    const a = run(2);
    expect(a).toHaveLength(25);
    for (const row of a) {
      expect(Object.keys(row).sort()).toEqual(['charts/accuracy', 'losses/dt_loss', 'losses/grad_norm']);
      expect(row['charts/accuracy']).toBeGreaterThanOrEqual(0);
      expect(row['charts/accuracy']).toBeLessThanOrEqual(1);
    }
    expect(run(2)).toEqual(a);
    expect(run(3).map((r) => r['losses/dt_loss'])).not.toEqual(a.map((r) => r['losses/dt_loss']));
  });

  it('lowers the loss on the dataset', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    const rows = trainer.trainSteps(150);
    const mean = (from: number, to: number) => rows.slice(from, to).reduce((s, r) => s + r['losses/dt_loss'], 0) / (to - from);
    // Four actions: a uniform guess costs ln 4 = 1.386 nats.
    expect(mean(0, 10)).toBeGreaterThan(1.2);
    expect(mean(140, 150)).toBeLessThan(0.8 * mean(0, 10));
    expect(trainer.stepsDone).toBe(150);
    trainer.dispose();
  });

  it('leaks no tensors over 200 training steps, and dispose frees the model and Adam', () => {
    const before = tf.memory().numTensors;
    const trainer = new DecisionTransformerTrainer(dataset, small);
    const created = tf.memory().numTensors;
    // The variables plus Adam's two moments of each.
    expect(created - before).toBe(3 * trainer.model.variables.length);
    trainer.trainSteps(200);
    expect(tf.memory().numTensors).toBe(created);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => trainer.trainSteps(1)).toThrow('decision transformer: trainer used after dispose()');
  });

  it('rejects a bad step count', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    expect(() => trainer.trainSteps(-1)).toThrow('decision transformer: trainSteps needs a whole number of steps, got -1');
    expect(() => trainer.trainSteps(1.5)).toThrow('got 1.5');
    trainer.dispose();
  });
});

describe('decision transformer file', () => {
  it('saves weights, config and provenance, and loads into the same predictions bit for bit (through JSON), leaking nothing', () => {
    const before = tf.memory().numTensors;
    const trainer = new DecisionTransformerTrainer(dataset, small);
    trainer.trainSteps(30);
    const file = JSON.parse(JSON.stringify(trainer.save()));
    expect(file.format).toBe('floe-decision-transformer');
    expect(file.version).toBe(1);
    expect(file.config).toEqual(trainer.config);
    expect(file.provenance).toMatchObject({ world: dataset.world, episodes: dataset.episodes.length, trainSteps: 30, source: dataset.source });
    expect(file.provenance.returns.max).toBeCloseTo(1.8, 6);
    const batch = trainer.sampler.sample(4, createRng(1));
    const expected = logitsOf(trainer.model, batch);
    for (let i = 0; i < 3; i++) {
      const loaded = loadDecisionTransformer(file);
      expect(loaded.provenance).toEqual(file.provenance);
      expect(loaded.model.config).toEqual(trainer.config);
      expect(logitsOf(loaded.model, batch)).toEqual(expected);
      loaded.model.dispose();
    }
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a damaged file with one precise message and leaves nothing allocated', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    const good = JSON.parse(JSON.stringify(trainer.save()));
    trainer.dispose();
    const before = tf.memory().numTensors;
    const damaged = (change: (file: FileJson) => void) => {
      const copy = JSON.parse(JSON.stringify(good));
      change(copy);
      return () => loadDecisionTransformer(copy);
    };
    expect(() => loadDecisionTransformer(null)).toThrow('decision transformer file: must be a JSON object');
    expect(damaged((f) => (f.format = 'floe-agent'))).toThrow("decision transformer file: format must be 'floe-decision-transformer', got \"floe-agent\"");
    expect(damaged((f) => (f.version = 2))).toThrow('decision transformer file: version must be 1, got 2');
    expect(damaged((f) => (f.config.heads = 3))).toThrow('decision transformer file: config: heads 3 must divide width 16');
    expect(damaged((f) => (f.config.layers = 0))).toThrow('decision transformer file: config: layers must be an integer in [1, 24], got 0');
    expect(damaged((f) => (f.dims.nActions = 0))).toThrow('decision transformer file: dims: nActions must be an integer >= 2, got 0');
    expect(damaged((f) => (f.dims.input = { kind: 'one-hot', size: -1 }))).toThrow('decision transformer file: dims: input.size must be a positive integer, got -1');
    expect(damaged((f) => delete f.provenance.returns)).toThrow('decision transformer file: provenance.returns must be an object with min, mean and max');
    expect(damaged((f) => (f.provenance.trainSteps = -3))).toThrow('decision transformer file: provenance.trainSteps must be a whole number, got -3');
    expect(damaged((f) => (f.weights.names[3] = 'embed/oops'))).toThrow("decision transformer file: weights.names[3] is \"embed/oops\", expected 'embed/state/biases'");
    expect(damaged((f) => (f.weights.shapes[2] = [16, 8]))).toThrow('decision transformer file: weights: embed/state/weights has shape [16,8], expected [16, 16]');
    expect(damaged((f) => (f.weights.data = f.weights.data.slice(0, -8)))).toThrow(/decision transformer file: weights.data has \d+ bytes, expected \d+ \(\d+ float32 values\): truncated/);
    expect(damaged((f) => (f.weights.data = `*${f.weights.data.slice(1)}`))).toThrow('decision transformer file: weights.data: data is not base64: character 0 is "*"');
    // A NaN in the first value: 0x7fc00000 little-endian is 00 00 c0 7f, base64 "AADAfw".
    expect(damaged((f) => (f.weights.data = `AADAfw${f.weights.data.slice(6)}`))).toThrow(
      'decision transformer file: weights: embed/return-to-go/weights value 0 is NaN, expected a finite number',
    );
    expect(damaged((f) => ((f as { weights: unknown }).weights = 'none'))).toThrow('decision transformer file: weights must be an object with names, shapes and data');
    expect(tf.memory().numTensors).toBe(before);
  });
});
