/**
 * M4 convolution: 1-D convolution against hand-worked cases, conv(x) = W x + beta for the banded
 * matrix, output lengths, receptive fields (fig. 10.6), the fig. 10.7 parameter counts, 2-D
 * convolution, pooling and upsampling on small images, and the transposed convolution's matrix.
 */
import { describe, expect, it } from 'vitest';
import {
  averagePool,
  conv1d,
  conv1dGeometry,
  conv1dMatrix,
  conv1dOutputLength,
  conv1dTaps,
  conv2d,
  conv2dMatrix,
  conv2dParameterCount,
  denseParameterCount,
  imageFromRows,
  imageToRows,
  maxPool,
  maxUnpool,
  MNIST1D_CONV_NET,
  MNIST1D_MLP,
  receptiveFields,
  receptiveFieldSizes,
  subsample,
  summariseNetwork1d,
  transposedConv2d,
  transposedConv2dMatrix,
  upsampleBilinear,
  upsampleDuplicate,
  type Conv1dConfig,
  type Image2d,
} from '../../supervised/m4';
import { createRng } from '../../environments/core/rng';

const x = [1, 2, 3, 4, 5];
const difference: Conv1dConfig = { kernel: [1, 0, -1] };

function times(matrix: number[][], vector: ArrayLike<number>): number[] {
  return matrix.map((row) => row.reduce((sum, w, j) => sum + w * vector[j], 0));
}

describe('1-D convolution (eq. 10.3, figs. 10.2-10.4)', () => {
  it('is cross-correlation with zero padding: z_i = x_{i-1} - x_{i+1} for the kernel [1, 0, -1]', () => {
    expect(Array.from(conv1d(x, difference))).toEqual([-2, -2, -2, -2, 4]);
    expect(Array.from(conv1d(x, { ...difference, padding: 'valid' }))).toEqual([-2, -2, -2]);
    expect(Array.from(conv1d(x, { ...difference, padding: 2 }))).toEqual([-1, -2, -2, -2, -2, 4, 5]);
    expect(Array.from(conv1d(x, { ...difference, stride: 2 }))).toEqual([-2, -2, 4]);
    expect(Array.from(conv1d(x, { ...difference, dilation: 2, padding: 'valid' }))).toEqual([-4]);
    expect(Array.from(conv1d(x, { kernel: [0.5], bias: 1 }))).toEqual([1.5, 2, 2.5, 3, 3.5]);
  });

  it('follows the output-length formula floor((n + p_l + p_r - d (K - 1) - 1) / s) + 1', () => {
    // MNIST-1D's conv net (fig. 10.7): 40 -> 19 -> 9 -> 4 with kernel 3, stride 2, 'valid'.
    const layer = { kernelSize: 3, stride: 2, padding: 'valid' as const };
    expect([40, 19, 9].map((n) => conv1dOutputLength(n, layer))).toEqual([19, 9, 4]);
    expect(conv1dOutputLength(6, { kernelSize: 3 })).toBe(6);
    expect(conv1dOutputLength(7, { kernelSize: 3, stride: 2 })).toBe(4);
    expect(conv1dOutputLength(11, { kernelSize: 3, dilation: 2, padding: 'valid' })).toBe(7);
    // 'same' with an even kernel puts the extra zero on the right.
    expect(conv1dGeometry(6, { kernelSize: 2 })).toMatchObject({ outputLength: 6, padLeft: 0, padRight: 1 });
    expect(conv1dGeometry(6, { kernelSize: 3, dilation: 2 })).toMatchObject({ outputLength: 6, padLeft: 2, padRight: 2, effectiveKernelSize: 5 });
  });

  it('has a banded weight matrix with conv(x) = W x + beta (fig. 10.4: three shared weights on three diagonals)', () => {
    const W = conv1dMatrix(4, { kernel: [1, 2, 3] });
    expect(W).toEqual([
      [2, 3, 0, 0],
      [1, 2, 3, 0],
      [0, 1, 2, 3],
      [0, 0, 1, 2],
    ]);
    const rng = createRng('conv1d');
    const signal = Array.from({ length: 13 }, () => rng.next() - 0.5);
    for (const config of [
      { kernel: [0.3, -1.2, 0.7], bias: 0.25 },
      { kernel: [1, -1, 2, 0.5], stride: 2, padding: 'valid' as const },
      { kernel: [0.2, 0.9, -0.4], dilation: 3, padding: 1 },
      { kernel: [1, 2, 3, 4, 5], stride: 3 },
    ]) {
      const z = conv1d(signal, config);
      const Wx = times(conv1dMatrix(signal.length, config), signal);
      Wx.forEach((v, i) => expect(z[i]).toBeCloseTo(v + (config.bias ?? 0), 14));
    }
  });

  it('lists which input each tap reads, -1 on padding', () => {
    expect(conv1dTaps(conv1dGeometry(5, { kernelSize: 3, stride: 2 }))).toEqual([
      [-1, 0, 1],
      [1, 2, 3],
      [3, 4, -1],
    ]);
  });

  it('refuses bad input with a message naming the field', () => {
    expect(() => conv1d(x, { kernel: [] })).toThrow('conv1d: kernel must be a non-empty array of weights, got []');
    expect(() => conv1d(x, { kernel: [1, NaN] })).toThrow('conv1d: kernel[1] must be a finite number, got null');
    expect(() => conv1d(x, { ...difference, stride: 0 })).toThrow('conv1d: stride must be an integer >= 1, got 0');
    expect(() => conv1d(x, { ...difference, padding: 'full' as never })).toThrow("conv1d: padding must be 'valid', 'same' or a non-negative integer, got \"full\"");
    expect(() => conv1d([1, 2], { ...difference, padding: 'valid' })).toThrow('conv1d: the kernel spans 3 inputs (size 3, dilation 1) but the padded input has only 2');
    expect(() => conv1d([1, Infinity], difference)).toThrow('conv1d: x[1] must be a finite number');
  });
});

describe('receptive fields (fig. 10.6)', () => {
  // Kernel 3 throughout; the third layer has stride 2 and no padding, so its units sit over inputs 1, 3, 5, 7, 9.
  const layers = [{ kernelSize: 3 }, { kernelSize: 3 }, { kernelSize: 3, stride: 2, padding: 'valid' as const }, { kernelSize: 3 }];

  it('grow 3, 5, 7, and the fourth layer’s unit at position three covers all 11 inputs', () => {
    expect(receptiveFieldSizes(layers).map((l) => l.size)).toEqual([3, 5, 7, 11]);
    expect(receptiveFieldSizes(layers).map((l) => l.jump)).toEqual([1, 1, 2, 2]);
    const fields = receptiveFields(11, layers);
    expect(fields.map((l) => l.length)).toEqual([11, 11, 5, 5]);
    expect(fields[0].inputs[5]).toEqual([4, 5, 6]);
    expect(fields[1].inputs[5]).toEqual([3, 4, 5, 6, 7]);
    expect(fields[2].inputs[2]).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(fields[3].inputs[2]).toEqual(Array.from({ length: 11 }, (_, i) => i));
    expect(fields[3].inputs.filter((inputs) => inputs.length === 11)).toHaveLength(1);
  });

  it('are cut at the edges and have gaps under dilation', () => {
    expect(receptiveFields(11, [{ kernelSize: 3 }])[0].inputs[0]).toEqual([0, 1]);
    expect(receptiveFields(9, [{ kernelSize: 3, dilation: 2, padding: 'valid' }])[0].inputs[0]).toEqual([0, 2, 4]);
    expect(() => receptiveFields(11, [])).toThrow('receptive field: layers must be an array of 1 to 32 layer shapes, got 0');
    expect(() => receptiveFieldSizes([{ kernelSize: 0 }])).toThrow('receptive field: layers[0]: kernelSize must be an integer >= 1, got 0');
  });
});

describe('parameter counts (figs. 10.7-10.8, Problem 10.14)', () => {
  it('give 2,050 for the MNIST-1D conv net and 59,065 for the MLP, layer by layer', () => {
    const conv = summariseNetwork1d(MNIST1D_CONV_NET.input, MNIST1D_CONV_NET.layers);
    expect(conv.parameters).toBe(2050);
    expect(conv.layers.map((l) => l.outputShape)).toEqual([[19, 15], [9, 15], [4, 15], [60], [10]]);
    expect(conv.layers.map((l) => l.weights + l.biases)).toEqual([60, 690, 690, 0, 610]);
    const mlp = summariseNetwork1d(MNIST1D_MLP.input, MNIST1D_MLP.layers);
    expect(mlp.parameters).toBe(59065);
    expect(mlp.layers.map((l) => l.weights + l.biases)).toEqual([0, 11685, 38610, 8160, 610]);
  });

  it('count a 5 x 5 convolution from 3 to 10 channels as 750 weights and 10 biases', () => {
    expect(conv2dParameterCount(3, 10, 5)).toBe(760);
    expect(denseParameterCount(60, 10)).toBe(610);
    expect(() => conv2dParameterCount(3, 0, 5)).toThrow('conv2d parameter count: outputChannels must be a positive integer, got 0');
    expect(() => summariseNetwork1d({ length: 40, channels: 1 }, [{ kind: 'dense', units: 10 }])).toThrow("network: layers[0]: a dense layer needs a flat input; add { kind: 'flatten' } before it");
  });
});

describe('2-D convolution (eq. 10.6)', () => {
  const image = imageFromRows([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);

  it('matches hand-worked cases', () => {
    expect(imageToRows(conv2d(image, imageFromRows([[1, 0], [0, -1]]), { padding: 'valid' }))).toEqual([
      [-4, -4],
      [-4, -4],
    ]);
    const ones = imageFromRows([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(imageToRows(conv2d(image, ones))).toEqual([
      [12, 21, 16],
      [27, 45, 33],
      [24, 39, 28],
    ]);
    expect(imageToRows(conv2d(image, ones, { stride: 2, bias: -45 }))).toEqual([
      [-33, -29],
      [-21, -17],
    ]);
  });

  it('equals its matrix view, conv(x) = W vec(x) + beta', () => {
    const rng = createRng('conv2d');
    const random = (h: number, w: number): Image2d => ({ height: h, width: w, data: Float64Array.from({ length: h * w }, () => rng.next() - 0.5) });
    const picture = random(6, 5);
    const kernel = random(3, 3);
    for (const options of [{}, { stride: 2 }, { padding: 'valid' as const, dilation: 2 }, { padding: 1, stride: 2, bias: 0.5 }]) {
      const z = conv2d(picture, kernel, options);
      const Wx = times(conv2dMatrix(6, 5, kernel, options), picture.data);
      Wx.forEach((v, i) => expect(z.data[i]).toBeCloseTo(v + (options.bias ?? 0), 14));
    }
  });

  it('refuses bad images', () => {
    expect(() => imageFromRows([[1, 2], [3]])).toThrow('image: row 1 has 1 values, expected 2');
    expect(() => conv2d({ height: 2, width: 2, data: new Float64Array(3) }, image)).toThrow('conv2d: image.data has 3 values, expected height x width = 4');
    expect(() => conv2d(image, { height: 1, width: 1, data: Float64Array.of(NaN) })).toThrow('conv2d: kernel pixel (0, 0) is not finite (NaN)');
  });
});

describe('downsampling and upsampling (figs. 10.11-10.13)', () => {
  const image = imageFromRows([
    [1, 2, 5, 6],
    [3, 4, 7, 8],
    [9, 10, 13, 14],
    [11, 12, 15, 16],
  ]);

  it('subsample, max-pool and average-pool 2 x 2 blocks', () => {
    expect(imageToRows(subsample(image))).toEqual([
      [1, 5],
      [9, 13],
    ]);
    const pooled = maxPool(image);
    expect(imageToRows(pooled.image)).toEqual([
      [4, 8],
      [12, 16],
    ]);
    expect(Array.from(pooled.argmax)).toEqual([5, 7, 13, 15]);
    expect(imageToRows(averagePool(image))).toEqual([
      [2.5, 6.5],
      [10.5, 14.5],
    ]);
    // 'valid' pooling drops the odd row and column.
    expect(maxPool(imageFromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]])).image.height).toBe(1);
  });

  it('duplicate, max-unpool and bilinear upsampling', () => {
    const small = imageFromRows([
      [1, 2],
      [3, 4],
    ]);
    expect(imageToRows(upsampleDuplicate(small))).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
    const pooled = maxPool(image);
    expect(imageToRows(maxUnpool(pooled.image, pooled.argmax, 4, 4))).toEqual([
      [0, 0, 0, 0],
      [0, 4, 0, 8],
      [0, 0, 0, 0],
      [0, 12, 0, 16],
    ]);
    expect(imageToRows(upsampleBilinear(imageFromRows([[0, 1]])))).toEqual([
      [0, 0.25, 0.75, 1],
      [0, 0.25, 0.75, 1],
    ]);
    // Output pixel (1, 1) samples input (0.25, 0.25): 0.75 0.25 x 1 + 0.25 0.75 x 2 + 0.25 0.25 x 3 = 0.75.
    expect(upsampleBilinear(imageFromRows([[0, 1], [2, 3]])).data[1 * 4 + 1]).toBeCloseTo(0.75, 15);
  });

  it('transposed convolution scatters kernel copies stride apart, and its matrix is the strided convolution’s transpose', () => {
    expect(imageToRows(transposedConv2d(imageFromRows([[1, 2]]), imageFromRows([[1, 1], [1, 1]])))).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
    ]);
    expect(imageToRows(transposedConv2d(imageFromRows([[1, 2]]), imageFromRows([[1, 2, 1]])))).toEqual([[1, 2, 3, 4, 2]]);
    const rng = createRng('transposed');
    const small: Image2d = { height: 3, width: 2, data: Float64Array.from({ length: 6 }, () => rng.next()) };
    const kernel: Image2d = { height: 3, width: 3, data: Float64Array.from({ length: 9 }, () => rng.next() - 0.5) };
    const big = transposedConv2d(small, kernel, 2);
    expect([big.height, big.width]).toEqual([7, 5]);
    const matrix = transposedConv2dMatrix(3, 2, kernel, 2);
    times(matrix, small.data).forEach((v, i) => expect(big.data[i]).toBeCloseTo(v, 14));
    // <conv(y), x> = <y, convT(x)>: the two are adjoint.
    const y: Image2d = { height: 7, width: 5, data: Float64Array.from({ length: 35 }, () => rng.next() - 0.5) };
    const down = conv2d(y, kernel, { stride: 2, padding: 'valid' });
    const dot = (a: Float64Array, b: Float64Array): number => a.reduce((sum, v, i) => sum + v * b[i], 0);
    expect(dot(down.data, small.data)).toBeCloseTo(dot(y.data, big.data), 12);
  });

  it('refuses bad sizes and indices', () => {
    expect(() => maxPool(imageFromRows([[1]]))).toThrow("max pool: the 2 x 2 block does not fit in the image's 1 rows");
    const pooled = maxPool(image);
    expect(() => maxUnpool(pooled.image, pooled.argmax, 2, 2)).toThrow('max unpool: argmax[0] = 5 is outside the 2 x 2 output');
    expect(() => upsampleBilinear(image, 0)).toThrow('bilinear upsampling: factor must be a positive integer, got 0');
  });
});
