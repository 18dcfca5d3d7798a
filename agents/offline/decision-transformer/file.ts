/**
 * The decision transformer's file (ARCHITECTURE.md section 7): versioned JSON holding the
 * config, the dims (observation input and action count), the provenance (which dataset, how
 * long trained) and the weights, every variable named, with its shape, and all values as one
 * base64 string of little-endian float32 (agents/deep/weights-file.ts's encoding).
 *
 *   { format: 'floe-decision-transformer', version: 1, config, dims, provenance,
 *     weights: { names: [...], shapes: [[...], ...], data: '<base64>' } }
 *
 * `loadDecisionTransformer` checks everything before it builds the model, and a damaged file
 * gets one Error naming the field: `decision transformer file: weights: block2/key/weights has
 * shape [64, 32], expected [64, 64]`. Nothing is left allocated when it throws.
 */
import { base64ToBytes, bytesToBase64 } from '../../deep/weights-file';
import type { InputSpec } from '../../deep/types';
import { resolveDecisionTransformerConfig, type DecisionTransformerConfig } from './config';
import { checkDims, DecisionTransformerModel, variableShapes, type DecisionTransformerDims } from './model';
import type { DecisionTransformerProvenance } from './trainer';

export const DECISION_TRANSFORMER_FILE_FORMAT = 'floe-decision-transformer';
export const DECISION_TRANSFORMER_FILE_VERSION = 1;

export interface DecisionTransformerFile {
  readonly format: typeof DECISION_TRANSFORMER_FILE_FORMAT;
  readonly version: typeof DECISION_TRANSFORMER_FILE_VERSION;
  readonly config: DecisionTransformerConfig;
  readonly dims: { readonly input: InputSpec; readonly nActions: number };
  readonly provenance: DecisionTransformerProvenance;
  readonly weights: { readonly names: string[]; readonly shapes: number[][]; readonly data: string };
}

/** A loaded model and where it came from; the caller owns (and disposes) the model. */
export interface LoadedDecisionTransformer {
  readonly model: DecisionTransformerModel;
  readonly provenance: DecisionTransformerProvenance;
}

export function saveDecisionTransformer(model: DecisionTransformerModel, provenance: DecisionTransformerProvenance): DecisionTransformerFile {
  const weights = model.getWeights();
  const total = weights.reduce((sum, values) => sum + values.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of weights) {
    for (let i = 0; i < values.length; i++, offset += 4) view.setFloat32(offset, values[i], true);
  }
  return {
    format: DECISION_TRANSFORMER_FILE_FORMAT,
    version: DECISION_TRANSFORMER_FILE_VERSION,
    config: { ...model.config },
    dims: { input: { ...model.dims.input }, nActions: model.dims.nActions },
    provenance: JSON.parse(JSON.stringify(provenance)) as DecisionTransformerProvenance,
    weights: { names: [...model.variableNames], shapes: model.variables.map((v) => [...v.shape]), data: bytesToBase64(bytes) },
  };
}

function fail(message: string): never {
  throw new Error(`decision transformer file: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs `check`, rewriting its error as a file error about `field`. */
function within<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const message = (error as Error).message.replace(/^(decision transformer|decision-transformer config|network spec): /, '');
    return fail(`${field}: ${message}`);
  }
}

function readProvenance(value: unknown): DecisionTransformerProvenance {
  if (!isObject(value)) fail('provenance must be an object');
  if (typeof value.world !== 'string') fail(`provenance.world must be a string, got ${JSON.stringify(value.world)}`);
  const source = value.source as Record<string, unknown> | undefined;
  if (!isObject(source) || !['person', 'agent', 'mixture'].includes(source.kind as string)) fail('provenance.source must be an object with kind person, agent or mixture');
  if (source.kind !== 'person' && typeof source.agent !== 'string') fail('provenance.source.agent must be a string');
  if (source.kind === 'mixture' && (typeof source.randomRate !== 'number' || !(source.randomRate >= 0 && source.randomRate <= 1))) {
    fail(`provenance.source.randomRate must be a number in [0, 1], got ${JSON.stringify(source.randomRate)}`);
  }
  for (const key of ['episodes', 'steps', 'trainSteps'] as const) {
    if (!Number.isInteger(value[key]) || (value[key] as number) < 0) fail(`provenance.${key} must be a whole number, got ${JSON.stringify(value[key])}`);
  }
  const returns = value.returns;
  if (!isObject(returns)) fail('provenance.returns must be an object with min, mean and max');
  for (const key of ['min', 'mean', 'max'] as const) {
    if (typeof returns[key] !== 'number' || !Number.isFinite(returns[key])) fail(`provenance.returns.${key} must be a finite number, got ${JSON.stringify(returns[key])}`);
  }
  return JSON.parse(JSON.stringify(value)) as DecisionTransformerProvenance;
}

function readWeights(value: unknown, dims: DecisionTransformerDims, config: DecisionTransformerConfig): Float32Array[] {
  if (!isObject(value)) fail('weights must be an object with names, shapes and data');
  const { names, shapes, data } = value;
  const expected = variableShapes(dims, config);
  if (!Array.isArray(names) || names.length !== expected.length) fail(`weights.names must list ${expected.length} variables, got ${Array.isArray(names) ? names.length : JSON.stringify(names)}`);
  if (!Array.isArray(shapes) || shapes.length !== expected.length) fail(`weights.shapes must hold ${expected.length} shapes, got ${Array.isArray(shapes) ? shapes.length : JSON.stringify(shapes)}`);
  if (typeof data !== 'string') fail('weights.data must be a base64 string');
  expected.forEach(({ name, shape }, i) => {
    if (names[i] !== name) fail(`weights.names[${i}] is ${JSON.stringify(names[i])}, expected '${name}'`);
    const got = shapes[i] as unknown;
    if (!Array.isArray(got) || got.length !== shape.length || got.some((size, axis) => size !== shape[axis])) {
      fail(`weights: ${name} has shape ${JSON.stringify(got)}, expected [${shape.join(', ')}]`);
    }
  });
  const bytes = within('weights.data', () => base64ToBytes(data));
  const counts = expected.map(({ shape }) => shape.reduce((a, b) => a * b, 1));
  const total = counts.reduce((a, b) => a + b, 0);
  if (bytes.length !== total * 4) fail(`weights.data has ${bytes.length} bytes, expected ${total * 4} (${total} float32 values)${bytes.length < total * 4 ? ': truncated' : ''}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return counts.map((count, index) => {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++, offset += 4) {
      const x = view.getFloat32(offset, true);
      if (!Number.isFinite(x)) fail(`weights: ${expected[index].name} value ${i} is ${x}, expected a finite number`);
      values[i] = x;
    }
    return values;
  });
}

/** Checks a saved file and builds its model with the saved weights. */
export function loadDecisionTransformer(file: unknown): LoadedDecisionTransformer {
  if (!isObject(file)) fail('must be a JSON object');
  if (file.format !== DECISION_TRANSFORMER_FILE_FORMAT) fail(`format must be '${DECISION_TRANSFORMER_FILE_FORMAT}', got ${JSON.stringify(file.format)}`);
  if (file.version !== DECISION_TRANSFORMER_FILE_VERSION) fail(`version must be ${DECISION_TRANSFORMER_FILE_VERSION}, got ${JSON.stringify(file.version)}`);
  if (!isObject(file.config)) fail('config must be an object');
  const config = within('config', () => resolveDecisionTransformerConfig(file.config as Partial<DecisionTransformerConfig>));
  if (!isObject(file.dims)) fail('dims must be an object with input and nActions');
  const dims = { input: file.dims.input, nActions: file.dims.nActions } as DecisionTransformerDims;
  within('dims', () => checkDims(dims));
  const provenance = readProvenance(file.provenance);
  const weights = readWeights(file.weights, dims, config);
  const model = new DecisionTransformerModel(dims, config);
  try {
    model.setWeights(weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, provenance };
}
