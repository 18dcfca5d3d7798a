/**
 * Every agent the gridworld page offers, tabular and deep, seen the same way: family, title,
 * description, form rows and defaults.
 *
 * Deep agents: their form leaves out the initial-weight seed (the run's seed sets it) and shows
 * list fields (DQN's hidden sizes) as text, "64,64", kept as text in the options and parsed by
 * the worker's deep session (deepAgentOptions). Deep agents come from agents/deep/catalogue.ts,
 * which has no tfjs: the page's bundle stays small and tfjs loads with the training worker.
 */
import { getTabularAgent, isTabularAgentName, TABULAR_AGENTS } from '../../../../agents/tabular/registry';
import { DEEP_AGENT_CATALOGUE, getDeepAgentInfo, isDeepAgentName } from '../../../../agents/deep/catalogue';
import { RUN_SEEDED } from '../../../../agents/deep/page-options';
import type { ConfigField } from '../controls/config-fields';
import { agentFormFields } from './agent-fields';

export type AgentFamily = 'dp' | 'learner' | 'deep';

export interface ListField {
  readonly key: string;
  readonly label: string;
  readonly doc: string;
  readonly default: string;
}

export interface AgentInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly family: AgentFamily;
  readonly fields: readonly ConfigField[];
  readonly listFields: readonly ListField[];
  readonly defaults: Readonly<Record<string, unknown>>;
}


export const DEEP_AGENT_LIST = Object.values(DEEP_AGENT_CATALOGUE).map((entry) => ({ name: entry.name, title: entry.title }));

/** Agents offered together under one heading of the agent menu. */
export interface AgentGroup {
  readonly label: string;
  readonly agents: readonly { readonly name: string; readonly title: string }[];
}

const tabular = (kind: 'dp' | 'learner') => Object.values(TABULAR_AGENTS).filter((a) => a.kind === kind).map((a) => ({ name: a.name, title: a.title }));

export const DEEP_AGENT_GROUP: AgentGroup = { label: 'Deep RL (TensorFlow.js)', agents: DEEP_AGENT_LIST };

/** Every agent, for worlds with a tabular model (the gridworlds). */
export const ALL_AGENT_GROUPS: readonly AgentGroup[] = [
  { label: 'Dynamic programming (uses the model)', agents: tabular('dp') },
  { label: 'Learning from experience', agents: tabular('learner') },
  DEEP_AGENT_GROUP,
];

/** What the agent panel needs of a page: its agent, options and seed, and its message line. */
export interface AgentChoice {
  readonly agent: string;
  readonly options: Readonly<Record<string, unknown>>;
  seed: number;
  message: string | null;
  setAgent(name: string): void;
  setOption(key: string, value: number | string | boolean): void;
}

export function isAgentName(name: string): boolean {
  return isTabularAgentName(name) || isDeepAgentName(name);
}

export function agentInfo(name: string): AgentInfo {
  if (isDeepAgentName(name)) {
    const entry = getDeepAgentInfo(name);
    return {
      name,
      title: entry.title,
      description: entry.description,
      family: 'deep',
      fields: agentFormFields(entry.docs.filter((doc) => !RUN_SEEDED.has(doc.key))),
      listFields: entry.listFields.map((field) => ({ key: field.key, label: 'Hidden sizes', doc: field.doc, default: field.default.join(',') })),
      defaults: entry.defaults,
    };
  }
  const entry = getTabularAgent(name);
  return {
    name,
    title: entry.title,
    description: entry.description,
    family: entry.kind === 'dp' ? 'dp' : 'learner',
    fields: agentFormFields(entry.docs),
    listFields: [],
    defaults: entry.defaults as Readonly<Record<string, unknown>>,
  };
}
