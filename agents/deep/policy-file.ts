/**
 * A trained agent's acting networks, and nothing else: what Floe ships as pretrained agents.
 * A run file (agents/runner/run-file.ts) also carries the optimiser's moments, the replay buffer
 * or the rollout, so it can continue training bit for bit; that makes it 3x the weights and
 * more, too big to ship. A policy file keeps the config, the dims and the weights, plus where
 * the agent came from (`provenance`: the command, seed, frames and the score it reached):
 *
 *   { format: 'floe-policy', version: 1, world, agent, config, input, nActions,
 *     networks: WeightsFile[], provenance }
 *
 * Loading builds a fresh agent from the config and sets the weights: it plays as trained and can
 * train on, with a fresh optimiser (and, for DQN, an empty buffer and the target network copied
 * from the online one). Every problem is one precise message; nothing is half-loaded.
 */
import { Dqn } from './dqn';
import type { Network } from './network';
import { Reinforce } from './reinforce';
import { createDeepAgent, deepAgentDims, isDeepAgentName, type DeepAgent, type DeepAgentName } from './registry';
import type { InputSpec } from './types';
import { readInputSpec } from './pg-file';
import { deserializeWeights, serializeWeights, type WeightsFile } from './weights-file';
import { withContext } from './agent-file';
import { POLICY_FILE_FORMAT, POLICY_FILE_VERSION } from './policy-format';

export { POLICY_FILE_FORMAT, POLICY_FILE_VERSION };

/** Where a shipped agent came from, so its claim can be checked by running the command again. */
export interface PolicyProvenance {
  /** The command that trained it (Floe's CLI). */
  readonly command: string;
  readonly seed: number;
  /** Environment frames (steps over all copies) it trained for. */
  readonly frames: number;
  /** The average return of the last `episodes` training episodes when it stopped. */
  readonly averageReturn: number;
  readonly episodes: number;
}

export interface PolicyFile {
  readonly format: typeof POLICY_FILE_FORMAT;
  readonly version: typeof POLICY_FILE_VERSION;
  /** The world it was trained on: 'cartpole' or an arcade game's id. */
  readonly world: string;
  readonly agent: DeepAgentName;
  readonly config: Record<string, unknown>;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly networks: WeightsFile[];
  readonly provenance: PolicyProvenance;
}

/** The networks an agent acts (and estimates values) with, in a fixed order. */
export function actingNetworks(agent: DeepAgent): Network[] {
  if (agent instanceof Dqn) return [...agent.networks];
  if (agent instanceof Reinforce) return agent.value === null ? [agent.policy] : [agent.policy, agent.value];
  return [...agent.model.networks];
}

export function exportPolicy(agent: DeepAgent, world: string, provenance: PolicyProvenance): PolicyFile {
  const file = agent.save();
  const dims = deepAgentDims(agent);
  return {
    format: POLICY_FILE_FORMAT,
    version: POLICY_FILE_VERSION,
    world,
    agent: agent.name as DeepAgentName,
    config: file.config as Record<string, unknown>,
    input: dims.input,
    nActions: dims.nActions,
    networks: actingNetworks(agent).map(serializeWeights),
    provenance,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkProvenance(value: unknown): PolicyProvenance {
  const where = 'policy file: provenance';
  if (!isObject(value)) throw new Error(`${where} must be an object`);
  if (typeof value.command !== 'string') throw new Error(`${where}.command must be a string`);
  for (const key of ['seed', 'frames', 'episodes'] as const) {
    const v = value[key];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) throw new Error(`${where}.${key} must be a whole number, got ${JSON.stringify(v)}`);
  }
  if (!(typeof value.averageReturn === 'number' && Number.isFinite(value.averageReturn))) throw new Error(`${where}.averageReturn must be a finite number`);
  return value as unknown as PolicyProvenance;
}

/**
 * A policy file as a fresh agent with the saved weights (owned by the caller), its world and
 * provenance. Throws one precise message on any problem; a half-built agent is disposed.
 */
export function loadPolicy(value: unknown): { agent: DeepAgent; world: string; provenance: PolicyProvenance } {
  if (!isObject(value)) throw new Error('policy file must be a JSON object');
  if (value.format !== POLICY_FILE_FORMAT) throw new Error(`policy file: format must be '${POLICY_FILE_FORMAT}', got ${JSON.stringify(value.format)}`);
  if (value.version !== POLICY_FILE_VERSION) throw new Error(`policy file: version must be ${POLICY_FILE_VERSION}, got ${JSON.stringify(value.version)}`);
  if (typeof value.world !== 'string') throw new Error('policy file: world must be a string');
  const name = value.agent;
  if (typeof name !== 'string' || !isDeepAgentName(name)) throw new Error(`policy file: agent must name a deep agent, got ${JSON.stringify(name)}`);
  if (!isObject(value.config)) throw new Error('policy file: config must be an object');
  const input = readInputSpec('policy file: input', value.input);
  const nActions = value.nActions;
  if (!(typeof nActions === 'number' && Number.isInteger(nActions) && nActions >= 2)) throw new Error(`policy file: nActions must be an integer >= 2, got ${JSON.stringify(nActions)}`);
  if (!Array.isArray(value.networks)) throw new Error('policy file: networks must be an array');
  const provenance = checkProvenance(value.provenance);
  const agent = withContext('policy file: config', () => createDeepAgent(name, { input, nActions }, value.config as Record<string, unknown>));
  try {
    const networks = actingNetworks(agent);
    const saved = value.networks as unknown[];
    if (saved.length !== networks.length) throw new Error(`policy file: ${saved.length} networks, but a ${name} with this config has ${networks.length}`);
    // Every network is checked before any is set: nothing is half-loaded.
    const weights = networks.map((network, i) => withContext(`policy file: networks[${i}]`, () => deserializeWeights(saved[i], network.spec)));
    networks.forEach((network, i) => network.setWeights(weights[i]));
    if (agent instanceof Dqn) agent.target?.copyFrom(agent.networks[0]);
    return { agent, world: value.world, provenance };
  } catch (error) {
    agent.dispose();
    throw error;
  }
}
