/**
 * The agents a POMDP run offers, as data without tfjs (the page's forms read it; the session
 * builds them in agents/runner/pomdp/learner.ts):
 *
 * - memoryless: REINFORCE and actor-critic acting on the view alone, pi(a | o); stochastic
 *   policies, which section 19.5 is about. With `history` k > 1 they see the last k views
 *   stacked instead (environments/pomdp/history.ts), optionally with the previous action.
 * - recurrent: recurrent REINFORCE and DRQN (agents/deep/recurrent), whose GRU carries a learned
 *   memory of the whole episode.
 *
 * Run options: the agent's own fields plus two of the run's, `history` (k, a positive integer,
 * default 1: no stacking) and `previousAction` (append the last action's one-hot, default false),
 * for the memoryless agents only. `seed` is the run's (the initial weights follow the run seed).
 */
import { ACTOR_CRITIC_DEFAULTS, describeActorCriticConfig } from '../../deep/config/actor-critic';
import { CONV_FIELDS } from '../../deep/config/conv';
import { describeReinforceConfig, REINFORCE_DEFAULTS } from '../../deep/config/reinforce';
import { describeDrqnConfig, DRQN_DEFAULTS } from '../../deep/recurrent/config/drqn';
import { describeRecurrentReinforceConfig, RECURRENT_REINFORCE_DEFAULTS } from '../../deep/recurrent/config/reinforce';
import type { FieldDoc } from '../../tabular/config';

export type PomdpAgentName = 'reinforce' | 'actor-critic' | 'recurrent-reinforce' | 'drqn';

export interface PomdpAgentInfo {
  readonly name: PomdpAgentName;
  readonly title: string;
  readonly description: string;
  /** 'memoryless': acts on the view (or a stack of views); 'recurrent': a GRU memory. */
  readonly memory: 'memoryless' | 'recurrent';
  /** The agent's option fields (the run's seed sets `seed`; the world's gamma is the default gamma; no conv layer). */
  readonly docs: readonly FieldDoc[];
  readonly defaults: Readonly<Record<string, unknown>>;
  /**
   * Options the page starts this agent with on a POMDP (small networks and step sizes that learn
   * fig 19.4 in a few thousand episodes: tests/unit/pomdp-aliasing-learning.test.ts).
   */
  readonly start: Readonly<Record<string, number | string | boolean>>;
}

/** The run's own options, beside the agent's: history stacking for the memoryless agents. */
export const HISTORY_OPTION_KEYS: readonly string[] = ['history', 'previousAction'];
/** The longest history a run may stack. */
export const MAX_HISTORY = 16;

/** A view is a vector, not planes: the memoryless agents' conv-layer fields do not apply. */
const withoutConv = (docs: readonly FieldDoc[]): FieldDoc[] => docs.filter((doc) => !Object.hasOwn(CONV_FIELDS, doc.key));

export const POMDP_AGENTS: Readonly<Record<PomdpAgentName, PomdpAgentInfo>> = {
  reinforce: {
    name: 'reinforce',
    title: 'REINFORCE on the view',
    description: 'A softmax policy pi(a | o) of what the penguin sees (eq 19.33), learned from whole episodes: memoryless and stochastic.',
    memory: 'memoryless',
    docs: withoutConv(describeReinforceConfig()),
    defaults: { ...REINFORCE_DEFAULTS },
    start: { hiddenLayers: 1, hiddenUnits: 32, learningRate: 0.01, episodesPerUpdate: 8, baseline: 'mean-return', discountWeight: false },
  },
  'actor-critic': {
    name: 'actor-critic',
    title: 'Actor-critic on the view',
    description: 'Policy pi(a | o) and critic v(o) of what the penguin sees (eqs 19.40-19.42): memoryless and stochastic; the critic is fooled by aliased views too.',
    memory: 'memoryless',
    docs: withoutConv(describeActorCriticConfig()),
    defaults: { ...ACTOR_CRITIC_DEFAULTS },
    start: { hiddenLayers: 1, hiddenUnits: 32, learningRate: 0.003, rolloutLength: 16, advantage: 'gae', entropyCoef: 0.01 },
  },
  'recurrent-reinforce': {
    name: 'recurrent-reinforce',
    title: 'Recurrent REINFORCE (GRU)',
    description: 'A GRU reads the views one by one and its memory h_t picks the action, pi(a | h_t): it can tell apart places that look the same by how it got there.',
    memory: 'recurrent',
    docs: describeRecurrentReinforceConfig(),
    defaults: { ...RECURRENT_REINFORCE_DEFAULTS },
    start: { hiddenSize: 16, learningRate: 0.01, episodesPerUpdate: 8 },
  },
  drqn: {
    name: 'drqn',
    title: 'DRQN (GRU)',
    description: 'DQN with a GRU between the view and the action values, q(h_t, a), learned from replayed whole episodes; epsilon-greedy.',
    memory: 'recurrent',
    docs: describeDrqnConfig(),
    defaults: { ...DRQN_DEFAULTS },
    start: { hiddenSize: 16, learningStarts: 500, epsilonDecaySteps: 5000, targetSyncEvery: 200, batchSize: 8 },
  },
};

export const POMDP_AGENT_NAMES = Object.keys(POMDP_AGENTS) as PomdpAgentName[];

export function isPomdpAgentName(name: unknown): name is PomdpAgentName {
  return typeof name === 'string' && Object.hasOwn(POMDP_AGENTS, name);
}

export function pomdpAgentInfo(name: string): PomdpAgentInfo {
  if (!isPomdpAgentName(name)) throw new Error(`pomdp agent: unknown agent '${String(name).slice(0, 40)}'; agents are ${POMDP_AGENT_NAMES.join(', ')}`);
  return POMDP_AGENTS[name];
}

export interface HistoryOptions {
  /** Views stacked (1: the current one only). */
  readonly history: number;
  readonly previousAction: boolean;
}

/** Splits a run's options into the history options (checked) and the agent's own (checked by the agent). */
export function splitPomdpOptions(agent: PomdpAgentName, options: unknown): { history: HistoryOptions; agentOptions: Record<string, unknown> } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`pomdp options must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const { history = 1, previousAction = false, ...agentOptions } = options as Record<string, unknown>;
  if (!(typeof history === 'number' && Number.isInteger(history) && history >= 1 && history <= MAX_HISTORY)) {
    throw new Error(`pomdp options: history must be an integer in 1..${MAX_HISTORY} (views stacked), got ${JSON.stringify(history)}`);
  }
  if (typeof previousAction !== 'boolean') throw new Error(`pomdp options: previousAction must be true or false, got ${JSON.stringify(previousAction)}`);
  if (POMDP_AGENTS[agent].memory === 'recurrent' && (history !== 1 || previousAction)) {
    throw new Error(`pomdp options: history stacking is for the memoryless agents; ${agent} has its own memory (use history 1)`);
  }
  return { history: { history, previousAction }, agentOptions };
}
