/**
 * A network's weights as plain JSON data, for agent files (ARCHITECTURE.md section 7): the shape
 * of every variable in `Network.variables` order and one base64 string holding all their values
 * as little-endian float32, one after the other.
 *
 * `deserializeWeights` checks the file against the spec it is loaded into and returns arrays
 * ready for `Network.setWeights`; every problem is an Error with a precise message
 * (`weights file: layer 2 weights have shape [64, 4], expected [64, 2]`), and nothing is changed.
 */
import { validateNetworkSpec, type Network } from './network';
import type { NetworkSpec } from './types';

export interface WeightsFile {
  readonly shapes: number[][];
  /** base64 of the concatenated little-endian float32 values. */
  readonly data: string;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64_ALPHABET.length; i++) BASE64_VALUES[BASE64_ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding; no Buffer or btoa, so it runs the same in Node and a worker. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    chunk += BASE64_ALPHABET[(triple >> 18) & 63] + BASE64_ALPHABET[(triple >> 12) & 63];
    chunk += i + 1 < bytes.length ? BASE64_ALPHABET[(triple >> 6) & 63] : '=';
    chunk += i + 2 < bytes.length ? BASE64_ALPHABET[triple & 63] : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Inverse of bytesToBase64; throws on characters outside the alphabet or a bad length. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`data is not base64: its length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      const isPad = code === 61 && i + k >= text.length - padding;
      const value = isPad ? 0 : code < 128 ? BASE64_VALUES[code] : -1;
      if (value < 0) throw new Error(`data is not base64: character ${i + k} is ${JSON.stringify(text[i + k])}`);
      triple = (triple << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = (triple >> 16) & 255;
    if (out < bytes.length) bytes[out++] = (triple >> 8) & 255;
    if (out < bytes.length) bytes[out++] = triple & 255;
  }
  return bytes;
}

export function serializeWeights(network: Network): WeightsFile {
  const weights = network.getWeights();
  const total = weights.reduce((sum, values) => sum + values.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of weights) {
    for (let i = 0; i < values.length; i++, offset += 4) view.setFloat32(offset, values[i], true);
  }
  return { shapes: network.variables.map((variable) => [...variable.shape]), data: bytesToBase64(bytes) };
}

/** The variable shapes a spec makes, in `Network.variables` order, without touching tfjs. */
export function expectedShapes(spec: NetworkSpec): number[][] {
  const shapes: number[][] = [];
  let features: number;
  if (spec.input.kind === 'planes') {
    let { height, width, channels } = spec.input;
    for (const conv of spec.conv) {
      shapes.push([conv.kernel, conv.kernel, channels, conv.filters], [conv.filters]);
      height = Math.floor((height - conv.kernel) / conv.stride) + 1;
      width = Math.floor((width - conv.kernel) / conv.stride) + 1;
      channels = conv.filters;
    }
    features = height * width * channels;
  } else {
    features = spec.input.size;
  }
  for (const units of [...spec.hidden, spec.outputs]) {
    shapes.push([features, units], [units]);
    features = units;
  }
  return shapes;
}

function fail(message: string): never {
  throw new Error(`weights file: ${message}`);
}

function describe(index: number): string {
  return `layer ${Math.floor(index / 2) + 1} ${index % 2 === 0 ? 'weights' : 'biases'}`;
}

/**
 * Checks a weights file against `spec` and decodes it into arrays for `Network.setWeights`.
 * Rejects wrong shapes, truncated or overlong data, bad base64 and NaN or infinite values.
 */
export function deserializeWeights(file: unknown, spec: NetworkSpec): Float32Array[] {
  try {
    // Validates the spec too, with its own precise message.
    validateNetworkSpec(spec);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (typeof file !== 'object' || file === null) fail(`must be an object with shapes and data, got ${file === null ? 'null' : typeof file}`);
  const { shapes, data } = file as { shapes?: unknown; data?: unknown };
  if (!Array.isArray(shapes)) fail('shapes must be an array of shapes');
  if (typeof data !== 'string') fail('data must be a base64 string');
  const expected = expectedShapes(spec);
  const shapeList = shapes as unknown[];
  if (shapeList.length !== expected.length) fail(`has ${shapeList.length} arrays, expected ${expected.length} (${expected.length / 2} layers, weights and biases each)`);
  expected.forEach((want, index) => {
    const got = shapeList[index];
    if (!Array.isArray(got) || got.some((size) => !Number.isInteger(size) || (size as number) < 0)) {
      fail(`${describe(index)} shape must be an array of sizes, got ${JSON.stringify(got)}`);
    }
    const sizes = got as number[];
    if (sizes.length !== want.length || sizes.some((size, axis) => size !== want[axis])) {
      fail(`${describe(index)} have shape [${sizes.join(', ')}], expected [${want.join(', ')}]`);
    }
  });
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    bytes = base64ToBytes(data as string);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const counts = expected.map((shape) => shape.reduce((a, b) => a * b, 1));
  const total = counts.reduce((a, b) => a + b, 0);
  if (bytes.length !== total * 4) {
    fail(`data has ${bytes.length} bytes, expected ${total * 4} (${total} float32 values)${bytes.length < total * 4 ? ': truncated' : ''}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return counts.map((count, index) => {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++, offset += 4) {
      const value = view.getFloat32(offset, true);
      if (!Number.isFinite(value)) fail(`${describe(index)} value ${i} is ${value}, expected a finite number`);
      values[i] = value;
    }
    return values;
  });
}
