/**
 * Behaviour cloning (agents/offline/behaviour-cloning.ts): config checks, no tensor leaks, the
 * same seed giving the same weights, save and load, and the learning test on the penguin
 * world of fig 19.10 with an expert from value iteration.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { BehaviourCloning, createBehaviourCloning, describeBehaviourCloningConfig, loadBehaviourCloning, type BehaviourCloningConfig } from '../../agents/offline/behaviour-cloning';
import { datasetStats } from '../../agents/offline/dataset-stats';
import type { Dataset } from '../../agents/offline/dataset-types';
import { valueIterationExpert } from '../../agents/offline/experts';
import { gridCellOf, recordEpisodes } from '../../agents/offline/recorder';
import type { Observation } from '../../agents/deep/types';
import { makeBreakout } from '../../environments/arcade';
import { createRng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld';

const penguin = GRIDWORLD_PRESETS['fig-19-10'].spec;
const gridEnv = () => makeGridworld(penguin);
const expert = valueIterationExpert(gridEnv().model, penguin.gamma);
const cells = Array.from({ length: 16 }, (_, cell) => cell);

function expertDataset(episodes: number, randomRate: number, seed: number): Dataset {
  return recordEpisodes({ env: gridEnv(), world: 'fig-19-10', policy: expert.policy, agent: 'value-iteration', episodes, seed, randomRate, stateIndex: gridCellOf });
}

const small: Partial<BehaviourCloningConfig> = { hiddenLayers: 1, hiddenUnits: 16, learningRate: 0.01, batchSize: 16, seed: 3 };

beforeAll(async () => {
  expect(await initBackend('cpu')).toBe('cpu');
});

describe('behaviour cloning config and checks', () => {
  const dataset = expertDataset(5, 0.2, 1);

  it('has documented defaults and rejects bad values with precise messages', () => {
    const docs = describeBehaviourCloningConfig();
    expect(docs.map((d) => d.key)).toEqual(['hiddenLayers', 'hiddenUnits', 'activation', 'seed', 'convFilters', 'convKernel', 'convStride', 'learningRate', 'batchSize', 'maxGradNorm']);
    expect(docs.every((d) => d.doc.length > 10)).toBe(true);
    expect(() => createBehaviourCloning(dataset, { batchSize: 0 })).toThrow('behaviour-cloning config: batchSize must be an integer in [1, 65536], got 0');
    expect(() => createBehaviourCloning(dataset, { learningRate: 0 })).toThrow('behaviour-cloning config: learningRate must be in (0, 1], got 0');
    expect(() => createBehaviourCloning(dataset, { epochs: 3 } as never)).toThrow("unknown option 'epochs' for behaviour-cloning");
    expect(() => createBehaviourCloning({ ...dataset, nActions: 1 })).toThrow('behaviour-cloning: nActions must be an integer from 2 to 1024 (a policy needs a choice), got 1');
    expect(() => createBehaviourCloning({ ...dataset, episodes: [] })).toThrow('behaviour-cloning: the dataset has no steps to learn from');
  });

  it('refuses a dataset of another world or shape, and training without one', () => {
    const before = tf.memory().numTensors;
    const learner = new BehaviourCloning({ world: 'fig-19-10', input: { kind: 'one-hot', size: 16 }, nActions: 4 }, small);
    expect(() => learner.trainSteps(1)).toThrow('behaviour-cloning: no dataset to learn from: call setDataset(dataset) first');
    expect(() => learner.setDataset({ ...dataset, world: 'cliff-walk' })).toThrow('behaviour-cloning: the dataset is of world "cliff-walk", but this policy is for "fig-19-10"');
    expect(() => learner.setDataset({ ...dataset, input: { kind: 'vector', size: 2 } })).toThrow('behaviour-cloning: the dataset\'s input {"kind":"vector","size":2} is not the policy\'s {"kind":"one-hot","size":16}');
    const wrong = { ...dataset, episodes: [{ ...dataset.episodes[0], observations: dataset.episodes[0].observations.map((o, t) => (t === 1 ? 16 : o)) }] };
    expect(() => learner.setDataset(wrong)).toThrow('behaviour-cloning: dataset episode 0 step 1 observation is 16, which does not fit the one-hot input of 16 states');
    expect(() => learner.step(1, 'episode')).toThrow("behaviour-cloning: steps are gradient steps; unit 'episode' does not apply");
    expect(() => learner.act(0, 'explore' as never)).toThrow("behaviour-cloning: act mode must be 'greedy' or 'sample', got \"explore\"");
    learner.dispose();
    expect(() => learner.trainSteps(1)).toThrow('behaviour-cloning: used after dispose()');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('behaviour cloning tensors', () => {
  it('frees every tensor: 1,000 steps, acting, probabilities and a save/load cycle leave numTensors unchanged', () => {
    const dataset = expertDataset(10, 0.2, 2);
    const before = tf.memory().numTensors;
    let learner = createBehaviourCloning(dataset, small);
    const created = tf.memory().numTensors;
    const rows = learner.trainSteps(1000);
    expect(rows).toHaveLength(1000);
    const rng = createRng('acting');
    for (const cell of cells) {
      learner.act(cell, 'greedy');
      learner.act(cell, 'sample', rng);
    }
    learner.actionProbabilitiesBatch(cells);
    expect(tf.memory().numTensors).toBe(created);
    const file = JSON.parse(JSON.stringify(learner.save())) as unknown;
    learner.dispose();
    learner = loadBehaviourCloning(file, dataset);
    learner.trainSteps(10);
    expect(tf.memory().numTensors).toBe(created);
    learner.dispose();
    // A failed load disposes what it built.
    expect(() => loadBehaviourCloning({ ...(file as object), network: { shapes: [], data: '' } })).toThrow(/^behaviour-cloning file: network: weights file: has 0 arrays/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on an arcade game through a conv layer without leaks, its loss falling', () => {
    const env = makeBreakout() as unknown as Env<unknown, Observation, number>;
    const dataset = recordEpisodes({ env, world: 'arcade/breakout', policy: (_obs, rng) => (rng.next() < 0.8 ? 0 : rng.int(3)), agent: 'mostly-noop', episodes: 3, seed: 4 });
    const before = tf.memory().numTensors;
    const learner = createBehaviourCloning(dataset, { ...small, convFilters: 4, hiddenUnits: 32, batchSize: 32 });
    const rows = learner.trainSteps(60);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const losses = rows.map((row) => row['losses/bc_loss']);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) - 0.2);
    expect(learner.actionProbabilities(dataset.episodes[0].observations[0])).toHaveLength(dataset.nActions);
    learner.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('behaviour cloning reproducibility', () => {
  it('same seed, same dataset: the same metrics and weights bit for bit; another seed differs', () => {
    const dataset = expertDataset(20, 0.3, 5);
    const run = (seed: number) => {
      const learner = createBehaviourCloning(dataset, { ...small, seed });
      const rows = learner.trainSteps(150);
      const weights = learner.network.getWeights();
      learner.dispose();
      return { rows, weights };
    };
    const a = run(7);
    expect(a.rows[149]).toMatchObject({ global_step: 150 });
    expect(run(7)).toEqual(a);
    expect(run(8).weights).not.toEqual(a.weights);
  });

  it('save and load: the same action probabilities, config and provenance', () => {
    const dataset = expertDataset(20, 0.3, 6);
    const learner = createBehaviourCloning(dataset, small);
    learner.trainSteps(100);
    const file = learner.save();
    expect(file).toMatchObject({
      format: 'floe-bc-policy',
      version: 1,
      world: 'fig-19-10',
      input: { kind: 'one-hot', size: 16 },
      nActions: 4,
      provenance: { trainSteps: 100, dataset: { world: 'fig-19-10', source: { kind: 'mixture', agent: 'value-iteration', randomRate: 0.3 }, episodes: 20, steps: datasetStats(dataset).steps, meanReturn: datasetStats(dataset).meanReturn } },
    });
    const loaded = loadBehaviourCloning(JSON.parse(JSON.stringify(file)));
    expect(loaded.actionProbabilitiesBatch(cells)).toEqual(learner.actionProbabilitiesBatch(cells));
    expect(cells.map((c) => loaded.act(c, 'greedy'))).toEqual(cells.map((c) => learner.act(c, 'greedy')));
    expect(loaded.config).toEqual(learner.config);
    expect(loaded.save()).toEqual(file);
    expect(() => loaded.trainSteps(1)).toThrow('no dataset to learn from');
    loaded.dispose();
    learner.dispose();
  });

  it('a damaged file is refused with one message naming the field', () => {
    const learner = createBehaviourCloning(expertDataset(3, 0, 7), small);
    const file = JSON.parse(JSON.stringify(learner.save())) as Record<string, unknown>;
    learner.dispose();
    const before = tf.memory().numTensors;
    const bad = (patch: Record<string, unknown>) => () => loadBehaviourCloning({ ...file, ...patch });
    expect(bad({ format: 'floe-policy' })).toThrow("behaviour-cloning file: format must be 'floe-bc-policy', got \"floe-policy\"");
    expect(bad({ extra: 1 })).toThrow('behaviour-cloning file: unknown key "extra"');
    expect(bad({ config: { ...(file.config as object), hiddenUnits: 0 } })).toThrow('behaviour-cloning file: behaviour-cloning config: hiddenUnits must be an integer in [1, 4096], got 0');
    expect(bad({ config: { ...(file.config as object), hiddenUnits: 8 } })).toThrow('behaviour-cloning file: network: weights file: layer 1 weights have shape [16, 16], expected [16, 8]');
    expect(bad({ nActions: 5 })).toThrow('behaviour-cloning file: network: weights file: layer 2 weights have shape [16, 4], expected [16, 5]');
    expect(bad({ provenance: { trainSteps: -1, dataset: null } })).toThrow('behaviour-cloning file: provenance.trainSteps must be a whole number, got -1');
    expect(() => loadBehaviourCloning(file, { ...expertDataset(1, 0, 1), world: 'elsewhere' })).toThrow('behaviour-cloning file: behaviour-cloning: the dataset is of world "elsewhere"');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('behaviour cloning learns from an expert', () => {
  /**
   * The test. The world of fig 19.10 (book slip 0.5, -2 for leaving a hole, +3 for the
   * fish, 100-step limit); the expert is value iteration's greedy policy. Returns here have a
   * standard deviation of about 5, so with 300 recorded and 1,000 evaluation episodes the
   * difference of two means has a standard error of about 0.33: the tolerance, 1.0, is three
   * standard errors. A uniformly random policy averages about -12, so the test can fail.
   */
  const TOLERANCE = 1.0;
  const config: Partial<BehaviourCloningConfig> = { hiddenLayers: 1, hiddenUnits: 32, learningRate: 0.01, batchSize: 64, seed: 1 };
  const evaluate = (learner: BehaviourCloning, seed: number) =>
    datasetStats(recordEpisodes({ env: gridEnv(), world: 'fig-19-10', policy: learner.policy('greedy'), agent: 'behaviour-cloning', episodes: 1000, seed })).meanReturn!;

  it("reaches the expert dataset's average return (within 1.0 over 1,000 evaluation episodes)", () => {
    const dataset = expertDataset(300, 0, 11);
    const target = datasetStats(dataset).meanReturn!;
    const learner = createBehaviourCloning(dataset, config);
    const rows = learner.trainSteps(300);
    expect(rows[299]['charts/accuracy']).toBeGreaterThan(0.9);
    const achieved = evaluate(learner, 12);
    learner.dispose();
    expect(Math.abs(achieved - target)).toBeLessThan(TOLERANCE);
    // The clone acts as the expert wherever it goes: on the same evaluation seed, the very same episodes.
    const expertReturn = datasetStats(recordEpisodes({ env: gridEnv(), world: 'fig-19-10', policy: expert.policy, agent: 'value-iteration', episodes: 1000, seed: 12 })).meanReturn;
    expect(achieved).toBe(expertReturn);
  });

  it('from an expert mixed with 30% random actions it clones the expert, and does at least as well as its data', () => {
    const dataset = expertDataset(300, 0.3, 13);
    const stats = datasetStats(dataset);
    const learner = createBehaviourCloning(dataset, config);
    learner.trainSteps(300);
    // The expert's action is the most frequent one in every cell the data visits: the greedy clone picks it.
    const visited = cells.filter((cell) => stats.stateVisits![cell] > 0);
    expect(visited.length).toBeGreaterThan(12);
    expect(visited.map((cell) => learner.act(cell, 'greedy'))).toEqual(visited.map((cell) => expert.actions[cell]));
    const achieved = evaluate(learner, 14);
    learner.dispose();
    expect(achieved).toBeGreaterThan(stats.meanReturn! - TOLERANCE);
    const random = datasetStats(recordEpisodes({ env: gridEnv(), world: 'fig-19-10', policy: (_obs, rng) => rng.int(4), agent: 'random', episodes: 1000, seed: 14 })).meanReturn!;
    expect(random).toBeLessThan(stats.meanReturn! - 5);
  });
});
