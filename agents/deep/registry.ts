/**
 * Every deep agent by name, as agents/tabular/registry.ts does for the tabular ones: the
 * catalogue's data (agents/deep/catalogue.ts: title, one-line description, field docs and
 * defaults, whether it is batched or single-env, its config checks) plus a factory and a
 * loader, and `loadDeepAgent`, which restores a saved file of any of them. This module imports
 * the agents and so tfjs; code that needs only names, docs or option checks (the page, its
 * links and forms) imports the catalogue instead.
 *
 * One session type drives them all: actor-critic and PPO are VectorAgents already, and
 * `asVectorAgent` adapts DQN and REINFORCE (nEnvs 1), so createVectorSession runs every one.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../core/agent';
import type { VectorAgent } from '../runner/vector-session';
import { ActorCritic, loadActorCritic, type ActorCriticConfig } from './actor-critic';
import { DEEP_AGENT_CATALOGUE, DEEP_AGENT_NAMES, isDeepAgentName, type DeepAgentInfo, type DeepAgentName } from './catalogue';
import { Dqn, loadDqn, type DqnConfig } from './dqn';
import { loadPpo, Ppo, type PpoConfig } from './ppo';
import { loadReinforce, Reinforce, type ReinforceConfig } from './reinforce';
import type { InputSpec, Observation } from './types';

export { DEEP_AGENT_NAMES, isDeepAgentName, parseOverrides, type DeepAgentName } from './catalogue';

/** Any deep agent: all four are single-env Agents; actor-critic and PPO are VectorAgents too. */
export type DeepAgent = Dqn | Reinforce | ActorCritic | Ppo;

/** What the world tells a deep agent: how observations are encoded and how many actions there are. */
export interface DeepDims {
  readonly input: InputSpec;
  readonly nActions: number;
}

export interface DeepAgentEntry extends DeepAgentInfo {
  /** A fresh agent for a world with these dims; the config passes the agent's own validation. */
  create(dims: DeepDims, overrides?: Readonly<Record<string, unknown>>): DeepAgent;
  /** Restores a saved file of this agent (throws a precise message on a bad one). */
  load(file: unknown): DeepAgent;
}

export const DEEP_AGENTS = {
  dqn: {
    ...DEEP_AGENT_CATALOGUE.dqn,
    create: (dims, overrides = {}) => new Dqn({ input: dims.input, nA: dims.nActions }, overrides as Partial<DqnConfig>),
    load: (file) => loadDqn(file),
  },
  reinforce: {
    ...DEEP_AGENT_CATALOGUE.reinforce,
    create: (dims, overrides = {}) => new Reinforce(dims, overrides as Partial<ReinforceConfig>),
    load: (file) => loadReinforce(file),
  },
  'actor-critic': {
    ...DEEP_AGENT_CATALOGUE['actor-critic'],
    create: (dims, overrides = {}) => new ActorCritic(dims, overrides as Partial<ActorCriticConfig>),
    load: (file) => loadActorCritic(file),
  },
  ppo: {
    ...DEEP_AGENT_CATALOGUE.ppo,
    create: (dims, overrides = {}) => new Ppo(dims, overrides as Partial<PpoConfig>),
    load: (file) => loadPpo(file),
  },
} as const satisfies Record<DeepAgentName, DeepAgentEntry>;

export function getDeepAgent(name: string): DeepAgentEntry {
  if (!isDeepAgentName(name)) throw new Error(`unknown deep agent '${name}'; deep agents are ${DEEP_AGENT_NAMES.join(', ')}`);
  return DEEP_AGENTS[name];
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
