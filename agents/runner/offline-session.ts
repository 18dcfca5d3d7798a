/**
 * The offline module session (issue 7): behaviour cloning or the decision transformer learning
 * from a recorded dataset in the training worker, with the one set of controls every page has.
 * Registered as module 'offline' (worker-session.ts); its ModuleRunConfig is
 *
 *   { module: 'offline', world: { dataset, env, baseline? }, agent: 'bc' | 'dt', options, seed }
 *
 * - world.dataset: a floe-dataset document, checked by dataset-file.ts's parser (one message
 *   naming the place); world.env: where it was recorded and where the learner acts (a gridworld
 *   preset id or spec, 'cartpole', an arcade id; offline/offline-world.ts). They must agree.
 * - agent and options: the learner and its config (behaviour-cloning-config.ts,
 *   decision-transformer/config.ts); seed seeds it. With the decision transformer, behaviour
 *   cloning trains beside it (world.baseline, default true) so the page can show its return for
 *   contrast: its rows carry 'losses/bc_loss' and 'charts/baseline_accuracy'.
 *
 * step(n): n gradient steps (n of each learner), one metrics row per step: the loss, the batch
 * accuracy and, for the decision transformer, the gradient norm. An empty dataset makes a session
 * that can record but not train (its snapshot says `trainable: false`).
 *
 * query: `rollout` (one seeded episode with a learner acting, offline/rollout.ts) and `record`
 * (episodes from an expert, offline/record-expert.ts); see offline/offline-protocol.ts.
 *
 * Tensors: the learners own theirs and dispose() frees them; rollouts and recordings leave none.
 * Same config, same backend: the same metrics, rollouts and recordings.
 */
import type { Metrics } from '../../environments/core/types';
import { datasetFromJson } from '../offline/dataset-file';
import { datasetStats } from '../offline/dataset-stats';
import type { Dataset } from '../offline/dataset-types';
import { createOfflineLearner, type OfflineLearner } from './offline/offline-learners';
import {
  OFFLINE_AGENTS,
  OFFLINE_MODULE,
  parseOfflineQuestion,
  ROLLOUT_MAX_STEPS,
  type OfflineAgent,
  type OfflineDatasetSummary,
  type OfflineSnapshot,
  type RecordQuestion,
  type RolloutAnswer,
  type RolloutQuestion,
} from './offline/offline-protocol';
import { checkDatasetWorld, resolveOfflineWorld, type OfflineWorld } from './offline/offline-world';
import { recordFromExpert } from './offline/record-expert';
import { rolloutEpisode } from './offline/rollout';
import type { StepUnit } from './trainable';
import { registerModuleSession, type ModuleRunConfig, type WorkerSession } from './worker-session';

/** Gradient steps are the session's only unit, 'step'. */
const UNITS: readonly StepUnit[] = ['step'];
/** The most gradient steps one call takes (a typo must not freeze the worker). */
const MAX_STEPS_PER_CALL = 100_000;

function fail(message: string): never {
  throw new Error(`offline: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Prefixes a parser's message with the config field it was about. */
function within<T>(field: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    fail(`${field}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface CheckedConfig {
  readonly world: OfflineWorld;
  readonly dataset: Dataset;
  readonly agent: OfflineAgent;
  readonly options: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly baseline: boolean;
}

function checkConfig(config: ModuleRunConfig): CheckedConfig {
  if (!isRecord(config)) fail('the config must be { module, world, agent, options, seed }');
  if (config.module !== OFFLINE_MODULE) fail(`module must be '${OFFLINE_MODULE}', got ${JSON.stringify(config.module)}`);
  const agent = config.agent as OfflineAgent;
  if (!OFFLINE_AGENTS.includes(agent)) fail(`agent must be ${OFFLINE_AGENTS.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(config.agent)}`);
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
    fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(config.seed)}`);
  }
  if (!isRecord(config.options)) fail(`options must be an object of the learner's settings, got ${JSON.stringify(config.options)}`);
  const worldConfig = config.world;
  if (!isRecord(worldConfig)) fail('world must be { dataset, env, baseline? }');
  for (const key of Object.keys(worldConfig)) {
    if (!['dataset', 'env', 'baseline'].includes(key)) fail(`world has an unknown field ${JSON.stringify(key)}; it has dataset, env and baseline`);
  }
  if (worldConfig.baseline !== undefined && typeof worldConfig.baseline !== 'boolean') fail(`world.baseline must be true or false, got ${JSON.stringify(worldConfig.baseline)}`);
  const world = within('world.env', () => resolveOfflineWorld(worldConfig.env));
  const dataset = within('world.dataset', () => datasetFromJson(worldConfig.dataset));
  within('world.dataset', () => checkDatasetWorld(dataset, world));
  return { world, dataset, agent, options: config.options, seed: config.seed, baseline: agent === 'dt' && worldConfig.baseline !== false };
}

function summarise(dataset: Dataset): OfflineDatasetSummary {
  const stats = datasetStats(dataset);
  return {
    world: dataset.world,
    source: dataset.source,
    episodes: stats.episodes,
    steps: stats.steps,
    meanReturn: stats.meanReturn,
    minReturn: stats.minReturn,
    maxReturn: stats.maxReturn,
  };
}

export class OfflineSession implements WorkerSession<OfflineSnapshot> {
  readonly units = UNITS;
  readonly world: OfflineWorld;
  readonly agent: OfflineAgent;
  readonly dataset: Dataset;
  private readonly summary: OfflineDatasetSummary;
  /** null while the dataset is empty: the session can record but not train. */
  private readonly learner: OfflineLearner | null;
  private readonly baseline: OfflineLearner | null;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    const checked = checkConfig(config);
    this.world = checked.world;
    this.agent = checked.agent;
    this.dataset = checked.dataset;
    this.summary = summarise(checked.dataset);
    const hasSteps = checked.dataset.episodes.length > 0;
    this.learner = hasSteps ? within('options', () => createOfflineLearner(checked.agent, checked.dataset, checked.options, checked.seed)) : null;
    try {
      this.baseline = hasSteps && checked.baseline ? createOfflineLearner('bc', checked.dataset, {}, checked.seed) : null;
    } catch (error) {
      this.learner?.dispose();
      throw error;
    }
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`steps are gradient steps; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`step needs a whole number of gradient steps up to ${MAX_STEPS_PER_CALL}, got ${JSON.stringify(n)}`);
    const learner = this.requireLearner();
    const rows = learner.trainSteps(n);
    if (this.baseline === null) return rows;
    const baselineRows = this.baseline.trainSteps(n);
    return rows.map((row, i) => ({ ...row, 'losses/bc_loss': baselineRows[i]['losses/bc_loss'], 'charts/baseline_accuracy': baselineRows[i]['charts/accuracy'] }));
  }

  snapshot(): OfflineSnapshot {
    const empty = { steps: 0, loss: null, accuracy: null };
    return {
      kind: 'offline',
      agent: this.agent,
      world: this.world.name,
      worldTitle: this.world.title,
      learner: this.learner?.reading() ?? empty,
      baseline: this.baseline?.reading() ?? null,
      dataset: this.summary,
      trainable: this.learner !== null,
    };
  }

  done(): boolean {
    return false;
  }

  backupState(): Metrics[] {
    fail('offline learners learn from a dataset with gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('an offline run is not saved as a run file: save its dataset in the library and train again from it');
  }

  query(question: unknown): RolloutAnswer | Dataset {
    this.checkAlive();
    const parsed = parseOfflineQuestion(question);
    return parsed.type === 'rollout' ? this.rollout(parsed) : this.record(parsed);
  }

  /** One seeded episode with the chosen learner acting. */
  rollout(question: RolloutQuestion): RolloutAnswer {
    const main = this.requireLearner();
    const learner = question.learner === 'baseline' ? this.baseline : main;
    if (learner === null) fail(`there is no baseline: it trains beside the decision transformer only${this.agent === 'dt' ? ' (world.baseline is false)' : ''}`);
    const target = question.target ?? this.summary.maxReturn ?? 0;
    return rolloutEpisode(this.world, learner.actor(target), learner.name, {
      seed: question.seed,
      mode: question.mode ?? 'greedy',
      maxSteps: question.maxSteps ?? ROLLOUT_MAX_STEPS,
      attention: question.attention ?? true,
    });
  }

  /** Episodes of the world from an expert (any session can record, trained or not). */
  record(question: RecordQuestion): Dataset {
    return recordFromExpert(this.world, question);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.learner?.dispose();
    this.baseline?.dispose();
  }

  private requireLearner(): OfflineLearner {
    if (this.learner === null) fail('the dataset has no episodes yet: record some (or open a dataset) before training or running a learner');
    return this.learner;
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

/** The session for an offline ModuleRunConfig; one message for anything wrong in it. */
export function createOfflineSession(config: ModuleRunConfig): OfflineSession {
  return new OfflineSession(config);
}

registerModuleSession(OFFLINE_MODULE, createOfflineSession);
