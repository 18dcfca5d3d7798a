/**
 * A list of tf.Variables as plain JSON data, for the recurrent agents' files: the same
 * `{ shapes, data }` form as a network's weights file (agents/deep/weights-file.ts: shapes, then
 * one base64 string of little-endian float32 values), but checked against the shapes of the
 * variables it is loaded into rather than against a NetworkSpec, since a recurrent model is an
 * encoder, a GRU cell and heads rather than one MLP.
 */
import type * as tf from '@tensorflow/tfjs';
import { base64ToBytes, bytesToBase64, type WeightsFile } from '../weights-file';

/** The current values of `variables`, in order. */
export function serializeVariables(variables: readonly tf.Variable[]): WeightsFile {
  const total = variables.reduce((sum, variable) => sum + variable.size, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const variable of variables) {
    const values = variable.dataSync();
    for (let i = 0; i < values.length; i++, offset += 4) view.setFloat32(offset, values[i], true);
  }
  return { shapes: variables.map((variable) => [...variable.shape]), data: bytesToBase64(bytes) };
}

/**
 * Checks a saved list against the variables it is meant for (`names[i]` says what variable i is,
 * for messages) and decodes it into one Float32Array per variable; changes nothing. Throws
 * `<where>: <name> have shape [4, 6], expected [4, 48]` and the like.
 */
export function deserializeVariables(where: string, file: unknown, variables: readonly tf.Variable[], names: readonly string[]): Float32Array[] {
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  if (typeof file !== 'object' || file === null) fail(`must be an object with shapes and data, got ${file === null ? 'null' : typeof file}`);
  const { shapes, data } = file as { shapes?: unknown; data?: unknown };
  if (!Array.isArray(shapes)) fail('shapes must be an array of shapes');
  if (typeof data !== 'string') fail('data must be a base64 string');
  const shapeList = shapes as unknown[];
  if (shapeList.length !== variables.length) fail(`has ${shapeList.length} arrays, expected ${variables.length} (${names.join(', ')})`);
  variables.forEach((variable, index) => {
    const got = shapeList[index];
    if (!Array.isArray(got) || got.some((size) => !Number.isInteger(size) || (size as number) < 0)) {
      fail(`${names[index]} shape must be an array of sizes, got ${JSON.stringify(got)}`);
    }
    const sizes = got as number[];
    const want = variable.shape;
    if (sizes.length !== want.length || sizes.some((size, axis) => size !== want[axis])) {
      fail(`${names[index]} have shape [${sizes.join(', ')}], expected [${want.join(', ')}]`);
    }
  });
  let bytes: Uint8Array = new Uint8Array(0);
  try {
    bytes = base64ToBytes(data as string);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const total = variables.reduce((sum, variable) => sum + variable.size, 0);
  if (bytes.length !== total * 4) fail(`data has ${bytes.length} bytes, expected ${total * 4} (${total} float32 values)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return variables.map((variable, index) => {
    const values = new Float32Array(variable.size);
    for (let i = 0; i < values.length; i++, offset += 4) {
      const value = view.getFloat32(offset, true);
      if (!Number.isFinite(value)) fail(`${names[index]} value ${i} is ${value}, expected a finite number`);
      values[i] = value;
    }
    return values;
  });
}
