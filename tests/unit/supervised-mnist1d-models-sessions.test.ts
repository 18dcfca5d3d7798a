/**
 * The MNIST-1D module sessions (supervised/mnist1d-models): 'mnist1d' (training monitor, conv net
 * against the MLP) and 'double-descent' (the width sweep), created through the worker's registry
 * as the worker creates them: snapshot shapes, the presets' parameter counts, the predict
 * question, a whole tiny sweep, one precise message per bad config, no tensor leaks. wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import {
  DOUBLE_DESCENT_DEFAULTS,
  DoubleDescentSession,
  getMnist1dPreset,
  MNIST1D_PRESETS,
  Mnist1dSession,
  type DoubleDescentSnapshot,
  type Mnist1dSnapshot,
} from '../../supervised/mnist1d-models';
import '../../supervised/mnist1d-models/register';

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

/** A small dataset keeps these tests quick: 800 training and 200 test sequences. */
const SMALL_WORLD = { numSamples: 1000 };

function mnist1d(overrides: Partial<ModuleRunConfig> = {}): ModuleRunConfig {
  return { module: 'mnist1d', world: SMALL_WORLD, agent: 'mlp', options: { steps: 40, evalEvery: 20 }, seed: 1, ...overrides };
}

function tinySweep(overrides: Partial<ModuleRunConfig> = {}): ModuleRunConfig {
  return {
    module: 'double-descent',
    world: { numSamples: 200, trainSplit: 0.5, labelNoise: [0, 0.15] },
    agent: 'mlp',
    options: { widths: [2, 8], stepsPerWidth: 10, stepsPerUnit: 4 },
    seed: 1,
    ...overrides,
  };
}

describe("the 'mnist1d' session", () => {
  it('is registered with the worker and trains its budget', async () => {
    const session = (await createModuleSession(mnist1d())) as Mnist1dSession;
    expect(session).toBeInstanceOf(Mnist1dSession);
    expect(session.units).toEqual(['step']);
    const first = session.snapshot();
    expect(first.step).toBe(0);
    expect(first.latest).toBeNull();
    expect(first.batchLoss).toBeNull();
    const rows = session.step(25);
    expect(rows.map((r) => r.global_step)).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(Object.keys(rows[20]).sort()).toEqual(['charts/test_error', 'charts/train_error', 'global_step', 'losses/batch_loss', 'losses/test_loss', 'losses/train_loss']);
    session.step(100);
    expect(session.done()).toBe(true);
    const snapshot: Mnist1dSnapshot = session.snapshot();
    expect(snapshot).toMatchObject({
      kind: 'mnist1d',
      agent: 'mlp',
      network: { description: 'MLP 40-100-100-10', parameters: 15_210 },
      training: { batchSize: 100, steps: 40, evalEvery: 20 },
      dataset: { train: 800, test: 200, sequenceLength: 40, classes: 10, labelNoise: 0, randomisedLabels: 0, changedLabels: 0 },
      step: 40,
      epoch: 5,
      done: true,
    });
    expect(snapshot.training.description).toBe('SGD (eq. 6.10: φ ← φ − αg), α = 0.001, loss summed over batches of 100');
    expect(snapshot.latest?.step).toBe(40);
    expect(snapshot.latest?.testError).toBeGreaterThanOrEqual(0);
    expect(snapshot.latest?.testError).toBeLessThanOrEqual(1);
    expect(snapshot.network.layers.map((l) => l.name)).toEqual(['hidden 1', 'hidden 2', 'output']);
    expect([snapshot.firstLayer.rows, snapshot.firstLayer.columns, snapshot.firstLayer.values.length]).toEqual([100, 40, 4000]);
    // Plain data: it survives structured cloning unchanged.
    expect(structuredClone(snapshot)).toEqual(snapshot);
    session.dispose();
  });

  it("the presets build the book's networks: 15,210, 2,050 and 59,065 parameters", () => {
    const counts = ['training-monitor', 'conv-net', 'conv-comparison-mlp'].map((id) => {
      const session = new Mnist1dSession(getMnist1dPreset(id).config);
      const snapshot = session.snapshot();
      session.dispose();
      return [snapshot.network.parameters, snapshot.training.steps, snapshot.dataset.train, snapshot.dataset.test];
    });
    expect(counts).toEqual([
      [15_210, 6000, 4000, 1000],
      [2_050, 100_000, 4000, 1000],
      [59_065, 100_000, 4000, 1000],
    ]);
    expect(MNIST1D_PRESETS.map((p) => p.id)).toEqual(['training-monitor', 'conv-net', 'conv-comparison-mlp', 'double-descent', 'double-descent-book']);
  });

  it("the conv agent defaults to fig. 10.7's network and its kernels make a 15 x 3 grid", () => {
    const session = new Mnist1dSession(mnist1d({ agent: 'conv', options: { steps: 10 } }));
    const snapshot = session.snapshot();
    expect(snapshot.network.parameters).toBe(2_050);
    expect(snapshot.training.description).toBe('SGD (eq. 6.10: φ ← φ − αg), α = 0.0001, loss summed over batches of 100');
    expect([snapshot.firstLayer.rows, snapshot.firstLayer.columns]).toEqual([15, 3]);
    session.dispose();
  });

  it('reports the label noise it applied', () => {
    const session = new Mnist1dSession(mnist1d({ world: { ...SMALL_WORLD, labelNoise: 0.5 } }));
    const { dataset } = session.snapshot();
    expect(dataset.randomisedLabels).toBeGreaterThan(300);
    expect(dataset.randomisedLabels).toBeLessThan(500);
    // About 1 in 10 redrawn labels comes back as its own class.
    expect(dataset.changedLabels).toBeLessThan(dataset.randomisedLabels);
    expect(dataset.changedLabels).toBeGreaterThan(0.8 * dataset.randomisedLabels);
    session.dispose();
  });

  it("answers 'predict' for a dataset sequence, shifted, and for a page's own input", () => {
    const session = new Mnist1dSession(mnist1d({ agent: 'conv' }));
    const sequence = Array.from(session.dataset.test.inputs.slice(3 * 40, 4 * 40));
    const answer = session.query({ kind: 'predict', split: 'test', index: 3, shift: 5 });
    expect(answer.label).toBe(session.dataset.test.labels[3]);
    expect(answer.input[5]).toBeCloseTo(sequence[0], 6);
    expect(answer.input[0]).toBeCloseTo(sequence[35], 6);
    expect(answer.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(answer.predicted).toBe(answer.logits.indexOf(Math.max(...answer.logits)));
    expect(answer.layers.map((l) => [l.name, l.shape, l.values.length])).toEqual([
      ['conv 1', [19, 15], 285],
      ['conv 2', [9, 15], 135],
      ['conv 3', [4, 15], 60],
      ['output', [10], 10],
    ]);
    const own = session.query({ kind: 'predict', input: answer.input });
    expect(own.logits).toEqual(answer.logits);
    expect(own.label).toBeNull();
    const back = session.query({ kind: 'predict', split: 'test', index: 3, shift: -35 });
    expect(back.logits).toEqual(answer.logits);
    const problems: [unknown, string][] = [
      ['predict', "mnist1d: a question must be an object with kind 'predict'"],
      [{ kind: 'explain' }, 'mnist1d: question kind must be \'predict\', got "explain"'],
      [{ kind: 'predict', split: 'valid', index: 0 }, 'mnist1d: predict: split must be \'train\' or \'test\', got "valid"'],
      [{ kind: 'predict', split: 'test', index: 200 }, 'mnist1d: predict: index must be a whole number in [0, 200), got 200'],
      [{ kind: 'predict', input: [1, 2, 3] }, 'mnist1d: predict: input must be a list of 40 finite numbers'],
      [{ kind: 'predict', split: 'test', index: 0, shift: 0.5 }, 'mnist1d: predict: shift must be a whole number of samples, got 0.5'],
    ];
    for (const [question, message] of problems) expect(() => session.query(question)).toThrow(message);
    session.dispose();
  });

  it('names the bad field of a config', async () => {
    const cases: [ModuleRunConfig, string][] = [
      [mnist1d({ agent: 'resnet' }), 'mnist1d: agent must be \'mlp\' or \'conv\', got "resnet"'],
      [mnist1d({ seed: -1 }), 'mnist1d: seed must be a whole number from 0 to 2147483647, got -1'],
      [mnist1d({ world: { numSamples: 1005 } }), 'mnist1d: world: mnist1d options: numSamples must be a multiple of 10'],
      [mnist1d({ world: { noise: 0.1 } }), "mnist1d: world has an unknown field 'noise'"],
      [mnist1d({ world: { labelNoise: 1.5 } }), 'mnist1d: world.labelNoise must be a fraction in [0, 1], got 1.5'],
      [mnist1d({ options: { conv: [] } }), "mnist1d: unknown option 'conv' for agent 'mlp'; options are hidden, init, dropout, optimiser"],
      [mnist1d({ options: { hidden: [100, -1] } }), 'mnist1d: options: mnist1d network: hidden[1] must be an integer in [1, 100000], got -1'],
      [mnist1d({ options: { batchSize: 'all' } }), "mnist1d: options: mnist1d training: batchSize must be a whole number of at least 1 or 'full', got \"all\""],
      [mnist1d({ options: { optimiser: { kind: 'rmsprop', learningRate: 0.1 } } }), "mnist1d: options: mnist1d training: optimiser: optimiser config: kind must be one of 'sgd'"],
    ];
    for (const [config, message] of cases) expect(() => createModuleSession(config)).toThrow(message);
    const session = new Mnist1dSession(mnist1d());
    expect(() => session.step(1, 'episode')).toThrow("mnist1d: steps are optimiser steps; unit 'episode' does not apply");
    expect(() => session.step(200_000)).toThrow('mnist1d: step needs a whole number of optimiser steps up to 100000, got 200000');
    expect(() => session.saveRun()).toThrow('mnist1d: MNIST-1D runs are not saved to a file');
    expect(() => session.backupState()).toThrow('there is no Bellman backup');
    session.dispose();
    expect(() => session.snapshot()).toThrow('mnist1d: the session was used after dispose()');
  });
});

describe("the 'double-descent' session", () => {
  it('runs the whole sweep width by width, both noise levels, as steps of the worker', async () => {
    const session = (await createModuleSession(tinySweep())) as DoubleDescentSession;
    expect(session).toBeInstanceOf(DoubleDescentSession);
    const start: DoubleDescentSnapshot = session.snapshot();
    expect(start).toMatchObject({
      kind: 'double-descent',
      widths: [2, 8],
      parameters: [118, 490],
      depth: 2,
      trainCount: 100,
      testCount: 100,
      training: { stepsPerWidth: 10, stepsPerUnit: 4 },
      current: { width: 2, labelNoise: 0, step: 0, steps: 10, batchLoss: null },
      networksDone: 0,
      networksTotal: 4,
      done: false,
    });
    expect(start.training.description).toMatch(/^Adam, book form \(eq\. 6\.17: ε inside the square root\).*α = 0\.005, loss summed over the full batch of 100$/);
    expect(start.curves.map((c) => [c.labelNoise, c.randomisedLabels, c.points.length])).toEqual([
      [0, 0, 0],
      [0.15, start.curves[1].randomisedLabels, 0],
    ]);
    expect(start.curves[1].randomisedLabels).toBeGreaterThan(5);

    // 10 steps per network at 4 per unit: 3 units each (4 + 4 + 2); the third finishes it.
    const rows = session.step(3);
    expect(rows.map((r) => r.global_step)).toEqual([4, 8, 10, 10]);
    expect(rows[3]).toMatchObject({ 'charts/width': 2, 'charts/parameters': 118 });
    expect(Object.keys(rows[3]).sort()).toEqual(['charts/parameters', 'charts/test_error_noise0', 'charts/train_error_noise0', 'charts/width', 'global_step']);
    expect(session.snapshot().current).toMatchObject({ width: 2, labelNoise: 0.15, step: 0 });

    session.step(2);
    expect(session.snapshot().current).toMatchObject({ width: 2, labelNoise: 0.15, step: 8 });
    session.step(100);
    expect(session.done()).toBe(true);
    expect(session.step(5)).toEqual([]);
    const end = session.snapshot();
    expect(end.current).toBeNull();
    expect(end.networksDone).toBe(4);
    for (const curve of end.curves) {
      expect(curve.points.map((p) => [p.width, p.parameters])).toEqual([
        [2, 118],
        [8, 490],
      ]);
      for (const p of curve.points) for (const v of [p.trainError, p.testError]) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(structuredClone(end)).toEqual(end);
    session.dispose();
  });

  it('is deterministic per seed', () => {
    const run = () => {
      const session = new DoubleDescentSession(tinySweep());
      session.step(100);
      const { curves } = session.snapshot();
      session.dispose();
      return curves;
    };
    expect(run()).toEqual(run());
  });

  it('defaults to a coarse sweep with the book recipe (Adam 0.005, full batch, 0% and 15%)', () => {
    const session = new DoubleDescentSession({ module: 'double-descent', world: {}, agent: 'mlp', options: {}, seed: 1 });
    const snapshot = session.snapshot();
    expect(snapshot.widths).toEqual([...DOUBLE_DESCENT_DEFAULTS.widths]);
    expect([snapshot.trainCount, snapshot.testCount]).toEqual([2000, 1000]);
    expect(snapshot.curves.map((c) => c.labelNoise)).toEqual([0, 0.15]);
    expect(snapshot.parameters).toEqual(snapshot.widths.map((w) => w * w + 52 * w + 10));
    session.dispose();
  });

  it("the presets: the coarse default and the book's 10,000 / 5,000 setup with the notebook's widths", () => {
    const sizes = ['double-descent', 'double-descent-book'].map((id) => {
      const session = new DoubleDescentSession(getMnist1dPreset(id).config);
      const { trainCount, testCount, widths, training, networksTotal } = session.snapshot();
      session.dispose();
      return [trainCount, testCount, widths.length, training.stepsPerWidth, networksTotal];
    });
    expect(sizes).toEqual([
      [2000, 1000, DOUBLE_DESCENT_DEFAULTS.widths.length, 1000, 2 * DOUBLE_DESCENT_DEFAULTS.widths.length],
      [10_000, 5000, 28, 4000, 56],
    ]);
  });

  it('names the bad field of a config', () => {
    const cases: [ModuleRunConfig, string][] = [
      [tinySweep({ agent: 'conv' }), 'double-descent: agent must be \'mlp\' (hidden layers of equal width), got "conv"'],
      [tinySweep({ options: { widths: [8, 4] } }), 'double-descent: options.widths must increase, but widths[1] = 4 follows 8'],
      [tinySweep({ options: { widths: [] } }), 'double-descent: options.widths must be a list of 1 to 64 widths, got []'],
      [tinySweep({ options: { widths: [0] } }), 'double-descent: options.widths[0] must be an integer in [1, 4096], got 0'],
      [tinySweep({ options: { stepsPerUnit: 0 } }), 'double-descent: options.stepsPerUnit must be an integer in [1, 100000], got 0'],
      [tinySweep({ options: { epochs: 3 } }), "double-descent: unknown option 'epochs'"],
      [tinySweep({ options: { optimiser: { kind: 'adam' } } }), 'double-descent: options: mnist1d training: optimiser: adam config: learningRate is required'],
      [tinySweep({ world: { labelNoise: 0.15 } }), 'double-descent: world.labelNoise must be a list of 1 to 8 fractions, got 0.15'],
      [tinySweep({ world: { labelNoise: [0, 2] } }), 'double-descent: world.labelNoise[1] must be a fraction in [0, 1], got 2'],
      [tinySweep({ world: { labelNoise: [0.15, 0.151] } }), 'double-descent: world.labelNoise must differ by at least a whole percent'],
      [tinySweep({ world: { seed: 'x' } }), 'double-descent: world: mnist1d options: seed must be a finite number'],
    ];
    for (const [config, message] of cases) expect(() => createModuleSession(config)).toThrow(message);
  });
});

describe('tensors', () => {
  it('both sessions leave the tensor count as it was, stepping and after dispose', () => {
    const before = tf.memory().numTensors;
    const monitor = new Mnist1dSession(mnist1d({ options: { steps: 200, evalEvery: 5, dropout: 0.2, l2: 0.001 } }));
    monitor.step(3);
    const during = tf.memory().numTensors;
    monitor.step(30);
    monitor.snapshot();
    monitor.query({ kind: 'predict', split: 'train', index: 0, shift: 3 });
    expect(tf.memory().numTensors).toBe(during);
    monitor.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const sweep = new DoubleDescentSession(tinySweep());
    sweep.step(1);
    const sweeping = tf.memory().numTensors;
    sweep.step(3); // finishes the first network and starts the second, of the same width
    sweep.snapshot();
    expect(tf.memory().numTensors).toBe(sweeping);
    sweep.step(100);
    sweep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
