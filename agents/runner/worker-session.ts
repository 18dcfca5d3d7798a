/**
 * What the training worker (src/lib/loop/train.worker.ts) drives: a Trainable with the few extras
 * the pages' controls need. The gridworld, CartPole and arcade sessions implement it, and so does
 * every module session (a POMDP run, an offline learner, a side module of chapters 2-11), so one
 * worker, one XState machine and one set of controls serve them all.
 */
import type { Metrics } from '../../environments/core/types';
import type { AgentChoiceReading } from './world-deep-session';
import type { RunFile } from './run-file';
import type { StepUnit, Trainable } from './trainable';

export interface WorkerSession<Snapshot = unknown> extends Trainable<Snapshot> {
  /** The units `step` accepts; the first is the natural one (what play advances by). */
  readonly units: readonly StepUnit[];
  done(): boolean;
  /** Dynamic programming's one-state Bellman backup (the stepper); other sessions throw a message saying why not. */
  backupState(state: number): Metrics[];
  /** The run as a file to save and load; sessions that cannot be saved throw a message saying why. */
  saveRun(): RunFile;
  /** The next snapshot reads the agent afresh (a frame that ends something shows it as it is now). */
  refresh?(): void;
  /** The state a network panel reads (null: the current one). */
  inspect?(state: number | null): void;
  /** The running agent's greedy choice on a page's own observation, and the network reading behind it (CartPole, the arcade). */
  act?(obs: readonly number[]): AgentChoiceReading;
  /**
   * A page-specific question about the running session (a decision transformer's episode at a
   * target return, a belief, ...), answered with plain data between training chunks. Throws one
   * message for a question it cannot answer.
   */
  query?(question: unknown): unknown;
}

/**
 * A run of a module outside the three built-in world families: `module` names its session factory
 * (registered with the worker's deep runtime), the rest is the module's own plain config.
 */
export interface ModuleRunConfig {
  readonly module: string;
  /** The module's world (a gridworld spec with an observation function, a dataset, ...), plain data. */
  readonly world: unknown;
  readonly agent: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly seed: number;
}

export function isModuleRunConfig(config: object): config is ModuleRunConfig {
  return typeof (config as { module?: unknown }).module === 'string';
}

/** Makes a module's session from its config (throws one message for a bad config). */
export type ModuleSessionFactory = (config: ModuleRunConfig) => WorkerSession | Promise<WorkerSession>;

const factories = new Map<string, ModuleSessionFactory>();

/** Registers a module's session factory, once per module name. */
export function registerModuleSession(module: string, factory: ModuleSessionFactory): void {
  if (factories.has(module)) throw new Error(`module session '${module}' is already registered`);
  factories.set(module, factory);
}

export function createModuleSession(config: ModuleRunConfig): WorkerSession | Promise<WorkerSession> {
  const factory = factories.get(config.module);
  if (!factory) throw new Error(`no module '${config.module.slice(0, 40)}'; modules are ${[...factories.keys()].join(', ') || 'none'}`);
  return factory(config);
}
