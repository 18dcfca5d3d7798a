/**
 * The MNIST-1D networks (supervised/mnist1d-models): the book's parameter counts exactly (15,210,
 * 2,050, 59,065 and the w^2 + 52 w + 10 of fig. 8.10), the 1-D im2col conv against tf.conv1d and
 * a hand computation, He initialisation, seeded weights, dropout in the book's form, the
 * first-layer grid, precise spec errors, no tensor leaks. Backend: cpu (tf.conv1d's forward pass
 * runs there too).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createRng } from '../../environments/core/rng';
import {
  BOOK_MLP,
  CONV_COMPARISON_MLP,
  CONV_NET,
  checkNetworkSpec,
  conv1dIm2col,
  describeNetwork,
  initBound,
  layerSummaries,
  Mnist1dNetwork,
  parameterCount,
  widthMlp,
  type Mnist1dNetworkSpec,
} from '../../supervised/mnist1d-models';

beforeAll(async () => {
  expect(await initBackend('cpu')).toBe('cpu');
});

describe('parameter counts', () => {
  it('are the book\'s exactly', () => {
    expect(parameterCount(BOOK_MLP)).toBe(15_210); // section 8.1
    expect(parameterCount(CONV_NET)).toBe(2_050); // fig. 10.7
    expect(parameterCount(CONV_COMPARISON_MLP)).toBe(59_065); // fig. 10.8
    expect(parameterCount(widthMlp(200))).toBe(50_410); // problem 8.4
    for (const w of [1, 7, 79, 400]) expect(parameterCount(widthMlp(w))).toBe(w * w + 52 * w + 10);
  });

  it('match the variables a network holds', () => {
    for (const spec of [BOOK_MLP, CONV_NET, CONV_COMPARISON_MLP]) {
      const network = new Mnist1dNetwork(spec, 1);
      expect(network.variables.reduce((sum, v) => sum + v.size, 0)).toBe(parameterCount(spec));
      expect(network.parameterCount()).toBe(parameterCount(spec));
      network.dispose();
    }
  });

  it('the conv net shrinks 40 -> 19 -> 9 -> 4 samples, 60 features into the dense layer', () => {
    expect(layerSummaries(CONV_NET).map((l) => [l.name, l.outputShape, l.weightShape, l.parameters])).toEqual([
      ['conv 1', [19, 15], [3, 1, 15], 60],
      ['conv 2', [9, 15], [3, 15, 15], 690],
      ['conv 3', [4, 15], [3, 15, 15], 690],
      ['output', [10], [60, 10], 610],
    ]);
    expect(describeNetwork(CONV_NET)).toBe('3 x conv (15 ch k3 s2), dense 10');
    expect(describeNetwork(BOOK_MLP)).toBe('MLP 40-100-100-10');
  });
});

describe('conv1dIm2col', () => {
  it('equals tf.conv1d with valid padding for strides 1, 2 and 3', () => {
    const rng = createRng('test/conv1d');
    const random = (n: number) => Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
    for (const [length, kernel, stride, inC, outC] of [[40, 3, 2, 1, 15], [19, 3, 2, 15, 15], [9, 3, 2, 15, 15], [12, 5, 1, 2, 3], [11, 2, 3, 3, 4]]) {
      tf.tidy(() => {
        const x = tf.tensor3d(random(4 * length * inC), [4, length, inC]);
        const w = tf.tensor3d(random(kernel * inC * outC), [kernel, inC, outC]);
        const ours = conv1dIm2col(x, w, stride);
        const theirs = tf.conv1d(x, w, stride, 'valid');
        expect(ours.shape).toEqual(theirs.shape);
        const a = ours.dataSync();
        const b = theirs.dataSync();
        for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
      });
    }
  });

  it('is the book\'s cross-correlation (eq. 10.3) on a hand example', () => {
    // z_i = w1 x_{2i} + w2 x_{2i+1} + w3 x_{2i+2} at stride 2.
    const out = tf.tidy(() => conv1dIm2col(tf.tensor3d([1, 2, 3, 4, 5, 6, 7], [1, 7, 1]), tf.tensor3d([1, 10, 100], [3, 1, 1]), 2).dataSync());
    expect(Array.from(out)).toEqual([321, 543, 765]);
  });

  it('has gradients for the kernel and the input (it trains)', () => {
    const grads = tf.tidy(() => {
      const x = tf.tensor3d([1, 2, 3, 4, 5], [1, 5, 1]);
      const w = tf.tensor3d([0.5, -1, 2], [3, 1, 1]);
      const g = tf.grads((xs: tf.Tensor, ws: tf.Tensor) => tf.sum(conv1dIm2col(xs as tf.Tensor3D, ws as tf.Tensor3D, 2)))([x, w]);
      return g.map((t) => Array.from(t.dataSync()));
    });
    // Outputs at windows (1,2,3) and (3,4,5): d/dw = [1+3, 2+4, 3+5]; d/dx counts each input's uses.
    expect(grads[1]).toEqual([4, 6, 8]);
    expect(grads[0]).toEqual([0.5, -1, 2.5, -1, 2]);
  });

  it('refuses a kernel that does not fit', () => {
    expect(() => tf.tidy(() => conv1dIm2col(tf.zeros([1, 2, 1]) as tf.Tensor3D, tf.zeros([3, 1, 1]) as tf.Tensor3D, 1))).toThrow('conv1dIm2col: a kernel of 3 does not fit an input of length 2');
  });
});

describe('initialisation', () => {
  it('is He uniform by default: U(-sqrt(6 / fanIn), sqrt(6 / fanIn)) weights, zero biases', () => {
    const network = new Mnist1dNetwork(BOOK_MLP, 3);
    const [w1, b1, w2] = network.variables.map((v) => Array.from(v.dataSync()));
    const bound = initBound('he', 40, 100);
    expect(bound).toBeCloseTo(Math.sqrt(6 / 40), 12);
    expect(Math.max(...w1.map(Math.abs))).toBeLessThanOrEqual(bound);
    // Uniform: variance bound^2 / 3 = 2 / fanIn (He), within sampling error over 4,000 draws.
    const variance = w1.reduce((s, v) => s + v * v, 0) / w1.length;
    expect(variance).toBeGreaterThan(0.9 * (2 / 40));
    expect(variance).toBeLessThan(1.1 * (2 / 40));
    expect(Math.max(...w2.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 100));
    expect(Array.from(b1).every((v) => v === 0)).toBe(true);
    network.dispose();
  });

  it('glorot uses fanIn + fanOut (conv: kernel x channels each way)', () => {
    expect(initBound('glorot', 40, 100)).toBeCloseTo(Math.sqrt(6 / 140), 12);
    const network = new Mnist1dNetwork({ ...CONV_NET, init: 'glorot' }, 3);
    const conv2 = Array.from(network.variables[2].dataSync());
    expect(Math.max(...conv2.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / (45 + 45)));
    expect(Math.max(...conv2.map(Math.abs))).toBeGreaterThan(0.9 * Math.sqrt(6 / 90));
    network.dispose();
  });

  it('same seed, same weights; another seed, other weights; a later layer\'s width leaves the first layer alone', () => {
    const read = (spec: Mnist1dNetworkSpec, seed: number) => {
      const network = new Mnist1dNetwork(spec, seed);
      const values = network.variables.map((v) => Array.from(v.dataSync()));
      network.dispose();
      return values;
    };
    expect(read(BOOK_MLP, 5)).toEqual(read(BOOK_MLP, 5));
    expect(read(BOOK_MLP, 5)[0]).not.toEqual(read(BOOK_MLP, 6)[0]);
    expect(read({ ...BOOK_MLP, hidden: [100, 37] }, 5)[0]).toEqual(read(BOOK_MLP, 5)[0]);
  });
});

describe('forward pass and dropout', () => {
  it('gives [batch, 10] logits for the MLP and the conv net', () => {
    for (const spec of [BOOK_MLP, CONV_NET]) {
      const network = new Mnist1dNetwork(spec, 1);
      const shape = tf.tidy(() => network.logits(tf.ones([7, 40])).shape);
      expect(shape).toEqual([7, 10]);
      const activations = tf.tidy(() => network.activations(tf.ones([2, 40])).map((t) => t.shape));
      expect(activations).toEqual(network.layers.map((l) => [2, l.outputShape.reduce((a, b) => a * b, 1)]));
      network.dispose();
    }
  });

  it('training masks zero units; evaluation scales every hidden unit by 1 - p (weight scaling)', () => {
    const spec: Mnist1dNetworkSpec = { ...BOOK_MLP, hidden: [50], dropout: 0.5 };
    const plain = new Mnist1dNetwork({ ...spec, dropout: 0 }, 2);
    const dropped = new Mnist1dNetwork(spec, 2);
    const x = tf.tensor2d(Float32Array.from({ length: 3 * 40 }, (_, i) => Math.sin(i)), [3, 40]);
    // Evaluation: logits = W2 ((1 - p) h) + b2, and b2 = 0 at init, so exactly half the plain logits.
    const [a, b] = tf.tidy(() => [plain.logits(x).dataSync(), dropped.logits(x).dataSync()]);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(0.5 * a[i], 5);
    const masks = dropped.dropoutMasks(3, createRng('test/dropout')) as tf.Tensor[];
    expect(masks.map((m) => m.shape)).toEqual([[3, 50]]);
    const kept = Array.from(masks[0].dataSync()).reduce((s, v) => s + v, 0);
    expect(kept).toBeGreaterThan(50);
    expect(kept).toBeLessThan(100);
    // With every unit kept, the training pass is the plain network.
    const allKept = [tf.ones([3, 50])];
    const c = tf.tidy(() => dropped.logits(x, allKept).dataSync());
    for (let i = 0; i < a.length; i++) expect(c[i]).toBeCloseTo(a[i], 5);
    expect(plain.dropoutMasks(3, createRng('x'))).toBeNull();
    tf.dispose([x, ...masks, ...allKept]);
    plain.dispose();
    dropped.dispose();
  });

  it('l2Penalty is the sum of squared weights, biases left out', () => {
    const network = new Mnist1dNetwork(CONV_NET, 4);
    const expected = network.variables.filter((_, i) => i % 2 === 0).reduce((s, v) => s + Array.from(v.dataSync()).reduce((t, x) => t + x * x, 0), 0);
    const penalty = tf.tidy(() => network.l2Penalty().dataSync()[0]);
    expect(penalty).toBeCloseTo(expected, 3);
    network.dispose();
  });

  it('firstLayerWeights lays out one row per unit', () => {
    const mlp = new Mnist1dNetwork(BOOK_MLP, 1);
    const grid = mlp.firstLayerWeights();
    expect([grid.layer, grid.rows, grid.columns, grid.rowLabel, grid.columnLabel]).toEqual(['hidden 1', 100, 40, 'hidden unit', 'input sample']);
    const w = mlp.variables[0].dataSync(); // [40, 100]
    expect(grid.values[3 * 40 + 7]).toBe(w[7 * 100 + 3]);
    mlp.dispose();
    const conv = new Mnist1dNetwork(CONV_NET, 1);
    const kernels = conv.firstLayerWeights();
    expect([kernels.layer, kernels.rows, kernels.columns, kernels.rowLabel]).toEqual(['conv 1', 15, 3, 'output channel']);
    expect(kernels.values[4 * 3 + 2]).toBe(conv.variables[0].dataSync()[2 * 15 + 4]);
    conv.dispose();
  });
});

describe('spec checks', () => {
  it('name the field', () => {
    const cases: [unknown, string][] = [
      [null, 'mnist1d network: the spec must be an object, got null'],
      [{ ...BOOK_MLP, hidden: [100, 0] }, 'mnist1d network: hidden[1] must be an integer in [1, 100000], got 0'],
      [{ ...BOOK_MLP, dropout: 1 }, 'mnist1d network: dropout must be a probability in [0, 1), got 1'],
      [{ ...BOOK_MLP, init: 'lecun' }, "mnist1d network: init must be one of 'he', 'glorot', got 'lecun'"],
      [{ ...BOOK_MLP, width: 3 }, "mnist1d network: unknown field 'width'; fields are inputLength, classes, conv, hidden, init, dropout"],
      [{ ...CONV_NET, conv: [{ channels: 15, kernel: 3, stride: 2 }, { channels: 15, kernel: 30, stride: 1 }] }, 'mnist1d network: conv[1]: a kernel of 30 does not fit its input of 19 samples'],
      [{ ...CONV_NET, conv: [{ channels: 15, kernel: 3 }] }, 'mnist1d network: conv[0].stride must be an integer in [1, 1000], got undefined'],
      [{ ...BOOK_MLP, hidden: [3000, 3000] }, 'mnist1d network: 9156010 parameters is more than the limit of 5000000'],
    ];
    for (const [spec, message] of cases) expect(() => checkNetworkSpec(spec)).toThrow(message);
  });
});

describe('tensors', () => {
  it('a network leaks nothing over forward passes, masks, penalties and readings, and frees its variables', () => {
    const before = tf.memory().numTensors;
    for (const spec of [BOOK_MLP, { ...CONV_NET, dropout: 0.3 }]) {
      const network = new Mnist1dNetwork(spec, 1);
      const rng = createRng('leak');
      for (let i = 0; i < 20; i++) {
        const masks = network.dropoutMasks(5, rng);
        tf.tidy(() => {
          const x = tf.ones([5, 40]) as tf.Tensor2D;
          network.logits(x, masks);
          network.activations(x);
          network.l2Penalty();
        });
        if (masks) tf.dispose(masks);
        network.firstLayerWeights();
      }
      network.dispose();
      expect(() => network.firstLayerWeights()).toThrow('mnist1d network: used after dispose()');
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
