/**
 * What the offline page and the offline session (../offline-session.ts) say to each other, as
 * plain data: the run's config (a ModuleRunConfig with module 'offline'), its snapshot, and the
 * page's two questions, `rollout` and `record`, with their answers. No tfjs here: the page
 * imports these types and the question checks.
 *
 *   rollout  one seeded episode with a learner acting: per step what to draw, the action, the
 *            reward, the return-to-go the decision transformer was told and, for it, what its
 *            newest state token attended to.
 *   record   n episodes from an expert (value iteration on gridworlds; a policy file the page
 *            fetched on CartPole and the arcade), mixed with random actions, as a Dataset.
 */
import type { AttentionMap } from '../../offline/decision-transformer/runtime';
import { DATASET_FORMAT, DATASET_VERSION } from '../../offline/dataset-file';
import type { Dataset, DatasetSource } from '../../offline/dataset-types';
import type { OfflineWorldSpec } from './offline-world';

export const OFFLINE_MODULE = 'offline';

/** The learners: behaviour cloning, or the decision transformer (with behaviour cloning beside it for contrast). */
export const OFFLINE_AGENTS = ['bc', 'dt'] as const;
export type OfflineAgent = (typeof OFFLINE_AGENTS)[number];

/** A ModuleRunConfig's `world` for the offline module. */
export interface OfflineWorldConfig {
  /** The dataset as a floe-dataset document (dataset-file.ts); observations may be arrays or Float32Arrays. */
  readonly dataset: unknown;
  /** The world it came from, where the learner acts: a gridworld preset id or spec, 'cartpole' or an arcade id. */
  readonly env: OfflineWorldSpec;
  /**
   * With the decision transformer: also train behaviour cloning on the same dataset, one of its
   * steps per decision-transformer step, so its return can be shown for contrast (default true).
   */
  readonly baseline?: boolean;
}

/** The dataset, summarised for the readout. */
export interface OfflineDatasetSummary {
  readonly world: string;
  readonly source: DatasetSource;
  readonly episodes: number;
  readonly steps: number;
  /** Undiscounted episode returns; null without episodes. */
  readonly meanReturn: number | null;
  readonly minReturn: number | null;
  readonly maxReturn: number | null;
}

export interface OfflineLearnerReading {
  /** Gradient steps taken. */
  readonly steps: number;
  /** The last step's loss (cross-entropy of the dataset's actions, nats), null before the first. */
  readonly loss: number | null;
  /** The last step's fraction of batch actions the learner ranks first. */
  readonly accuracy: number | null;
}

export interface OfflineSnapshot {
  readonly kind: 'offline';
  readonly agent: OfflineAgent;
  /** The world's dataset name and title. */
  readonly world: string;
  readonly worldTitle: string;
  readonly learner: OfflineLearnerReading;
  /** Behaviour cloning trained beside the decision transformer; null when there is none. */
  readonly baseline: OfflineLearnerReading | null;
  readonly dataset: OfflineDatasetSummary;
  /** False until the dataset has an episode: nothing to train on yet. */
  readonly trainable: boolean;
}

/** Which learner acts in a rollout: the run's own, or the behaviour cloning baseline beside a decision transformer. */
export type RolloutLearner = 'main' | 'baseline';

export interface RolloutQuestion {
  readonly type: 'rollout';
  /** Seeds the episode's world (and a sampling learner's draws): same seed, same episode. */
  readonly seed: number;
  /** The decision transformer's first return-to-go (default: the dataset's best return). Ignored by behaviour cloning. */
  readonly target?: number;
  readonly learner?: RolloutLearner;
  /** 'greedy' (default) takes the most probable action; 'sample' draws from the policy. */
  readonly mode?: 'greedy' | 'sample';
  /** Steps after which the episode is cut (default and most: ROLLOUT_MAX_STEPS, or the world's own limit if shorter). */
  readonly maxSteps?: number;
  /** Include the decision transformer's attention maps (default true). */
  readonly attention?: boolean;
}

export interface RolloutStep {
  /** What to draw before the action: the cell (gridworlds), else the observation's numbers. */
  readonly frame: number | number[];
  readonly action: number;
  readonly reward: number;
  /** R_t, the return still to collect as the decision transformer was told it before acting; null for behaviour cloning. */
  readonly returnToGo: number | null;
  /** Gridworlds: the move meant and the move made (-1: sent elsewhere), for the trail. */
  readonly move: { readonly intended: number; readonly actual: number } | null;
  /** The decision transformer's newest state token's attention, per layer and head; null otherwise. */
  readonly attention: AttentionMap | null;
}

export interface RolloutAnswer {
  readonly learner: 'bc' | 'dt';
  readonly seed: number;
  /** The first return-to-go (decision transformer); null for behaviour cloning. */
  readonly target: number | null;
  readonly steps: readonly RolloutStep[];
  /** What to draw after the last step. */
  readonly finalFrame: number | number[];
  /** Undiscounted sum of the rewards. */
  readonly return: number;
  /** The world ended the episode; false: its time limit or maxSteps cut it. */
  readonly terminated: boolean;
}

export interface RecordQuestion {
  readonly type: 'record';
  readonly episodes: number;
  /** Probability of replacing the expert's action with a uniformly random one. */
  readonly randomRate: number;
  readonly seed: number;
  /** CartPole and the arcade: the expert as a policy file ('floe-policy', e.g. a shipped pretrained agent). Gridworlds use value iteration. */
  readonly policy?: unknown;
  /** Steps after which an episode is cut (default: the world's own time limit, at most RECORD_MAX_STEPS). */
  readonly maxSteps?: number;
}

export type OfflineQuestion = RolloutQuestion | RecordQuestion;

/** The longest episode a rollout plays (it answers between training chunks; a long one would stall them). */
export const ROLLOUT_MAX_STEPS = 1000;
/** The longest recorded episode and the most episodes one record question asks for. */
export const RECORD_MAX_STEPS = 10_000;
export const RECORD_MAX_EPISODES = 1000;

function fail(message: string): never {
  throw new Error(`offline: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${what} has an unknown field ${JSON.stringify(key)}; it has ${allowed.join(', ')}`);
  }
}

function checkInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${field} must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

/** Checks a page's question: one message naming the field for anything wrong. */
export function parseOfflineQuestion(question: unknown): OfflineQuestion {
  if (!isRecord(question)) fail(`a question is { type: 'rollout' | 'record', ... }, got ${JSON.stringify(question) ?? 'nothing'}`);
  if (question.type === 'rollout') {
    checkKeys(question, ['type', 'seed', 'target', 'learner', 'mode', 'maxSteps', 'attention'], 'a rollout question');
    const seed = checkInteger(question.seed, 'rollout seed', 0, 2 ** 31 - 1);
    if (question.target !== undefined && (typeof question.target !== 'number' || !Number.isFinite(question.target))) fail(`rollout target must be a finite number, got ${JSON.stringify(question.target)}`);
    if (question.learner !== undefined && question.learner !== 'main' && question.learner !== 'baseline') fail(`rollout learner must be 'main' or 'baseline', got ${JSON.stringify(question.learner)}`);
    if (question.mode !== undefined && question.mode !== 'greedy' && question.mode !== 'sample') fail(`rollout mode must be 'greedy' or 'sample', got ${JSON.stringify(question.mode)}`);
    if (question.maxSteps !== undefined) checkInteger(question.maxSteps, 'rollout maxSteps', 1, ROLLOUT_MAX_STEPS);
    if (question.attention !== undefined && typeof question.attention !== 'boolean') fail(`rollout attention must be true or false, got ${JSON.stringify(question.attention)}`);
    return { ...(question as unknown as RolloutQuestion), seed };
  }
  if (question.type === 'record') {
    checkKeys(question, ['type', 'episodes', 'randomRate', 'seed', 'policy', 'maxSteps'], 'a record question');
    checkInteger(question.episodes, 'record episodes', 1, RECORD_MAX_EPISODES);
    const rate = question.randomRate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) fail(`record randomRate must be a number from 0 to 1, got ${JSON.stringify(rate) ?? 'nothing'}`);
    checkInteger(question.seed, 'record seed', 0, 2 ** 31 - 1);
    if (question.maxSteps !== undefined) checkInteger(question.maxSteps, 'record maxSteps', 1, RECORD_MAX_STEPS);
    return question as unknown as RecordQuestion;
  }
  fail(`unknown question type ${JSON.stringify(question.type) ?? 'nothing'}; the offline session answers 'rollout' and 'record'`);
}

/**
 * A dataset as the floe-dataset document a config carries, without copying its arrays (the
 * session's parser copies what it keeps). Float32Array observations stay as they are: the worker
 * receives them by structured clone, cheaper than arrays of numbers.
 */
export function datasetDocument(dataset: Dataset): Record<string, unknown> {
  return { format: DATASET_FORMAT, version: DATASET_VERSION, world: dataset.world, input: dataset.input, nActions: dataset.nActions, source: dataset.source, episodes: dataset.episodes };
}
