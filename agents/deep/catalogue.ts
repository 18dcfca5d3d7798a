/**
 * The deep agents as data, without tfjs: names, titles, descriptions, field docs, list fields,
 * defaults and the config checks. agents/deep/registry.ts adds the factories and loaders (which
 * need tensors); the page, its links and its forms read this module only, so tfjs stays in the
 * training worker's lazily loaded chunk.
 *
 * Configs are checked by the agents' own resolvers (resolveDqnConfig, resolvePpoConfig,
 * resolveConfig with the agent's field table), so messages are theirs:
 * `ppo config: gamma must be in [0, 1], got 2`.
 */
import { parseFieldValue, resolveConfig, type ConfigValue, type FieldDoc, type FieldSpecs } from '../tabular/config';
import { ACTOR_CRITIC_DEFAULTS, ACTOR_CRITIC_FIELDS, describeActorCriticConfig, type ActorCriticConfig } from './config/actor-critic';
import { describeDqnFields, DQN_DEFAULTS, DQN_FIELDS, resolveDqnConfig, type DqnConfig } from './config/dqn';
import { describePpoConfig, PPO_DEFAULTS, PPO_FIELDS, resolvePpoConfig, type PpoConfig } from './config/ppo';
import { describeReinforceConfig, REINFORCE_DEFAULTS, REINFORCE_FIELDS, type ReinforceConfig } from './config/reinforce';

export type DeepAgentName = 'dqn' | 'reinforce' | 'actor-critic' | 'ppo';

/** A field that is not a scalar (dqn's `hidden` list of layer sizes). */
export interface DeepListField {
  readonly key: string;
  readonly doc: string;
  readonly default: readonly number[];
}

export interface DeepAgentInfo {
  readonly name: DeepAgentName;
  readonly title: string;
  /** One line for menus and the CLI's help. */
  readonly description: string;
  /** 'vector': batched over nEnvs copies (a VectorAgent); 'single': one world (wrap with asVectorAgent). */
  readonly kind: 'single' | 'vector';
  /** Form rows of the scalar fields: key, type, doc, default, range, options. */
  readonly docs: readonly FieldDoc[];
  /** Fields that are not scalars (dqn's `hidden` list), with a doc line each; parsed by `parseOverrides`. */
  readonly listFields: readonly DeepListField[];
  /** Every default, the list fields included. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The scalar field table. */
  readonly fields: Readonly<Record<string, FieldSpecs<Record<string, ConfigValue>>[string]>>;
  /** Defaults plus `overrides`, every field checked by the agent's own resolver. Throws on a bad field. */
  resolve(overrides?: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

function scalarFields(specs: object): DeepAgentInfo['fields'] {
  return specs as DeepAgentInfo['fields'];
}

export const DEEP_AGENT_CATALOGUE = {
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
    resolve: (overrides = {}) => ({ ...resolvePpoConfig(overrides as Partial<PpoConfig>) }),
  },
} as const satisfies Record<DeepAgentName, DeepAgentInfo>;

export const DEEP_AGENT_NAMES = Object.keys(DEEP_AGENT_CATALOGUE) as DeepAgentName[];

export function isDeepAgentName(name: string): name is DeepAgentName {
  return Object.hasOwn(DEEP_AGENT_CATALOGUE, name);
}

export function getDeepAgentInfo(name: string): DeepAgentInfo {
  if (!isDeepAgentName(name)) throw new Error(`unknown deep agent '${name}'; deep agents are ${DEEP_AGENT_NAMES.join(', ')}`);
  return DEEP_AGENT_CATALOGUE[name];
}

/** A comma-separated list of positive integers (`64,64`); '' or 'none' is the empty list. */
export function parseIntegerList(agent: string, key: string, text: string): number[] {
  const raw = text.trim();
  if (raw === '' || raw === 'none') return [];
  return raw.split(',').map((part) => {
    const value = part.trim();
    if (!/^\d+$/.test(value)) throw new Error(`${agent} config: ${key} must be comma-separated positive integers (e.g. 64,64), got '${text}'`);
    return Number(value);
  });
}

function unknownOption(info: DeepAgentInfo, key: string): Error {
  const keys = [...Object.keys(info.fields), ...info.listFields.map((field) => field.key)];
  return new Error(`unknown option '${key}' for ${info.name}; options are ${keys.join(', ')}`);
}

/**
 * `--set key=value` and form input: the typed, checked values of string overrides (only the
 * keys given), then the whole config checked by the agent's resolver. Unknown keys throw with
 * the list of options.
 */
export function parseOverrides(name: string, overrides: Readonly<Record<string, string>>): Record<string, unknown> {
  const info = getDeepAgentInfo(name);
  const parsed: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(overrides)) {
    if (info.listFields.some((field) => field.key === key)) {
      parsed[key] = parseIntegerList(name, key, text);
    } else if (Object.hasOwn(info.fields, key)) {
      parsed[key] = parseFieldValue(name, key, info.fields[key], text);
    } else {
      throw unknownOption(info, key);
    }
  }
  info.resolve(parsed);
  return parsed;
}

/**
 * The page's options (form values; list fields as text, "64,64") as agent options: list fields
 * parsed, scalars passed as they are, then the whole config checked by the agent's resolver.
 * Throws one precise message on an unknown key (own keys only: `constructor` is unknown), a
 * list that is not text of positive integers, or a value of the wrong type or out of range.
 */
export function resolvePageOptions(name: string, options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const info = getDeepAgentInfo(name);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const list = info.listFields.some((field) => field.key === key);
    if (!list && !Object.hasOwn(info.fields, key)) throw unknownOption(info, key);
    if (list && typeof value !== 'string') throw new Error(`${name} config: ${key} must be comma-separated positive integers (e.g. 64,64), got ${JSON.stringify(value)}`);
    out[key] = list ? parseIntegerList(name, key, value as string) : value;
  }
  info.resolve(out);
  return out;
}
