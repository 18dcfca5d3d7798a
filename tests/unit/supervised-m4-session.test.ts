/**
 * The 'conv-vs-mlp' module session (supervised/m4-session/conv-vs-mlp-session.ts) on wasm: the
 * fig. 10.7 conv net and the fig. 10.8 MLP with exactly 2,050 and 59,065 parameters (counted from
 * their variables, and equal to supervised/m4's layer-by-layer count), trained in lockstep on the
 * same minibatches; the rows carry each network's metrics under its own prefix; both answer the
 * "shift the input" question; runs repeat bit for bit; nothing leaks; bad configs name the field.
 *
 * The learning check was measured on this machine (wasm, the default dataset, the 'notebook'
 * preset: book-form momentum alpha 0.005 summed over batches of 100, i.e. PyTorch's lr 0.05 with
 * momentum 0.9): after 400 steps, seeds 1-3 gave conv train / test error 0.20-0.31 / 0.22-0.35
 * and MLP 0.10-0.16 / 0.35-0.38. The MLP fits the training data faster, the conv net generalises
 * better (fig. 10.8's story). Seed 1: conv 0.24 / 0.26, MLP 0.10 / 0.35.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { MNIST1D_CONV_NET, MNIST1D_MLP, summariseNetwork1d } from '../../supervised/m4';
import '../../supervised/m4-session/register';
import { ConvVsMlpSession, CONV_VS_MLP_PRESETS, getConvVsMlpPreset, networkMetric, type ConvVsMlpAnswer } from '../../supervised/m4-session';

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

const config = (options: Record<string, unknown> = {}, seed = 1, world: unknown = {}): ModuleRunConfig => ({ module: 'conv-vs-mlp', world, agent: 'conv-vs-mlp', options, seed });
const notebook = getConvVsMlpPreset('notebook').training;

describe('the conv-vs-mlp session', () => {
  it('registers; the networks have exactly 2,050 and 59,065 parameters, as supervised/m4 counts them', () => {
    const session = createModuleSession(config()) as ConvVsMlpSession;
    expect(session).toBeInstanceOf(ConvVsMlpSession);
    expect(session.units).toEqual(['step']);
    const s = session.snapshot();
    expect(s.kind).toBe('conv-vs-mlp');
    expect(s.networks.conv.parameters).toBe(2050);
    expect(s.networks.mlp.parameters).toBe(59065);
    expect(summariseNetwork1d(MNIST1D_CONV_NET.input, MNIST1D_CONV_NET.layers).parameters).toBe(s.networks.conv.parameters);
    expect(summariseNetwork1d(MNIST1D_MLP.input, MNIST1D_MLP.layers).parameters).toBe(s.networks.mlp.parameters);
    // The default is fig. 10.8's run: SGD, alpha 0.01 / 100 on the summed loss, 100,000 steps.
    expect(s).toMatchObject({ step: 0, steps: 100_000, evalEvery: 1000, done: false });
    expect(s.training).toContain('SGD');
    expect(s.dataset).toMatchObject({ train: 4000, test: 1000, sequenceLength: 40, classes: 10 });
    expect(s.convKernels).toMatchObject({ rows: 15, columns: 3 });
    expect(CONV_VS_MLP_PRESETS.map((p) => p.id)).toEqual(['notebook', 'book']);
    session.dispose();
  });

  it('steps both networks in lockstep: one row per step, each metric under its network’s prefix', () => {
    const session = new ConvVsMlpSession(config({ ...notebook, steps: 6, evalEvery: 3 }));
    const rows = session.step(4);
    expect(rows.map((r) => r.global_step)).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['global_step', ...['conv', 'mlp'].flatMap((n) => ['charts/test_error', 'charts/train_error', 'losses/test_loss', 'losses/train_loss'].map((k) => `${n}/${k}`))].sort(),
    );
    expect(Object.keys(rows[1]).sort()).toEqual(['conv/losses/batch_loss', 'global_step', 'mlp/losses/batch_loss']);
    expect(rows[3][networkMetric('conv', 'charts/test_error')]).toBeGreaterThan(0);
    expect(rows[3][networkMetric('mlp', 'charts/test_error')]).toBeGreaterThan(0);
    expect(session.snapshot()).toMatchObject({ step: 4, steps: 6, evalEvery: 3 });
    expect(session.step(5)).toHaveLength(2); // the budget ends at 6
    expect(session.done()).toBe(true);
    session.dispose();
    expect(() => session.step(1)).toThrow('conv vs mlp: the session was used after dispose()');
  });

  it('learns (notebook preset, 400 steps, seed 1): the MLP fits faster, the conv net generalises better', () => {
    const session = new ConvVsMlpSession(config({ ...notebook, evalEvery: 400 }));
    const rows = session.step(400);
    const end = rows[rows.length - 1];
    const value = (network: 'conv' | 'mlp', key: string) => end[networkMetric(network, key)];
    expect(end.global_step).toBe(400);
    expect(value('conv', 'charts/test_error')).toBeGreaterThan(0.15);
    expect(value('conv', 'charts/test_error')).toBeLessThan(0.35);
    expect(value('mlp', 'charts/train_error')).toBeLessThan(value('conv', 'charts/train_error'));
    expect(value('mlp', 'charts/test_error')).toBeGreaterThan(value('conv', 'charts/test_error'));
    expect(value('mlp', 'charts/test_error')).toBeLessThan(0.5);
    const s = session.snapshot();
    expect(s.networks.conv.latest?.testError).toBe(value('conv', 'charts/test_error'));
    expect(s.epoch).toBe(10);
    session.dispose();
  }, 60_000);

  it('both networks answer the shift question; the input they see is rotated', () => {
    const session = new ConvVsMlpSession(config(notebook));
    const plain = session.query({ kind: 'predict', split: 'test', index: 3 }) as ConvVsMlpAnswer;
    const shifted = session.query({ kind: 'predict', split: 'test', index: 3, shift: 5 }) as ConvVsMlpAnswer;
    expect(plain.conv.input).toEqual(plain.mlp.input);
    expect(shifted.conv.input.slice(5)).toEqual(plain.conv.input.slice(0, 35));
    expect(plain.conv.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(plain.conv.layers.map((l) => l.shape)).toEqual([[19, 15], [9, 15], [4, 15], [10]]);
    expect(plain.mlp.layers.map((l) => l.shape)).toEqual([[285], [135], [60], [10]]);
    expect(() => session.query({ kind: 'why' })).toThrow("mnist1d: question kind must be 'predict'");
    session.dispose();
  });

  it('same seed, same rows bit for bit; another seed, other rows', () => {
    const rowsOf = (seed: number) => {
      const session = new ConvVsMlpSession(config({ ...notebook, evalEvery: 10 }, seed));
      const rows = [...session.step(10), ...session.step(10)];
      session.dispose();
      return rows;
    };
    const first = rowsOf(7);
    expect(rowsOf(7)).toEqual(first);
    expect(rowsOf(8)).not.toEqual(first);
  });

  it('leaks no tensor: steps, snapshots and questions keep the count, dispose frees everything', () => {
    const before = tf.memory().numTensors;
    const session = new ConvVsMlpSession(config({ ...notebook, evalEvery: 5 }));
    const held = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      session.step(5);
      session.snapshot();
      session.query({ kind: 'predict', split: 'train', index: i, shift: i });
    }
    expect(tf.memory().numTensors).toBe(held);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the field of a bad config and frees what it made', () => {
    const before = tf.memory().numTensors;
    const bad = (patch: Partial<ModuleRunConfig>) => () => new ConvVsMlpSession({ ...config(), ...patch } as ModuleRunConfig);
    expect(bad({ agent: 'conv' })).toThrow("conv vs mlp: agent must be 'conv-vs-mlp', got \"conv\"");
    expect(bad({ options: { hidden: [10] } })).toThrow("conv vs mlp: unknown option 'hidden': the networks are fixed");
    expect(bad({ options: { batchSize: 0 } })).toThrow("conv vs mlp: the conv net: mnist1d: options: mnist1d training: batchSize must be a whole number of at least 1 or 'full', got 0");
    expect(bad({ world: { labelNoise: 2 } })).toThrow('conv vs mlp: the conv net: mnist1d: world.labelNoise must be a fraction in [0, 1], got 2');
    expect(bad({ seed: 1.5 })).toThrow('conv vs mlp: the conv net: mnist1d: seed must be a whole number');
    expect(tf.memory().numTensors).toBe(before);
    const session = new ConvVsMlpSession(config(notebook));
    expect(() => session.step(1, 'episode')).toThrow("conv vs mlp: steps are optimiser steps; unit 'episode' does not apply");
    expect(() => session.saveRun()).toThrow('conv vs mlp: the comparison is not saved to a file');
    expect(() => getConvVsMlpPreset('fast')).toThrow("conv vs mlp: no preset 'fast'; presets are notebook, book");
    session.dispose();
  });
});
