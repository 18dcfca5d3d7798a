/**
 * The convolution page's headless helpers (supervised/m4-session): the stack of 1-D convolutions
 * with its dependencies (the input level equals supervised/m4's receptive fields, fig. 10.6), the
 * penguin image, and the 2-D gallery (sizes of every picture, and the fig. 10.13 matrices being
 * each other's transpose).
 */
import { describe, expect, it } from 'vitest';
import { conv1d, imageToRows, maxPool, receptiveFields } from '../../supervised/m4';
import { convolutionGallery, convStack, dependencies, GALLERY_KERNELS, penguinImage, PENGUIN_PIXELS, resamplingGallery, transposeMatrices } from '../../supervised/m4-session';

describe('the conv stack', () => {
  // Fig. 10.6: kernel 3 throughout; the third layer has stride 2 and no padding.
  const kernel = [0.25, 0.5, 0.25];
  const layers = [{ kernel }, { kernel }, { kernel, stride: 2, padding: 'valid' as const }, { kernel }];
  const input = Array.from({ length: 11 }, (_, i) => Math.sin(i));

  it('runs each layer on the one below', () => {
    const stack = convStack(input, layers);
    expect(stack.values.map((v) => v.length)).toEqual([11, 11, 11, 5, 5]);
    expect(Array.from(stack.values[1])).toEqual(Array.from(conv1d(input, layers[0])));
    expect(Array.from(stack.values[3])).toEqual(Array.from(conv1d(stack.values[2], layers[2])));
    expect(stack.taps[2][0]).toEqual([0, 1, 2]);
    expect(stack.taps[0][0]).toEqual([-1, 0, 1]); // the left padding zero
  });

  it('traces every unit’s dependencies down to the input, where they equal supervised/m4’s receptive fields', () => {
    const stack = convStack(input, layers);
    const fields = receptiveFields(11, layers.map((l) => ({ kernelSize: 3, stride: l.stride, padding: l.padding })));
    for (let layer = 1; layer <= 4; layer++) {
      for (let unit = 0; unit < stack.values[layer].length; unit++) expect(dependencies(stack, layer, unit)[0]).toEqual(fields[layer - 1].inputs[unit]);
    }
    // The fourth layer's middle unit covers all 11 inputs, through the third layer's units 1..3, the second's 2..8, the first's 1..9.
    const middle = dependencies(stack, 4, 2);
    expect(middle[0]).toHaveLength(11);
    expect(middle[3]).toEqual([1, 2, 3]);
    expect(middle[2]).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(middle[1]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(middle[4]).toEqual([2]);
    expect(dependencies(stack, 0, 4)).toEqual([[4]]);
  });

  it('names the layer that does not fit and the bad unit', () => {
    expect(() => convStack([1, 2], [{ kernel: [1, 1, 1], padding: 'valid' }])).toThrow('layer 1: conv1d: the kernel spans 3 inputs');
    expect(() => convStack([1, 2], [])).toThrow('conv stack: layers must be an array of 1 to 6 layers, got 0');
    const stack = convStack(input, [{ kernel }]);
    expect(() => dependencies(stack, 2, 0)).toThrow('conv stack: layer must be an integer in [0, 1], got 2');
    expect(() => dependencies(stack, 1, 11)).toThrow('conv stack: unit must be an integer in [0, 11) for layer 1, got 11');
  });
});

describe('the penguin image', () => {
  it('is 20 x 20 grey levels in [0, 1], black back, white belly', () => {
    const image = penguinImage();
    expect([image.height, image.width]).toEqual([20, 20]);
    expect(PENGUIN_PIXELS.every((row) => row.length === 20)).toBe(true);
    expect(Math.min(...image.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...image.data)).toBeLessThanOrEqual(1);
    const rows = imageToRows(image);
    expect(rows[2][9]).toBe(0.08); // the head
    expect(rows[10][9]).toBe(1); // the belly
  });
});

describe('the 2-D gallery', () => {
  const image = penguinImage();

  it('convolves with every kernel, keeping the size with same padding and halving it with stride 2', () => {
    const same = convolutionGallery(image, GALLERY_KERNELS);
    expect(same.map((g) => g.id)).toEqual(GALLERY_KERNELS.map((k) => k.id));
    expect(same.every((g) => g.image.height === 20 && g.image.width === 20)).toBe(true);
    expect(Array.from(same[0].image.data)).toEqual(Array.from(image.data)); // identity
    // The Laplacian is zero inside the flat belly.
    expect(imageToRows(same.find((g) => g.id === 'laplacian')!.image)[10][9]).toBeCloseTo(0, 12);
    const strided = convolutionGallery(image, GALLERY_KERNELS.slice(0, 1), 2, 'valid');
    expect([strided[0].image.height, strided[0].image.width]).toEqual([9, 9]);
    expect(strided[0].caption).toContain('9 × 9');
  });

  it('goes down three ways to 10 x 10 and back up four ways', () => {
    const { down, up } = resamplingGallery(image);
    expect(down.map((g) => [g.id, g.image.height, g.image.width])).toEqual([
      ['subsample', 10, 10],
      ['max-pool', 10, 10],
      ['average-pool', 10, 10],
    ]);
    expect(up.map((g) => [g.id, g.image.height, g.image.width])).toEqual([
      ['duplicate', 20, 20],
      ['max-unpool', 20, 20],
      ['bilinear', 20, 20],
      ['transposed', 21, 21],
    ]);
    // Max-unpooling keeps one pixel of each 2 x 2 block: the pooled maxima, where they were.
    const unpooled = up[1].image.data;
    const pooled = maxPool(image, 2);
    expect(unpooled.filter((v, i) => v !== 0 && !pooled.argmax.includes(i))).toHaveLength(0);
  });

  it('shows fig. 10.13: the transposed convolution’s matrix is the convolution’s transposed', () => {
    const { convolution, transposed } = transposeMatrices();
    expect([convolution.length, convolution[0].length]).toEqual([4, 25]);
    expect([transposed.length, transposed[0].length]).toEqual([25, 4]);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 25; j++) expect(transposed[j][i]).toBe(convolution[i][j]);
  });
});
