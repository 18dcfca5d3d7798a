/**
 * The agent files the library keeps, as validator formats (kind 'agent'):
 *
 * - 'floe-run' v1 (agents/runner/run-file.ts): an agent with everything needed to continue
 *   training; checkRunFile checks the envelope, the session that loads it checks the agent.
 * - 'floe-policy' v1 (agents/deep/policy-file.ts): a trained deep agent's acting networks.
 *   policy-file.ts imports TensorFlow.js, so the envelope is checked here instead, without it:
 *   world, agent name, config, input spec, nActions, provenance, and each network's weights file
 *   ({shapes, data}: data is base64 of little-endian float32s) for consistent shapes, the right
 *   number of values and finite values. The loader checks the rest against the agent it builds.
 */
import { checkRunFile, type RunFile } from '../../../agents/runner/run-file';
import { POLICY_FILE_FORMAT, POLICY_FILE_VERSION } from '../../../agents/deep/policy-format';
import { DEEP_AGENT_NAMES, isDeepAgentName } from '../../../agents/deep/catalogue';
import type { FormatChecker } from './format-types';

export const runFormat: FormatChecker<RunFile> = {
  label: 'run file',
  kind: 'agent',
  version: 1,
  check: (document) => checkRunFile(document),
  defaultName(file) {
    const world = typeof file.world === 'string' ? file.world : file.world.name;
    return `${file.agent.agent} on ${world}`;
  },
};

/** The envelope of a policy file, as far as it is checked without TensorFlow.js. */
export interface PolicyEnvelope {
  readonly format: typeof POLICY_FILE_FORMAT;
  readonly version: typeof POLICY_FILE_VERSION;
  readonly world: string;
  readonly agent: string;
  readonly config: Record<string, unknown>;
  readonly input: Record<string, unknown>;
  readonly nActions: number;
  readonly networks: readonly { readonly shapes: number[][]; readonly data: string }[];
  readonly provenance: Record<string, unknown>;
}

const MAX_NETWORKS = 8;
const MAX_VARIABLES = 64;
const MAX_DIMENSION = 1 << 20;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function whole(value: unknown, where: string, min: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min)) throw new Error(`${where} must be a whole number, ${min} or more, got ${JSON.stringify(value)}`);
  return value;
}

function checkInput(value: unknown): number | null {
  const where = 'policy file: input';
  if (!isObject(value)) throw new Error(`${where} must be an input spec object`);
  if (value.kind === 'one-hot' || value.kind === 'vector') return whole(value.size, `${where}.size`, 1);
  if (value.kind === 'planes') {
    for (const key of ['height', 'width', 'channels']) whole(value[key], `${where}.${key}`, 1);
    return null;
  }
  throw new Error(`${where}.kind must be 'one-hot', 'vector' or 'planes', got ${JSON.stringify(value.kind)}`);
}

function layerName(index: number): string {
  return `layer ${Math.floor(index / 2) + 1} ${index % 2 === 0 ? 'weights' : 'biases'}`;
}

/**
 * One network's weights file: shapes come in (weights, biases) pairs, each layer's weights take
 * the previous layer's outputs, the data holds exactly the values the shapes need, all finite.
 * `inputSize` is the vector input's size and `channels` the planes' channels, for the network that
 * reads the observation (null otherwise: heads read a body's features, and the dense size after
 * conv layers depends on the strides in the config).
 */
function checkNetwork(value: unknown, where: string, inputSize: number | null, channels: number | null): void {
  if (!isObject(value)) throw new Error(`${where} must be an object with shapes and data`);
  const shapes = value.shapes;
  if (!Array.isArray(shapes) || shapes.length === 0 || shapes.length % 2 !== 0 || shapes.length > MAX_VARIABLES) {
    throw new Error(`${where}.shapes must be a list of (weights, biases) shapes, 2 to ${MAX_VARIABLES} of them`);
  }
  let total = 0;
  let features: number | null = inputSize;
  let planes = channels;
  shapes.forEach((shape: unknown, index) => {
    const name = `${where}: ${layerName(index)}`;
    if (!Array.isArray(shape) || shape.length === 0 || shape.length > 4) throw new Error(`${name} shape must be a list of 1 to 4 sizes`);
    shape.forEach((size: unknown, axis) => whole(size, `${name} shape[${axis}]`, 1));
    const sizes = shape as number[];
    if (sizes.some((size) => size > MAX_DIMENSION)) throw new Error(`${name} shape ${JSON.stringify(sizes)} is beyond the size limit`);
    if (index % 2 === 0) {
      // Weights: [inputs, units] for a dense layer, [k, k, channels, filters] for a conv layer.
      if (sizes.length === 4) {
        if (planes !== null && sizes[2] !== planes) throw new Error(`${name} have ${sizes[2]} input channels, expected ${planes}`);
        planes = sizes[3];
        features = null; // the dense size after conv layers depends on the strides (config)
      } else if (sizes.length === 2) {
        if (features !== null && sizes[0] !== features) throw new Error(`${name} have ${sizes[0]} rows, expected ${features}`);
        planes = null;
      } else {
        throw new Error(`${name} shape must have 2 (dense) or 4 (conv) sizes, got ${JSON.stringify(sizes)}`);
      }
    } else {
      const units = (shapes[index - 1] as number[]).at(-1)!;
      if (sizes.length !== 1 || sizes[0] !== units) throw new Error(`${name} shape is ${JSON.stringify(sizes)}, expected [${units}]`);
      features = (shapes[index - 1] as number[]).length === 2 ? units : null;
    }
    total += sizes.reduce((product, size) => product * size, 1);
  });
  if (total > 1 << 26) throw new Error(`${where} has ${total} values, beyond the size limit`);
  const data = value.data;
  if (typeof data !== 'string') throw new Error(`${where}.data must be a base64 string`);
  if (data.length % 4 !== 0 || !BASE64.test(data)) throw new Error(`${where}.data is not base64 (damaged?)`);
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const bytes = (data.length / 4) * 3 - padding;
  if (bytes % 4 !== 0) throw new Error(`${where}.data holds ${bytes} bytes, not a whole number of float32 values`);
  if (bytes / 4 !== total) throw new Error(`${where}.data holds ${bytes / 4} values, the shapes need ${total}`);
  const binary = atob(data);
  const view = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < binary.length; i += 4) {
    for (let k = 0; k < 4; k++) view.setUint8(k, binary.charCodeAt(i + k));
    const weight = view.getFloat32(0, true);
    if (!Number.isFinite(weight)) throw new Error(`${where}.data value ${i / 4} is ${weight} (NaN or infinite weights are refused)`);
  }
}

function checkProvenance(value: unknown): void {
  const where = 'policy file: provenance';
  if (!isObject(value)) throw new Error(`${where} must be an object`);
  if (typeof value.command !== 'string') throw new Error(`${where}.command must be a string`);
  for (const key of ['seed', 'frames', 'episodes']) whole(value[key], `${where}.${key}`, 0);
  if (typeof value.averageReturn !== 'number') throw new Error(`${where}.averageReturn must be a finite number`);
}

export const policyFormat: FormatChecker<PolicyEnvelope> = {
  label: 'policy file',
  kind: 'agent',
  version: POLICY_FILE_VERSION,
  check(document) {
    if (typeof document.world !== 'string' || document.world === '' || document.world.length > 100) throw new Error('policy file: world must name a world (a short string)');
    const agent = document.agent;
    if (typeof agent !== 'string' || !isDeepAgentName(agent)) throw new Error(`policy file: agent must name a deep agent (${DEEP_AGENT_NAMES.join(', ')}), got ${JSON.stringify(agent)?.slice(0, 80)}`);
    if (!isObject(document.config)) throw new Error('policy file: config must be an object');
    const inputSize = checkInput(document.input);
    const input = document.input as Record<string, unknown>;
    whole(document.nActions, 'policy file: nActions', 2);
    const networks = document.networks;
    if (!Array.isArray(networks) || networks.length === 0 || networks.length > MAX_NETWORKS) throw new Error(`policy file: networks must be a list of 1 to ${MAX_NETWORKS} weights files`);
    const channels = input.kind === 'planes' ? (input.channels as number) : null;
    // Only the first network reads the observation: later ones may be heads on its features.
    networks.forEach((network, i) => checkNetwork(network, `policy file: networks[${i}]`, i === 0 ? inputSize : null, i === 0 ? channels : null));
    checkProvenance(document.provenance);
    return document as unknown as PolicyEnvelope;
  },
  defaultName: (file) => `${file.agent} on ${file.world}`,
};
