import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { Network } from '../../agents/deep/network';
import type { NetworkSpec } from '../../agents/deep/types';
import { base64ToBytes, bytesToBase64, deserializeWeights, expectedShapes, serializeWeights, type WeightsFile } from '../../agents/deep/weights-file';

const spec: NetworkSpec = {
  input: { kind: 'planes', height: 4, width: 4, channels: 2 },
  conv: [{ filters: 2, kernel: 2, stride: 2 }],
  hidden: [5],
  activation: 'tanh',
  outputs: 3,
};

function withFloat(file: WeightsFile, index: number, value: number): WeightsFile {
  const bytes = base64ToBytes(file.data);
  new DataView(bytes.buffer).setFloat32(index * 4, value, true);
  return { ...file, data: bytesToBase64(bytes) };
}

describe('weights files', () => {
  let network: Network;
  let file: WeightsFile;
  beforeAll(async () => {
    await initBackend();
    network = new Network(spec, 11);
    file = serializeWeights(network);
  });
  afterAll(() => network.dispose());

  it('base64-encodes like Node, for every length', () => {
    for (let length = 0; length < 8; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(text))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips through JSON into a fresh network', () => {
    expect(file.shapes).toEqual(expectedShapes(spec));
    expect(file.shapes).toEqual([[2, 2, 2, 2], [2], [8, 5], [5], [5, 3], [3]]);
    const restored = deserializeWeights(JSON.parse(JSON.stringify(file)), spec);
    expect(restored).toEqual(network.getWeights());
    const other = new Network(spec, 12);
    other.setWeights(restored);
    expect(other.getWeights()).toEqual(network.getWeights());
    other.dispose();
  });

  it('rejects corrupt files with precise messages', () => {
    const total = file.shapes.reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
    expect(total).toBe(network.parameterCount());
    const truncated = { ...file, data: bytesToBase64(base64ToBytes(file.data).slice(0, (total - 1) * 4)) };
    expect(() => deserializeWeights(truncated, spec)).toThrow(`weights file: data has ${(total - 1) * 4} bytes, expected ${total * 4} (${total} float32 values): truncated`);
    expect(() => deserializeWeights(withFloat(file, 25, Number.NaN), spec)).toThrow('weights file: layer 2 weights value 7 is NaN, expected a finite number');
    expect(() => deserializeWeights(withFloat(file, total - 1, Number.POSITIVE_INFINITY), spec)).toThrow('weights file: layer 3 biases value 2 is Infinity, expected a finite number');
    const wrongShape = { ...file, shapes: file.shapes.map((shape, index) => (index === 4 ? [5, 2] : shape)) };
    expect(() => deserializeWeights(wrongShape, spec)).toThrow('weights file: layer 3 weights have shape [5, 2], expected [5, 3]');
    expect(() => deserializeWeights({ ...file, shapes: file.shapes.slice(2) }, spec)).toThrow('weights file: has 4 arrays, expected 6 (3 layers, weights and biases each)');
    expect(() => deserializeWeights({ ...file, data: 'abc' }, spec)).toThrow('weights file: data is not base64: its length 3 is not a multiple of 4');
    expect(() => deserializeWeights({ ...file, data: `!${file.data.slice(1)}` }, spec)).toThrow('weights file: data is not base64: character 0 is "!"');
    expect(() => deserializeWeights({ shapes: file.shapes }, spec)).toThrow('weights file: data must be a base64 string');
    expect(() => deserializeWeights(null, spec)).toThrow('weights file: must be an object with shapes and data, got null');
    expect(() => deserializeWeights(file, { ...spec, hidden: [0] })).toThrow('weights file: network spec: hidden[0] must be a positive integer, got 0');
    expect(() => deserializeWeights(file, { ...spec, hidden: [6] })).toThrow('weights file: layer 2 weights have shape [8, 5], expected [8, 6]');
  });

  it('throws only Errors, whatever the input', () => {
    const inputs: unknown[] = [undefined, 3, 'x', [], { shapes: 'x', data: '' }, { shapes: [[1, 'a']], data: '' }, { shapes: [null], data: '' }];
    for (const input of inputs) {
      let thrown: unknown = null;
      try {
        deserializeWeights(input, spec);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toMatch(/^weights file: /);
    }
  });
});
