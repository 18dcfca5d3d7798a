/**
 * The GRU cell and the recurrent model under the recurrent agents (agents/deep/recurrent/):
 * the cell's equations against a plain-JS reference, step by step and over a sequence with the
 * same numbers, gradients reaching the first step (BPTT), seeded initialisation, the padded
 * time-major batch layout, weight files, and no leaked tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { RECURRENT_REINFORCE_DEFAULTS } from '../../agents/deep/recurrent/config/reinforce';
import { EpisodeReplay } from '../../agents/deep/recurrent/episode-replay';
import { timeMajorInput, type Episode } from '../../agents/deep/recurrent/episodes';
import { GruCell } from '../../agents/deep/recurrent/gru';
import { RecurrentModel } from '../../agents/deep/recurrent/recurrent-model';
import { createRng } from '../../environments/core/rng';

beforeAll(async () => {
  await initBackend('wasm');
});

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** The GRU equations of gru.ts in plain JS: W [in, 3H], U [H, 3H], b [3H], gates z, r, n. */
function referenceStep(W: Float32Array, U: Float32Array, b: Float32Array, x: number[], h: number[]): number[] {
  const H = h.length;
  const xw = (col: number) => x.reduce((sum, xi, i) => sum + xi * W[i * 3 * H + col], b[col]);
  const hu = (col: number) => h.reduce((sum, hj, j) => sum + hj * U[j * 3 * H + col], 0);
  return h.map((hk, k) => {
    const z = sigmoid(xw(k) + hu(k));
    const r = sigmoid(xw(H + k) + hu(H + k));
    const n = Math.tanh(xw(2 * H + k) + r * hu(2 * H + k));
    return (1 - z) * n + z * hk;
  });
}

describe('GruCell', () => {
  it('computes the GRU equations, step by step and over a sequence with the same numbers', () => {
    const cell = new GruCell(3, 4, 7);
    // Non-zero biases, so that their place in each gate is checked too.
    tf.tidy(() => cell.variables[2].assign(tf.tensor1d(Array.from({ length: 12 }, (_, i) => 0.1 * (i - 6)))));
    const [W, U, b] = cell.variables.map((v) => new Float32Array(v.dataSync()));
    const rng = createRng('gru-inputs');
    const xs = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => 2 * rng.next() - 1));
    let h = [0, 0, 0, 0];
    const expected: number[][] = [];
    for (const x of xs) {
      h = referenceStep(W, U, b, x, h);
      expected.push(h);
    }
    const stepped: number[][] = [];
    tf.tidy(() => {
      let state = cell.zeroState(1);
      for (const x of xs) {
        state = cell.step(tf.tensor2d([x]), state);
        stepped.push(Array.from(state.dataSync()));
      }
    });
    const sequenced = tf.tidy(() => Array.from(cell.sequence(tf.tensor3d(xs.map((x) => [x])), cell.zeroState(1)).outputs.dataSync()));
    for (let t = 0; t < xs.length; t++) {
      for (let k = 0; k < 4; k++) {
        expect(stepped[t][k]).toBeCloseTo(expected[t][k], 5);
        expect(sequenced[t * 4 + k]).toBeCloseTo(stepped[t][k], 6);
      }
    }
    cell.dispose();
  });

  it('initialises glorot-uniform from the seed, zero biases', () => {
    const a = new GruCell(5, 8, 3);
    const b = new GruCell(5, 8, 3);
    const c = new GruCell(5, 8, 4);
    const [wa, ua, ba] = a.variables.map((v) => Array.from(v.dataSync()));
    expect(a.variables.map((v) => v.shape)).toEqual([[5, 24], [8, 24], [24]]);
    expect(b.variables.map((v) => Array.from(v.dataSync()))).toEqual([wa, ua, ba]);
    expect(Array.from(c.variables[0].dataSync())).not.toEqual(wa);
    expect(ba.every((v) => v === 0)).toBe(true);
    const inputLimit = Math.sqrt(6 / (5 + 8));
    const recurrentLimit = Math.sqrt(6 / (8 + 8));
    expect(Math.max(...wa.map(Math.abs))).toBeLessThanOrEqual(inputLimit);
    expect(Math.max(...wa.map(Math.abs))).toBeGreaterThan(0.8 * inputLimit);
    expect(Math.max(...ua.map(Math.abs))).toBeLessThanOrEqual(recurrentLimit);
    for (const cell of [a, b, c]) cell.dispose();
  });

  it('backpropagates through time: the last state depends on the first input', () => {
    const cell = new GruCell(2, 3, 1);
    const firstInputGradient = tf.tidy(() => {
      const x = tf.tensor3d([[[1, -1]], [[0, 0]], [[0, 0]], [[0, 0]]]);
      const gradient = tf.grad((input: tf.Tensor) => tf.sum(cell.sequence(input as tf.Tensor3D, cell.zeroState(1)).final))(x);
      return Array.from(tf.slice(gradient, [0, 0, 0], [1, 1, 2]).dataSync());
    });
    expect(Math.max(...firstInputGradient.map(Math.abs))).toBeGreaterThan(1e-3);
    // And the variables get gradients through every step.
    const norms = tf.tidy(() => {
      const x = tf.tensor3d([[[1, -1]], [[0.5, 0]], [[0, 0.5]]]);
      const { grads } = tf.variableGrads(() => tf.sum(cell.sequence(x, cell.zeroState(1)).final) as tf.Scalar, cell.variables);
      return cell.variables.map((v) => tf.norm(grads[v.name]).dataSync()[0]);
    });
    expect(norms.every((n) => n > 0)).toBe(true);
    cell.dispose();
  });

  it('rejects bad sizes and shapes with precise messages', () => {
    expect(() => new GruCell(0, 4, 1)).toThrow('gru: inputSize must be a positive integer, got 0');
    expect(() => new GruCell(3, 2.5, 1)).toThrow('gru: hiddenSize must be a positive integer, got 2.5');
    const cell = new GruCell(3, 4, 1);
    expect(() => tf.tidy(() => cell.step(tf.zeros([2, 3]), tf.zeros([2, 5])))).toThrow('gru: hidden state has shape [2, 5], expected [2, 4]');
    expect(() => tf.tidy(() => cell.step(tf.zeros([2, 2]), tf.zeros([2, 4])))).toThrow('gru: input has shape [2, 2], expected [batch, 3]');
    cell.dispose();
    expect(() => tf.tidy(() => cell.project(tf.zeros([1, 3])))).toThrow('gru: used after dispose()');
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const cell = new GruCell(3, 4, 1);
    const created = tf.memory().numTensors;
    expect(created - before).toBe(3);
    for (let i = 0; i < 50; i++) {
      tf.tidy(() => {
        cell.sequence(tf.ones([6, 2, 3]), cell.zeroState(2));
        tf.variableGrads(() => tf.sum(cell.step(tf.ones([2, 3]), cell.zeroState(2))) as tf.Scalar, cell.variables);
      });
    }
    expect(tf.memory().numTensors).toBe(created);
    cell.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

const episode = (observations: number[][], finalObs: number[], terminated: boolean): Episode => ({
  observations: observations.map((o) => Float32Array.from(o)),
  actions: observations.map(() => 0),
  rewards: observations.map(() => 0),
  finalObs: Float32Array.from(finalObs),
  terminated,
});

describe('timeMajorInput', () => {
  it('lays out step t of episode b at row t * B + b, the final observation after the last step, zeros after', () => {
    const { values, steps, batch } = timeMajorInput({ kind: 'vector', size: 2 }, [
      episode([[1, 1], [2, 2], [3, 3]], [4, 4], true),
      episode([[5, 5]], [6, 6], false),
    ]);
    expect([steps, batch]).toEqual([4, 2]);
    expect(Array.from(values)).toEqual([1, 1, 5, 5, 2, 2, 6, 6, 3, 3, 0, 0, 4, 4, 0, 0]);
    const oneHot = timeMajorInput({ kind: 'one-hot', size: 3 }, [{ observations: [2], actions: [0], rewards: [0], finalObs: 0, terminated: true }]);
    expect(Array.from(oneHot.values)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => timeMajorInput({ kind: 'vector', size: 3 }, [episode([[1, 1]], [0, 0], true)])).toThrow('episode 0 observation 0 must be a Float32Array of 3 numbers, got 2 numbers');
  });
});

describe('RecurrentModel', () => {
  const config = { ...RECURRENT_REINFORCE_DEFAULTS, encoderUnits: 5, hiddenSize: 4, seed: 2 };
  const input = { kind: 'vector', size: 3 } as const;

  it('gives the same outputs acting step by step and over a padded batch from a zero memory', () => {
    const model = new RecurrentModel(input, config, [{ name: 'q', outputs: 2 }]);
    const observations = [[1, 0, 0], [0, 0, 0], [0, 0, 1]].map((o) => Float32Array.from(o));
    let memory = model.zeroMemory();
    const acted = observations.map((obs) => {
      const { outputs, hidden } = model.actStep(obs, memory, false);
      memory = hidden;
      return Array.from(outputs);
    });
    // The same episode next to a longer one: padding after it changes nothing before it.
    const { values, steps, batch } = timeMajorInput(input, [episode([[1, 0, 0], [0, 0, 0]], [0, 0, 1], true), episode([[0, 1, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]], [0, 0, 1], true)]);
    const batched = tf.tidy(() => model.sequence(tf.tensor2d(values, [steps * batch, 3]), steps, batch)[0].dataSync());
    for (let t = 0; t < 3; t++) for (let a = 0; a < 2; a++) expect(batched[(t * batch + 0) * 2 + a]).toBeCloseTo(acted[t][a], 5);
    model.dispose();
  });

  it('round-trips its weights through a file and names a bad variable', () => {
    const a = new RecurrentModel(input, config, [{ name: 'policy', outputs: 2 }, { name: 'value', outputs: 1 }]);
    const b = new RecurrentModel(input, { ...config, seed: 9 }, [{ name: 'policy', outputs: 2 }, { name: 'value', outputs: 1 }]);
    expect(a.variableNames).toEqual([
      'encoder weights', 'encoder biases', 'gru input weights', 'gru recurrent weights', 'gru biases',
      'policy head weights', 'policy head biases', 'value head weights', 'value head biases',
    ]);
    const file = JSON.parse(JSON.stringify(a.save()));
    b.setWeights(b.read('weights', file));
    expect(b.variables.map((v) => Array.from(v.dataSync()))).toEqual(a.variables.map((v) => Array.from(v.dataSync())));
    const bad = { ...file, shapes: file.shapes.map((s: number[], i: number) => (i === 3 ? [4, 9] : s)) };
    expect(() => b.read('weights', bad)).toThrow('weights: gru recurrent weights have shape [4, 9], expected [4, 12]');
    expect(() => b.read('weights', { ...file, data: file.data.slice(0, 8) })).toThrow('weights: data has 6 bytes');
    expect(() => new RecurrentModel({ kind: 'vector', size: 0 }, config, [{ name: 'q', outputs: 2 }])).toThrow('network spec: input.size must be a positive integer, got 0');
    a.dispose();
    b.dispose();
  });

  it('leaks no tensors, and a failed build disposes what it made', () => {
    const before = tf.memory().numTensors;
    const model = new RecurrentModel(input, config, [{ name: 'q', outputs: 2 }]);
    let memory = model.zeroMemory();
    for (let i = 0; i < 20; i++) memory = model.actStep(Float32Array.from([1, 0, 0]), memory, true).hidden;
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => new RecurrentModel(input, config, [{ name: 'q', outputs: 0 }])).toThrow('network spec: outputs must be a positive integer, got 0');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('EpisodeReplay', () => {
  it('drops the oldest episode when full and samples through the Rng', () => {
    const replay = new EpisodeReplay(2);
    const e1 = episode([[1]], [0], true);
    const e2 = episode([[2], [2]], [0], true);
    const e3 = episode([[3], [3], [3]], [0], false);
    replay.add(e1);
    replay.add(e2);
    replay.add(e3);
    expect([replay.size, replay.steps]).toEqual([2, 5]);
    const drawn = replay.sample(20, createRng('replay'));
    expect(new Set(drawn)).toEqual(new Set([e2, e3]));
    expect(replay.sample(20, createRng('replay'))).toEqual(drawn);
    expect(() => new EpisodeReplay(2).sample(1, createRng(1))).toThrow('episode replay: cannot sample from an empty replay');
    expect(() => new EpisodeReplay(0)).toThrow('episode replay: capacity must be a positive integer, got 0');
  });
});
