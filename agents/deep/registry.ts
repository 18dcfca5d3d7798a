/**
 * Every deep agent by name, as agents/tabular/registry.ts does for the tabular ones: title,
 * one-line description, field docs and defaults (config forms, `--set key=value`), whether it
 * is batched over several copies of the world (a VectorAgent) or single-env, a factory, and
 * `loadDeepAgent`, which restores a saved file of any of them.
 *
 * One session type drives them all: actor-critic and PPO are VectorAgents already, and
 * `asVectorAgent` adapts DQN and REINFORCE (nEnvs 1), so createVectorSession runs every one.
 *
 * Configs are checked by the agents' own resolvers (resolveDqnConfig, resolveConfig with the
 * agent's field table), so messages are theirs: `ppo config: gamma must be in [0, 1], got 2`.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../core/agent';
import { parseFieldValue, resolveConfig, type ConfigValue, type FieldDoc, type FieldSpecs } from '../tabular/config';
import type { VectorAgent } from '../runner/vector-session';
import { ACTOR_CRITIC_DEFAULTS, ACTOR_CRITIC_FIELDS, ActorCritic, describeActorCriticConfig, loadActorCritic, type ActorCriticConfig } from './actor-critic';
import { describeDqnFields, Dqn, DQN_DEFAULTS, DQN_FIELDS, loadDqn, resolveDqnConfig, type DqnConfig } from './dqn';
import { describePpoConfig, loadPpo, Ppo, PPO_DEFAULTS, PPO_FIELDS, type PpoConfig } from './ppo';
import { describeReinforceConfig, loadReinforce, Reinforce, REINFORCE_DEFAULTS, REINFORCE_FIELDS, type ReinforceConfig } from './reinforce';
import type { InputSpec, Observation } from './types';

export type DeepAgentName = 'dqn' | 'reinforce' | 'actor-critic' | 'ppo';

/** Any deep agent: all four are single-env Agents; actor-critic and PPO are VectorAgents too. */
export type DeepAgent = Dqn | Reinforce | ActorCritic | Ppo;

/** What the world tells a deep agent: how observations are encoded and how many actions there are. */
export interface DeepDims {
  readonly input: InputSpec;
  readonly nActions: number;
}

export interface DeepAgentEntry {
  readonly name: DeepAgentName;
  readonly title: string;
  /** One line for menus and the CLI's help. */
  readonly description: string;
  /** 'vector': batched over nEnvs copies (a VectorAgent); 'single': one world (wrap with asVectorAgent). */
  readonly kind: 'single' | 'vector';
  /** Form rows of the scalar fields: key, type, doc, default, range, options. */
  readonly docs: readonly FieldDoc[];
  /** Fields that are not scalars (dqn's `hidden` list), with a doc line each; parsed by `parseOverrides`. */
  readonly listFields: readonly { readonly key: string; readonly doc: string; readonly default: readonly number[] }[];
  /** Every default, the list fields included. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The scalar field table. */
  readonly fields: Readonly<Record<string, FieldSpecs<Record<string, ConfigValue>>[string]>>;
  /** Defaults plus `overrides`, every field checked by the agent's own resolver. Throws on a bad field. */
  resolve(overrides?: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** A fresh agent for a world with these dims; the config passes the agent's own validation. */
  create(dims: DeepDims, overrides?: Readonly<Record<string, unknown>>): DeepAgent;
  /** Restores a saved file of this agent (throws a precise message on a bad one). */
  load(file: unknown): DeepAgent;
}

function scalarFields(specs: object): DeepAgentEntry['fields'] {
  return specs as DeepAgentEntry['fields'];
}

export const DEEP_AGENTS = {
  dqn: {
    name: 'dqn',
    title: 'Deep Q-network',
    description: 'DQN (eq 19.18): epsilon-greedy on a Q-network, replay buffer, target network; double, two-network (19.21), dueling, n-step and prioritised options.',
    kind: 'single',
    docs: describeDqnFields(),
    listFields: [{ key: 'hidden', doc: 'Units of each hidden layer of the Q-network, comma-separated (e.g. 64,64).', default: DQN_DEFAULTS.hidden }],
    defaults: { ...DQN_DEFAULTS },
    fields: scalarFields(DQN_FIELDS),
    resolve: (overrides = {}) => ({ ...resolveDqnConfig(overrides as Partial<DqnConfig>) }),
    create: (dims, overrides = {}) => new Dqn({ input: dims.input, nA: dims.nActions }, overrides as Partial<DqnConfig>),
    load: (file) => loadDqn(file),
  },
  reinforce: {
    name: 'reinforce',
    title: 'REINFORCE',
    description: 'Monte Carlo policy gradient (eq 19.33) on whole episodes, with baselines none, mean return (19.37), learned value (19.38) or optimal (19.36).',
    kind: 'single',
    docs: describeReinforceConfig(),
    listFields: [],
    defaults: { ...REINFORCE_DEFAULTS },
    fields: scalarFields(REINFORCE_FIELDS),
    resolve: (overrides = {}) => ({ ...resolveConfig('reinforce', REINFORCE_FIELDS, REINFORCE_DEFAULTS, overrides as Partial<ReinforceConfig>) }),
    create: (dims, overrides = {}) => new Reinforce(dims, overrides as Partial<ReinforceConfig>),
    load: (file) => loadReinforce(file),
  },
  'actor-critic': {
    name: 'actor-critic',
    title: 'Actor-critic (A2C)',
    description: 'Policy and value learned together (eqs 19.40-19.42): one-step TD, n-step or GAE advantages; several copies of the world stepped together (A2C).',
    kind: 'vector',
    docs: describeActorCriticConfig(),
    listFields: [],
    defaults: { ...ACTOR_CRITIC_DEFAULTS },
    fields: scalarFields(ACTOR_CRITIC_FIELDS),
    resolve: (overrides = {}) => ({ ...resolveConfig('actor-critic', ACTOR_CRITIC_FIELDS, ACTOR_CRITIC_DEFAULTS, overrides as Partial<ActorCriticConfig>) }),
    create: (dims, overrides = {}) => new ActorCritic(dims, overrides as Partial<ActorCriticConfig>),
    load: (file) => loadActorCritic(file),
  },
  ppo: {
    name: 'ppo',
    title: 'PPO',
    description: 'Proximal policy optimisation: the clipped objective on GAE advantages, minibatch epochs over rollouts of several copies of the world.',
    kind: 'vector',
    docs: describePpoConfig(),
    listFields: [],
    defaults: { ...PPO_DEFAULTS },
    fields: scalarFields(PPO_FIELDS),
    resolve: (overrides = {}) => ({ ...resolveConfig('ppo', PPO_FIELDS, PPO_DEFAULTS, overrides as Partial<PpoConfig>) }),
    create: (dims, overrides = {}) => new Ppo(dims, overrides as Partial<PpoConfig>),
    load: (file) => loadPpo(file),
  },
} as const satisfies Record<DeepAgentName, DeepAgentEntry>;

export const DEEP_AGENT_NAMES = Object.keys(DEEP_AGENTS) as DeepAgentName[];

export function isDeepAgentName(name: string): name is DeepAgentName {
  return Object.hasOwn(DEEP_AGENTS, name);
}

export function getDeepAgent(name: string): DeepAgentEntry {
  if (!isDeepAgentName(name)) throw new Error(`unknown deep agent '${name}'; deep agents are ${DEEP_AGENT_NAMES.join(', ')}`);
  return DEEP_AGENTS[name];
}

/** A comma-separated list of positive integers (`64,64`); '' or 'none' is the empty list. */
function parseIntegerList(agent: string, key: string, text: string): number[] {
  const raw = text.trim();
  if (raw === '' || raw === 'none') return [];
  return raw.split(',').map((part) => {
    const value = part.trim();
    if (!/^\d+$/.test(value)) throw new Error(`${agent} config: ${key} must be comma-separated positive integers (e.g. 64,64), got '${text}'`);
    return Number(value);
  });
}

/**
 * `--set key=value` and form input: the typed, checked values of string overrides (only the
 * keys given), then the whole config checked by the agent's resolver. Unknown keys throw with
 * the list of options.
 */
export function parseOverrides(name: string, overrides: Readonly<Record<string, string>>): Record<string, unknown> {
  const entry = getDeepAgent(name);
  const parsed: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(overrides)) {
    if (entry.listFields.some((field) => field.key === key)) {
      parsed[key] = parseIntegerList(name, key, text);
    } else if (Object.hasOwn(entry.fields, key)) {
      parsed[key] = parseFieldValue(name, key, entry.fields[key], text);
    } else {
      const keys = [...Object.keys(entry.fields), ...entry.listFields.map((field) => field.key)];
      throw new Error(`unknown option '${key}' for ${name}; options are ${keys.join(', ')}`);
    }
  }
  entry.resolve(parsed);
  return parsed;
}

/** The agent `name` for a world with these dims. */
export function createDeepAgent(name: DeepAgentName, dims: DeepDims, overrides: Readonly<Record<string, unknown>> = {}): DeepAgent {
  return getDeepAgent(name).create(dims, overrides);
}

/** The dims a deep agent was built for. */
export function deepAgentDims(agent: DeepAgent): DeepDims {
  return agent instanceof Dqn ? { input: agent.input, nActions: agent.nA } : agent.dims;
}

/** Whether an agent is batched over nEnvs copies already. */
export function isVectorAgent(agent: DeepAgent): agent is ActorCritic | Ppo {
  return agent instanceof ActorCritic || agent instanceof Ppo;
}

/**
 * A single-env agent seen as a VectorAgent with nEnvs 1: actBatch([o]) is [act(o)] and
 * observeBatch([t]) is observe(t), with the same Rngs, so a vector session of one copy draws
 * exactly what a single-env loop would.
 */
export function asVectorAgent(agent: Agent<Observation, number>, name: string): VectorAgent {
  return {
    name,
    nEnvs: 1,
    actBatch(obs: readonly Observation[], rng: Rng, mode: ActMode): number[] {
      if (obs.length !== 1) throw new Error(`${name}: actBatch got ${obs.length} observations, but a single-env agent takes 1 (nEnvs 1)`);
      return [agent.act(obs[0], rng, mode)];
    },
    observeBatch(transitions: readonly Transition<Observation, number>[], rng: Rng): void {
      if (transitions.length !== 1) throw new Error(`${name}: observeBatch got ${transitions.length} transitions, but a single-env agent takes 1 (nEnvs 1)`);
      agent.observe(transitions[0], rng);
    },
    update: (rng: Rng) => agent.update(rng),
    dispose: () => agent.dispose(),
    save: (): AgentFile => agent.save(),
  };
}

/** Any deep agent as a VectorAgent: itself when batched, else wrapped with asVectorAgent. */
export function toVectorAgent(agent: DeepAgent): VectorAgent {
  return isVectorAgent(agent) ? agent : asVectorAgent(agent, agent.name);
}

/**
 * Restores a saved deep agent of any kind, dispatching on `file.agent`. Checks the envelope
 * here (an object, format 'floe-agent', a known deep agent name); everything else is the
 * agent's own loader, whose messages name the field: `ppo file: state.weights[0]: ...`.
 */
export function loadDeepAgent(file: unknown): DeepAgent {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) {
    throw new Error(`agent file must be a JSON object, got ${file === null ? 'null' : Array.isArray(file) ? 'an array' : typeof file}`);
  }
  const f = file as Partial<AgentFile>;
  if (f.format !== 'floe-agent') throw new Error(`agent file: format must be 'floe-agent', got ${JSON.stringify(f.format)}`);
  if (typeof f.agent !== 'string') throw new Error(`agent file: agent must be a string naming a deep agent (${DEEP_AGENT_NAMES.join(', ')}), got ${JSON.stringify(f.agent)}`);
  if (!isDeepAgentName(f.agent)) throw new Error(`agent file: unknown deep agent '${f.agent}'; deep agents are ${DEEP_AGENT_NAMES.join(', ')}`);
  return DEEP_AGENTS[f.agent].load(file);
}
