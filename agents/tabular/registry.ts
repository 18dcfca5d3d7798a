/**
 * Every tabular agent by name: its kind, defaults, per-field docs (for config forms and
 * `--set key=value`), and a factory. Also `loadTabularAgent`, which restores a saved learner.
 *
 * Two kinds: `dp` solvers plan with the exact model (TabularModel); `learner`s learn from
 * transitions (Agent<number, number>).
 */
import type { TabularModel } from '../../environments/core/types';
import type { AgentFile } from '../core/agent';
import { AsyncDp, ASYNC_DP_DEFAULTS, ASYNC_DP_FIELDS, type AsyncDpConfig } from './async-dp';
import { applyFieldOverrides, describeFields, parseFieldValue, resolveConfig, type ConfigValue, type FieldDoc, type FieldSpecs } from './config';
import type { DpMethodName, DpSolver } from './dp-solver';
import { DoubleQLearning } from './double-q-learning';
import { ExpectedSarsa } from './expected-sarsa';
import type { TabularDims, TabularLearner, TabularLearnerName } from './learner';
import { MonteCarlo, MONTE_CARLO_DEFAULTS, MONTE_CARLO_FIELDS, type MonteCarloConfig } from './monte-carlo';
import { PolicyEvaluation, POLICY_EVALUATION_DEFAULTS, POLICY_EVALUATION_FIELDS, type PolicyEvaluationConfig } from './policy-evaluation';
import { PolicyIteration, POLICY_ITERATION_DEFAULTS, POLICY_ITERATION_FIELDS, type PolicyIterationConfig } from './policy-iteration';
import { QLearning } from './q-learning';
import { Sarsa } from './sarsa';
import { AGENT_FILE_VERSION, TD_DEFAULTS, TD_FIELDS, type TdConfig } from './td-learner';
import { ValueIteration, VALUE_ITERATION_DEFAULTS, VALUE_ITERATION_FIELDS, type ValueIterationConfig } from './value-iteration';

export type TabularAgentName = DpMethodName | TabularLearnerName;

interface EntryBase<C extends object> {
  readonly name: TabularAgentName;
  readonly title: string;
  /** One line for menus and the CLI's help. */
  readonly description: string;
  readonly defaults: C;
  readonly fields: FieldSpecs<C>;
  /** Form rows: key, type, doc, default, range, options. */
  readonly docs: readonly FieldDoc[];
}

export interface DpEntry<C extends object = object> extends EntryBase<C> {
  readonly kind: 'dp';
  readonly name: DpMethodName;
  /** `policy`: the policy to evaluate (policy-evaluation) or to start from (policy-iteration). */
  create(model: TabularModel, config?: Partial<C>, policy?: ArrayLike<number>): DpSolver;
}

export interface LearnerEntry<C extends object = object> extends EntryBase<C> {
  readonly kind: 'learner';
  readonly name: TabularLearnerName;
  create(dims: TabularDims, config?: Partial<C>): TabularLearner;
}

export type TabularAgentEntry = DpEntry | LearnerEntry;

function dp<C extends object>(
  name: DpMethodName,
  title: string,
  description: string,
  defaults: C,
  fields: FieldSpecs<C>,
  create: DpEntry<C>['create'],
): DpEntry<C> {
  return { kind: 'dp', name, title, description, defaults, fields, docs: describeFields(fields, defaults), create };
}

function learner<C extends object>(
  name: TabularLearnerName,
  title: string,
  description: string,
  defaults: C,
  fields: FieldSpecs<C>,
  create: LearnerEntry<C>['create'],
): LearnerEntry<C> {
  return { kind: 'learner', name, title, description, defaults, fields, docs: describeFields(fields, defaults), create };
}

export const TABULAR_AGENTS = {
  'policy-evaluation': dp<PolicyEvaluationConfig>(
    'policy-evaluation',
    'Policy evaluation',
    'The values of a fixed policy (uniform random by default), by repeated Bellman expectation backups (eq 19.11).',
    POLICY_EVALUATION_DEFAULTS,
    POLICY_EVALUATION_FIELDS,
    (model, config, policy) => new PolicyEvaluation(model, config, policy),
  ),
  'policy-iteration': dp<PolicyIterationConfig>(
    'policy-iteration',
    'Policy iteration',
    'Evaluate the policy, make it greedy, repeat until it stops changing (eqs 19.11-19.12).',
    POLICY_ITERATION_DEFAULTS,
    POLICY_ITERATION_FIELDS,
    (model, config, policy) => new PolicyIteration(model, config, policy),
  ),
  'value-iteration': dp<ValueIterationConfig>(
    'value-iteration',
    'Value iteration',
    'Sweeps of the Bellman optimality backup v(s) <- max_a [r + gamma sum P v] (problem 19.3).',
    VALUE_ITERATION_DEFAULTS,
    VALUE_ITERATION_FIELDS,
    (model, config) => new ValueIteration(model, config),
  ),
  'async-dp': dp<AsyncDpConfig>(
    'async-dp',
    'Asynchronous DP',
    'Value-iteration backups one state at a time, in random order or largest Bellman error first.',
    ASYNC_DP_DEFAULTS,
    ASYNC_DP_FIELDS,
    (model, config) => new AsyncDp(model, config),
  ),
  'monte-carlo': learner<MonteCarloConfig>(
    'monte-carlo',
    'Monte Carlo control',
    'Average the returns that followed each (s, a) (eq 19.13): exploring starts, on-policy or off-policy.',
    MONTE_CARLO_DEFAULTS,
    MONTE_CARLO_FIELDS,
    (dims, config) => new MonteCarlo(dims, config),
  ),
  sarsa: learner<TdConfig>('sarsa', 'SARSA', 'On-policy TD control: bootstrap on the next action taken (eq 19.14).', TD_DEFAULTS, TD_FIELDS, (dims, config) => new Sarsa(dims, config)),
  'expected-sarsa': learner<TdConfig>(
    'expected-sarsa',
    'Expected SARSA',
    'SARSA with the next action averaged out under the exploring policy.',
    TD_DEFAULTS,
    TD_FIELDS,
    (dims, config) => new ExpectedSarsa(dims, config),
  ),
  'q-learning': learner<TdConfig>('q-learning', 'Q-learning', 'Off-policy TD control: bootstrap on the max (eq 19.15).', TD_DEFAULTS, TD_FIELDS, (dims, config) => new QLearning(dims, config)),
  'double-q-learning': learner<TdConfig>(
    'double-q-learning',
    'Double Q-learning',
    'Two tables, one picks the next action and the other values it; each step updates one at random (eq 19.20).',
    TD_DEFAULTS,
    TD_FIELDS,
    (dims, config) => new DoubleQLearning(dims, config),
  ),
} as const satisfies Record<TabularAgentName, TabularAgentEntry>;

export const TABULAR_AGENT_NAMES = Object.keys(TABULAR_AGENTS) as TabularAgentName[];

export function isTabularAgentName(name: string): name is TabularAgentName {
  return Object.hasOwn(TABULAR_AGENTS, name);
}

export function getTabularAgent(name: string): TabularAgentEntry {
  if (!isTabularAgentName(name)) throw new Error(`unknown tabular agent '${name}'; agents are ${TABULAR_AGENT_NAMES.join(', ')}`);
  return TABULAR_AGENTS[name] as TabularAgentEntry;
}

/** Parses one option's text for agent `name`, type-checked against its field table. */
export function parseConfigValue(name: string, key: string, text: string): ConfigValue {
  const entry = getTabularAgent(name);
  const fields = entry.fields as Record<string, FieldSpecs<Record<string, ConfigValue>>[string]>;
  if (!Object.hasOwn(fields, key)) throw new Error(`unknown option '${key}' for ${name}; options are ${Object.keys(fields).join(', ')}`);
  return parseFieldValue(name, key, fields[key], text);
}

/**
 * `--set key=value` and form input: applies string overrides to a config (the defaults when
 * `config` is omitted) and returns the validated result; the input is not changed.
 */
export function applyOverrides(name: string, config: object | undefined, overrides: Readonly<Record<string, string>>): Record<string, ConfigValue> {
  const entry = getTabularAgent(name);
  const fields = entry.fields as FieldSpecs<Record<string, ConfigValue>>;
  const base = (config ?? entry.defaults) as Record<string, ConfigValue>;
  return applyFieldOverrides(name, fields, resolveConfig(name, fields, entry.defaults as Record<string, ConfigValue>, base), overrides);
}

/** The learner `name` for a world with nS states and nA actions. */
export function createLearner(name: TabularLearnerName, dims: TabularDims, config: object = {}): TabularLearner {
  const entry = getTabularAgent(name) as LearnerEntry;
  return entry.create(dims, config);
}

/** The DP solver `name` for `model`. */
export function createDpSolver(name: DpMethodName, model: TabularModel, config: object = {}, policy?: ArrayLike<number>): DpSolver {
  const entry = getTabularAgent(name) as DpEntry;
  return entry.create(model, config, policy);
}

/**
 * Restores a saved tabular learner exactly (q-tables, counts, schedule clock, unfinished
 * episode). Validates everything first: format, version, agent name, config, table shapes, and
 * rejects NaN and infinities, with messages that say which field is wrong.
 */
export function loadTabularAgent(file: unknown): TabularLearner {
  if (typeof file !== 'object' || file === null) throw new Error('agent file must be a JSON object');
  const f = file as Partial<AgentFile>;
  if (f.format !== 'floe-agent') throw new Error(`agent file: format must be 'floe-agent', got ${JSON.stringify(f.format)}`);
  if (f.version !== AGENT_FILE_VERSION) throw new Error(`agent file: version must be ${AGENT_FILE_VERSION}, got ${JSON.stringify(f.version)}`);
  if (typeof f.agent !== 'string') throw new Error('agent file: agent must be a string');
  const entry = getTabularAgent(f.agent);
  if (entry.kind !== 'learner') throw new Error(`agent file: '${f.agent}' is a planning method, not a learner: nothing to load`);
  if (typeof f.config !== 'object' || f.config === null) throw new Error('agent file: config must be an object');
  if (typeof f.state !== 'object' || f.state === null) throw new Error('agent file: state must be an object');
  const state = f.state as Record<string, unknown>;
  const dims = { nS: state.nS as number, nA: state.nA as number };
  let agent: TabularLearner;
  try {
    agent = entry.create(dims, f.config);
  } catch (error) {
    throw new Error(`agent file: ${(error as Error).message}`, { cause: error });
  }
  agent.restore(state);
  return agent;
}
