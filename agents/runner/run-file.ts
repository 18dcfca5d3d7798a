/**
 * A saved run: the agent's own file (agents/core/agent.ts AgentFile: config, weights or tables,
 * optimiser and replay state) plus what the session around it needs to continue exactly where it
 * stopped. One versioned JSON document:
 *
 *   { format: 'floe-run', version: 1,
 *     world:    the gridworld spec the agent ran on (checked with parseGridworldSpec),
 *               'cartpole', CartPole with its velocities hidden
 *               ('pomdp/cartpole-hidden-velocities'), or an arcade game's id ('arcade/breakout'),
 *     history:  hidden-velocity CartPole only, optional: the observations the agent saw side by
 *               side (environments/pomdp/history.ts), 1 to MAX_RUN_HISTORY; absent means 1,
 *     seed:     the run's master seed,
 *     agent:    the AgentFile (loadTabularAgent / loadDeepAgent check it),
 *     progress: the session's counters, the world's current state and observation, the
 *               episode's return and length so far, and every Rng stream's state }
 *
 * progress.kind is 'learner' for tabular learners (agents/runner/session.ts) and 'vector' for
 * deep agents (agents/runner/vector-session.ts). Loading restores the Rng streams with
 * restoreRng, so save, load and N more steps give the numbers an uninterrupted run gives.
 * What the page shows only (visits, trails, recent returns, charts) is not saved.
 *
 * This module checks the envelope only and imports no agents (nor TensorFlow.js); the session
 * factories (loadGridSession, loadGridDeepSession) load the agent and check its dims.
 */
import type { RngState } from '../../environments/core/rng';
import { parseGridworldSpec, type GridworldSpec } from '../../environments/gridworld';
import { isArcadeWorldId, type ArcadeWorldId } from '../../environments/arcade/register';
import { CARTPOLE_HIDDEN_VELOCITIES_ID } from '../../environments/pomdp/cartpole-hidden';
import type { AgentFile } from '../core/agent';
import { POLICY_FILE_FORMAT } from '../deep/policy-format';

export const RUN_FILE_FORMAT = 'floe-run';
export const RUN_FILE_VERSION = 1;
/** The most observations a hidden-velocity CartPole run may stack (`history`). */
export const MAX_RUN_HISTORY = 16;
/** Files larger than this are refused before they are read. */
export const RUN_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** A tabular learner session's progress (session.ts). */
export interface LearnerProgress {
  readonly kind: 'learner';
  readonly globalStep: number;
  readonly episode: number;
  /** The env's state (plain data: the time-limited gridworld state) and the observation. */
  readonly state: unknown;
  readonly obs: number;
  readonly episodeReturn: number;
  readonly episodeLength: number;
  /** An exploring start's forced first action, -1 for none. */
  readonly forcedAction: number;
  readonly rng: { readonly env: RngState; readonly explore: RngState; readonly replay: RngState };
}

/** A vector session's progress (vector-session.ts): one entry per copy of the world. */
export interface VectorProgress {
  readonly kind: 'vector';
  readonly globalStep: number;
  readonly episode: number;
  readonly states: readonly unknown[];
  /** Observations: a cell index, or a vector as a plain array. */
  readonly obs: readonly (number | readonly number[])[];
  readonly episodeReturn: readonly number[];
  readonly episodeLength: readonly number[];
  readonly rng: { readonly envs: readonly RngState[]; readonly explore: RngState; readonly replay: RngState };
}

export type RunProgress = LearnerProgress | VectorProgress;

/** CartPole with its velocities hidden: the agent sees [x, theta] only (environments/pomdp/cartpole-hidden.ts). */
export type HiddenCartPoleWorld = typeof CARTPOLE_HIDDEN_VELOCITIES_ID;

/** The worlds a run can be saved on: a gridworld (its spec), CartPole (full or hidden velocities) or an arcade game (its id). */
export type RunWorld = GridworldSpec | 'cartpole' | HiddenCartPoleWorld | ArcadeWorldId;

export interface RunFile {
  readonly format: typeof RUN_FILE_FORMAT;
  readonly version: typeof RUN_FILE_VERSION;
  readonly world: RunWorld;
  /** Hidden-velocity CartPole only: observations stacked side by side, oldest first; absent means 1. */
  readonly history?: number;
  readonly seed: number;
  readonly agent: AgentFile;
  readonly progress: RunProgress;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown, where: string): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) throw new Error(`${where} must be a whole number, 0 or more, got ${JSON.stringify(value)}`);
  return value;
}

function finite(value: unknown, where: string): number {
  if (!(typeof value === 'number' && Number.isFinite(value))) throw new Error(`${where} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

/** Checks an Rng state (restoreRng's input): c, s0, s1, s2 finite numbers. */
export function checkRngState(value: unknown, where: string): RngState {
  if (!isObject(value)) throw new Error(`${where} must be an object {c, s0, s1, s2}`);
  for (const key of ['c', 's0', 's1', 's2']) finite(value[key], `${where}.${key}`);
  return { c: value.c as number, s0: value.s0 as number, s1: value.s1 as number, s2: value.s2 as number };
}

function list(value: unknown, where: string, length?: number): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be an array`);
  if (length !== undefined && value.length !== length) throw new Error(`${where} must have ${length} entries, got ${value.length}`);
  return value;
}

function checkProgress(value: unknown): RunProgress {
  const where = 'run file: progress';
  if (!isObject(value)) throw new Error(`${where} must be an object`);
  count(value.globalStep, `${where}.globalStep`);
  count(value.episode, `${where}.episode`);
  const rng = value.rng;
  if (!isObject(rng)) throw new Error(`${where}.rng must be an object`);
  checkRngState(rng.explore, `${where}.rng.explore`);
  checkRngState(rng.replay, `${where}.rng.replay`);
  if (value.kind === 'learner') {
    checkRngState(rng.env, `${where}.rng.env`);
    count(value.obs, `${where}.obs`);
    finite(value.episodeReturn, `${where}.episodeReturn`);
    count(value.episodeLength, `${where}.episodeLength`);
    if (!(Number.isInteger(value.forcedAction) && (value.forcedAction as number) >= -1)) throw new Error(`${where}.forcedAction must be an integer, -1 or more`);
    return value as unknown as LearnerProgress;
  }
  if (value.kind === 'vector') {
    const envs = list(rng.envs, `${where}.rng.envs`);
    if (envs.length === 0) throw new Error(`${where}.rng.envs must not be empty`);
    envs.forEach((r, i) => checkRngState(r, `${where}.rng.envs[${i}]`));
    const n = envs.length;
    list(value.states, `${where}.states`, n);
    list(value.obs, `${where}.obs`, n).forEach((o, i) => {
      if (Array.isArray(o)) o.forEach((x, j) => finite(x, `${where}.obs[${i}][${j}]`));
      else finite(o, `${where}.obs[${i}]`);
    });
    list(value.episodeReturn, `${where}.episodeReturn`, n).forEach((x, i) => finite(x, `${where}.episodeReturn[${i}]`));
    list(value.episodeLength, `${where}.episodeLength`, n).forEach((x, i) => count(x, `${where}.episodeLength[${i}]`));
    return value as unknown as VectorProgress;
  }
  throw new Error(`${where}.kind must be 'learner' or 'vector', got ${JSON.stringify(value.kind)}`);
}

/**
 * Checks a run file's envelope: format, version, world (parseGridworldSpec's message), seed,
 * the agent file's outline and the progress. Returns it with the world as parsed. The agent's
 * own contents are checked by its loader.
 */
export function checkRunFile(value: unknown): RunFile {
  if (!isObject(value)) throw new Error(`run file must be a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  if (value.format !== RUN_FILE_FORMAT) {
    const hint = value.format === 'floe-agent' ? ' (this is a bare agent file; Floe saves runs as floe-run files)' : '';
    throw new Error(`run file: format must be '${RUN_FILE_FORMAT}', got ${JSON.stringify(value.format)}${hint}`);
  }
  if (value.version !== RUN_FILE_VERSION) throw new Error(`run file: version must be ${RUN_FILE_VERSION}, got ${JSON.stringify(value.version)}`);
  let world: RunWorld;
  if (value.world === 'cartpole' || value.world === CARTPOLE_HIDDEN_VELOCITIES_ID || isArcadeWorldId(value.world)) {
    world = value.world;
  } else {
    const parsed = parseGridworldSpec(value.world);
    if (!parsed.ok) throw new Error(`run file: world: ${parsed.error}`);
    world = parsed.spec;
  }
  if (value.history !== undefined) {
    if (world !== CARTPOLE_HIDDEN_VELOCITIES_ID) throw new Error(`run file: history applies to ${CARTPOLE_HIDDEN_VELOCITIES_ID} only, but the run was saved on ${typeof world === 'string' ? world : 'a gridworld'}`);
    const history = value.history;
    if (!(typeof history === 'number' && Number.isInteger(history) && history >= 1 && history <= MAX_RUN_HISTORY)) {
      throw new Error(`run file: history must be a whole number from 1 to ${MAX_RUN_HISTORY}, got ${JSON.stringify(history)}`);
    }
  }
  if (!(Number.isInteger(value.seed) && (value.seed as number) >= 0)) throw new Error(`run file: seed must be a whole number, 0 or more, got ${JSON.stringify(value.seed)}`);
  const agent = value.agent;
  if (!isObject(agent)) throw new Error('run file: agent must be an object (a floe-agent file)');
  if (typeof agent.agent !== 'string') throw new Error(`run file: agent.agent must be a string naming the agent, got ${JSON.stringify(agent.agent)}`);
  const progress = checkProgress(value.progress);
  return { ...(value as unknown as RunFile), world, progress };
}

/** The JSON of a file's text, within the size limit; one message for either problem. */
function parseJsonText(text: string): unknown {
  if (text.length > RUN_FILE_MAX_BYTES) throw new Error(`run file is too large: ${text.length} characters, the limit is ${RUN_FILE_MAX_BYTES}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`run file is not valid JSON (truncated or damaged?): ${(error as Error).message}`, { cause: error });
  }
}

/** Parses and checks a run file's text: the size limit, JSON.parse (guarded), then checkRunFile. */
export function parseRunFileText(text: string): RunFile {
  return checkRunFile(parseJsonText(text));
}

/** The gridworld a run was saved on; a CartPole run is refused with one message. */
export function gridWorldOf(file: RunFile): GridworldSpec {
  if (file.world === 'cartpole') throw new Error('run file: this run was saved on CartPole; open it on the CartPole page');
  if (file.world === CARTPOLE_HIDDEN_VELOCITIES_ID) throw new Error('run file: this run was saved on CartPole with its velocities hidden; open it on the CartPole page');
  if (typeof file.world === 'string') throw new Error(`run file: this run was saved on ${file.world}; open it on the arcade page`);
  return file.world;
}

/** A pretrained agent's file (agents/deep/policy-file.ts), checked in full by the session that loads it. */
export interface PolicyFileEnvelope {
  readonly format: typeof POLICY_FILE_FORMAT;
  readonly world: unknown;
  readonly provenance?: unknown;
}

/** What the pages open: a run file (checked here) or a policy file (its format only; the worker checks the rest). */
export function parseLoadableText(text: string): RunFile | PolicyFileEnvelope {
  const value = parseJsonText(text);
  if (isObject(value) && value.format === POLICY_FILE_FORMAT) return value as unknown as PolicyFileEnvelope;
  return checkRunFile(value);
}

/** Wraps a loader's error as a run-file error (one message, naming the part). */
export function inRunFile<T>(part: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('run file')) throw error;
    throw new Error(`run file: ${part}: ${message}`, { cause: error });
  }
}
