/**
 * Saving and loading the policy-gradient agents (REINFORCE, actor-critic, PPO): the envelope of
 * their `floe-agent` files, the checks every loader runs before it changes anything, the loader
 * they share, and plain-JSON forms of the observations an unfinished episode or rollout holds.
 *
 * Observations round-trip exactly: a float32 value read into a JS number and written as JSON
 * comes back as the same float32.
 */
import type { AgentFile } from '../core/agent';
import { restoreOrDispose, withContext } from './agent-file';
import { deserializeWeights, serializeWeights, type WeightsFile } from './weights-file';
import type { Network } from './network';
import type { PolicyDims } from './policy-value';
import type { InputSpec, Observation } from './types';

export const PG_FILE_VERSION = 1;

/** A saved policy-gradient agent: the envelope around its config and `state`. */
export function agentFile(agent: string, config: object, state: Record<string, unknown>): AgentFile {
  return { format: 'floe-agent', version: PG_FILE_VERSION, agent, config: { ...config }, state };
}

/** Checks the envelope of a saved agent and returns its config and state objects. */
export function openAgentFile(file: unknown, agent: string): { config: Record<string, unknown>; state: Record<string, unknown> } {
  if (typeof file !== 'object' || file === null) throw new Error(`${agent} file must be a JSON object`);
  const f = file as Partial<AgentFile>;
  if (f.format !== 'floe-agent') throw new Error(`${agent} file: format must be 'floe-agent', got ${JSON.stringify(f.format)}`);
  if (f.version !== PG_FILE_VERSION) throw new Error(`${agent} file: version must be ${PG_FILE_VERSION}, got ${JSON.stringify(f.version)}`);
  if (f.agent !== agent) throw new Error(`${agent} file: agent must be '${agent}', got ${JSON.stringify(f.agent)}`);
  if (typeof f.config !== 'object' || f.config === null || Array.isArray(f.config)) throw new Error(`${agent} file: config must be an object`);
  if (typeof f.state !== 'object' || f.state === null || Array.isArray(f.state)) throw new Error(`${agent} file: state must be an object`);
  return { config: f.config as Record<string, unknown>, state: f.state as Record<string, unknown> };
}

/**
 * Loads a saved `agent`: checks the envelope, builds the agent from the saved dims and config
 * (`create`; its errors are prefixed with `<agent> file: `), then puts back the saved state
 * (`restore`). A half-built agent is disposed when `restore` throws, so nothing leaks.
 */
export function loadAgentFile<A extends { dispose(): void }>(
  file: unknown,
  agent: string,
  create: (dims: PolicyDims, config: Record<string, unknown>) => A,
  restore: (agent: A, state: Record<string, unknown>) => void,
): A {
  const { config, state } = openAgentFile(file, agent);
  const dims = { input: readInputSpec(`${agent} file: state.input`, state.input), nActions: state.nActions as number };
  const built = withContext(`${agent} file`, () => create(dims, config));
  return restoreOrDispose(built, (a) => restore(a, state));
}

export function readInteger(where: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`${where} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return value;
}

export function readFinite(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

export function readArray(where: string, value: unknown, length?: number): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be an array`);
  if (length !== undefined && value.length !== length) throw new Error(`${where} has ${value.length} entries, expected ${length}`);
  return value;
}

export function readNumbers(where: string, value: unknown, length?: number): number[] {
  return readArray(where, value, length).map((x, i) => readFinite(`${where}[${i}]`, x));
}

export function readBooleans(where: string, value: unknown, length: number): boolean[] {
  return readArray(where, value, length).map((x, i) => {
    if (typeof x !== 'boolean') throw new Error(`${where}[${i}] must be true or false, got ${JSON.stringify(x)}`);
    return x;
  });
}

export function readInputSpec(where: string, value: unknown): InputSpec {
  if (typeof value !== 'object' || value === null) throw new Error(`${where} must be an input spec object`);
  // Network's own validation gives the precise message for the fields.
  return value as InputSpec;
}

export function observationToJson(observation: Observation): number | number[] {
  return typeof observation === 'number' ? observation : Array.from(observation);
}

/** Reads one saved observation for `input`: an integer state (one-hot) or a vector of the right size. */
export function readObservation(where: string, value: unknown, input: InputSpec): Observation {
  if (input.kind === 'one-hot') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= input.size) {
      throw new Error(`${where} must be an integer state in [0, ${input.size}), got ${JSON.stringify(value)}`);
    }
    return value;
  }
  const size = input.kind === 'planes' ? input.height * input.width * input.channels : input.size;
  return Float32Array.from(readNumbers(where, value, size));
}

export function readObservations(where: string, value: unknown, input: InputSpec, length?: number): Observation[] {
  return readArray(where, value, length).map((x, i) => readObservation(`${where}[${i}]`, x, input));
}

export function saveNetwork(network: Network): WeightsFile {
  return serializeWeights(network);
}

/** Decodes a network's saved weights (for `network.setWeights`), prefixing any error with where it was read from. */
export function readWeights(where: string, network: Network, file: unknown): Float32Array[] {
  return withContext(where, () => deserializeWeights(file, network.spec));
}
