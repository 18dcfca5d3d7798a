/**
 * A deep agent on a world, through the one session type every deep agent runs in
 * (createVectorSession): actor-critic and PPO with their nEnvs copies, DQN and REINFORCE through
 * asVectorAgent with one copy. The CLI's `train` and the pages build runs here, so the same seed
 * gives the same numbers everywhere (on the same backend).
 *
 * Worlds:
 * - 'cartpole': makeCartPole (500-step limit); input a vector of 4.
 * - 'pomdp/cartpole-hidden-velocities': the same CartPole seen as [x, theta] only (a POMDP,
 *   environments/pomdp/cartpole-hidden.ts); input a vector of 2, or with `history` k > 1 the last
 *   k observations side by side, oldest first, zeros before the episode's start
 *   (environments/pomdp/history.ts): a vector of 2k. A memoryless agent cannot tell which way
 *   the pole is moving; two stacked observations give the velocities back, up to the step length.
 * - a gridworld spec: makeGridworld (the spec's time limit) seen through withGridObservation:
 *   'one-hot' (default) feeds the cell index to a one-hot input of nS; 'coordinates' feeds
 *   (row, col) scaled to [0, 1] to a vector input of 2.
 * - an arcade game's id ('arcade/breakout', ...): the registry's env (sticky actions 0.1,
 *   ramping, 10,000-step limit); input its binary planes, for a conv layer (`convFilters`).
 *
 * Options: `gamma` defaults to the gridworld's own gamma (as in the tabular sessions), and the
 * initial-weight seed (`seed`, dqn's `initSeed`) to the run's seed when that is a valid one, so
 * `--seed` changes the networks too.
 */
import { makeCartPole } from '../../environments/classic/cartpole';
import type { Env, Metrics } from '../../environments/core/types';
import { getWorld, listWorlds } from '../../environments/core/registry';
import type { TimeLimitedArcadeEnv } from '../../environments/arcade';
// The arcade games register themselves with the world registry on import.
import '../../environments/arcade/register';
import type { ArcadeWorldId } from '../../environments/arcade/register';
import { makeGridworld, parseGridworldSpec, type GridModel, type GridworldSpec } from '../../environments/gridworld';
import { gridObservation, withGridObservation } from '../../environments/gridworld/observations';
import { CARTPOLE_HIDDEN_VELOCITIES_ID, makeCartPoleHiddenVelocities } from '../../environments/pomdp/cartpole-hidden';
import { withHistory, type HistoryEnv, type HistoryState } from '../../environments/pomdp/history';
import type { Rng } from '../../environments/core/rng';
import { createDeepAgent, deepAgentDims, getDeepAgent, isDeepAgentName, loadDeepAgent, parseOverrides, toVectorAgent, type DeepAgent, type DeepAgentName, type DeepDims } from '../deep/registry';
import type { Observation } from '../deep/types';
import { createVectorSession, type VectorSession } from './vector-session';
import { inRunFile, MAX_RUN_HISTORY, type HiddenCartPoleWorld, type RunFile, type VectorProgress } from './run-file';

export type DeepObservation = 'one-hot' | 'coordinates';
export const DEEP_OBSERVATIONS: readonly DeepObservation[] = ['one-hot', 'coordinates'];

/** The worlds deep agents run on. */
export type DeepWorld = 'cartpole' | HiddenCartPoleWorld | ArcadeWorldId | GridworldSpec;

export interface DeepSessionConfig {
  readonly world: DeepWorld;
  readonly agent: DeepAgentName;
  /** Agent options (already typed); unset ones take the defaults above. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Master seed: same seed, same config, same backend, same numbers. */
  readonly seed: number;
  /** Gridworlds only (default 'one-hot'). */
  readonly observation?: DeepObservation;
  /** Hidden-velocity CartPole only: observations stacked side by side (1 to MAX_RUN_HISTORY; default 1). */
  readonly history?: number;
  /**
   * Start from this agent (a loaded one: its dims must match the world's) instead of a fresh
   * one; `options` are then ignored. The session owns it from here (disposes it).
   */
  readonly loaded?: DeepAgent;
  /** Continue a saved run's progress (run-file.ts), with `loaded` the agent saved with it. */
  readonly resume?: VectorProgress;
}

function sameDims(a: DeepDims, b: DeepDims): boolean {
  return a.nActions === b.nActions && JSON.stringify(a.input) === JSON.stringify(b.input);
}

export interface DeepSession extends VectorSession<unknown> {
  /** The agent itself (Dqn, Reinforce, ActorCritic or Ppo), for its own API (qValues, save). */
  readonly learner: DeepAgent;
  readonly dims: DeepDims;
  /** The last loss the agent reported (td_loss, or policy_loss); null before the first update. */
  readonly lastLoss: number | null;
  /** Gridworld runs: the model and every cell's observation (values and policy for the whole grid); null on CartPole. */
  readonly grid: { readonly model: GridModel; readonly cells: readonly Observation[] } | null;
}

/** The largest seed the agents' initialisers take. */
const MAX_INIT_SEED = 2 ** 31 - 1;

interface World {
  readonly makeEnv: () => Env<unknown, Observation, number>;
  readonly dims: DeepDims;
  readonly grid: DeepSession['grid'];
  readonly gamma?: number;
  /** Whether a saved state fits a copy of this world (null: yes); see VectorSessionOptions. */
  readonly checkState?: (state: unknown) => string | null;
}

/** A world for a deep agent: its env factory, the agent's dims and, for gridworlds, the cells. */
export function deepWorld(world: DeepWorld, observation: DeepObservation = 'one-hot', history?: number): World {
  if (history !== undefined && world !== CARTPOLE_HIDDEN_VELOCITIES_ID) {
    throw new Error(`history applies to ${CARTPOLE_HIDDEN_VELOCITIES_ID} only, got it with ${typeof world === 'string' ? world : 'a gridworld'}`);
  }
  if (world === CARTPOLE_HIDDEN_VELOCITIES_ID) return hiddenCartPoleWorld(history ?? 1);
  if (world === 'cartpole') {
    return {
      makeEnv: () => makeCartPole() as unknown as Env<unknown, Observation, number>,
      dims: { input: { kind: 'vector', size: 4 }, nActions: 2 },
      grid: null,
      checkState: checkCartPoleState,
    };
  }
  if (typeof world === 'string') return arcadeWorld(world);
  if (!DEEP_OBSERVATIONS.includes(observation)) throw new Error(`observation must be one of ${DEEP_OBSERVATIONS.join(', ')}, got ${JSON.stringify(observation)}`);
  const parsed = parseGridworldSpec(world);
  if (!parsed.ok) throw new Error(parsed.error);
  const spec = parsed.spec;
  const model = makeGridworld(spec).model;
  // One-hot input takes the cell index (the network encodes it); coordinates are a vector of 2.
  const kind = observation === 'one-hot' ? 'index' : 'coordinates';
  const makeEnv = () => {
    const env = makeGridworld(model);
    return withGridObservation(env, env.model, kind) as unknown as Env<unknown, Observation, number>;
  };
  const encode = gridObservation(model, kind);
  const cells = Array.from({ length: model.nS }, (_, cell) => encode(cell));
  const input = observation === 'one-hot' ? ({ kind: 'one-hot', size: model.nS } as const) : ({ kind: 'vector', size: 2 } as const);
  const checkState = (state: unknown): string | null => {
    const s = state as { inner?: unknown; elapsed?: unknown } | null;
    if (typeof s !== 'object' || s === null || !Number.isInteger(s.inner) || (s.inner as number) < 0 || (s.inner as number) >= model.nS) {
      return `must be {inner, elapsed} with inner a cell of this world (0 to ${model.nS - 1})`;
    }
    return Number.isInteger(s.elapsed) && (s.elapsed as number) >= 0 ? null : 'elapsed must be a whole number, 0 or more';
  };
  return { makeEnv, dims: { input, nActions: model.nA }, grid: { model, cells }, gamma: spec.gamma, checkState };
}

/**
 * An arcade game from the registry (its default options: sticky actions 0.1, ramping on, the
 * minimal action set): binary planes in, one output per action.
 */
function arcadeWorld(id: string): World {
  const entry = getWorld(id);
  if (!entry || entry.family !== 'arcade') {
    const known = listWorlds('arcade').map((w) => w.id);
    throw new Error(`unknown world '${id}'; the arcade games are ${known.join(', ')}`);
  }
  const probe = entry.create() as TimeLimitedArcadeEnv<{ terminal: boolean }>;
  const { height, width, channels } = probe.planes;
  const checkState = (state: unknown): string | null => {
    const s = state as { inner?: { game?: unknown; lastAction?: unknown }; elapsed?: unknown } | null;
    if (typeof s !== 'object' || s === null || typeof s.inner !== 'object' || s.inner === null || typeof s.inner.game !== 'object' || s.inner.game === null) {
      return `must be {inner: {game, lastAction}, elapsed} with the ${entry.title} game's state`;
    }
    if (!Number.isInteger(s.inner.lastAction)) return 'inner.lastAction must be a whole number';
    return Number.isInteger(s.elapsed) && (s.elapsed as number) >= 0 ? null : 'elapsed must be a whole number, 0 or more';
  };
  return {
    makeEnv: () => entry.create() as unknown as Env<unknown, Observation, number>,
    dims: { input: { kind: 'planes', height, width, channels }, nActions: probe.actionNames.length },
    grid: null,
    checkState,
  };
}

/** The state of a history window with its frames as plain arrays (HistoryState with number[] frames). */
interface PlainHistoryState<S> {
  readonly inner: S;
  readonly frames: readonly (readonly number[])[];
  readonly previousAction: number | null;
}

/**
 * The history wrapper with its frames kept as plain arrays in the state. Run files are JSON, and
 * a Float32Array frame would come back from JSON as an object of indices; the numbers are float32
 * values already, so the round trip through number[] is exact.
 */
function withPlainFrames<S, O>(env: HistoryEnv<S, O, number>): Env<PlainHistoryState<S>, Float32Array, number> {
  const plain = (state: HistoryState<S>): PlainHistoryState<S> => ({ inner: state.inner, frames: state.frames.map((f) => Array.from(f)), previousAction: state.previousAction });
  const typed = (state: PlainHistoryState<S>): HistoryState<S> => ({ inner: state.inner, frames: state.frames.map((f) => Float32Array.from(f)), previousAction: state.previousAction });
  return {
    id: env.id,
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    reset(rng: Rng) {
      const first = env.reset(rng);
      return { state: plain(first.state), obs: first.obs };
    },
    step(state, action, rng) {
      const result = env.step(typed(state), action, rng);
      return { ...result, state: plain(result.state) };
    },
  };
}

/**
 * CartPole with its velocities hidden, seen through the last `k` observations: [x, theta] alone
 * for k = 1 (the state is CartPole's own), else the history window over it.
 */
function hiddenCartPoleWorld(k: number): World {
  if (!(Number.isInteger(k) && k >= 1 && k <= MAX_RUN_HISTORY)) throw new Error(`history must be a whole number from 1 to ${MAX_RUN_HISTORY}, got ${JSON.stringify(k)}`);
  const dims: DeepDims = { input: { kind: 'vector', size: 2 * k }, nActions: 2 };
  if (k === 1) {
    return { makeEnv: () => makeCartPoleHiddenVelocities() as unknown as Env<unknown, Observation, number>, dims, grid: null, checkState: checkCartPoleState };
  }
  const checkState = (state: unknown): string | null => {
    const s = state as Partial<PlainHistoryState<unknown>> | null;
    const shape = `must be {inner, frames, previousAction} with ${k} frames of 2 finite numbers and previousAction null`;
    if (typeof s !== 'object' || s === null || !Array.isArray(s.frames) || s.frames.length !== k || s.previousAction !== null) return shape;
    if (!s.frames.every((f) => Array.isArray(f) && f.length === 2 && f.every((v) => typeof v === 'number' && Number.isFinite(v)))) return shape;
    const inner = checkCartPoleState(s.inner);
    return inner === null ? null : `inner ${inner}`;
  };
  return {
    makeEnv: () => withPlainFrames(withHistory(makeCartPoleHiddenVelocities(), { k })) as unknown as Env<unknown, Observation, number>,
    dims,
    grid: null,
    checkState,
  };
}

/** A saved CartPole state must be {inner: {x, xDot, theta, thetaDot}, elapsed} with finite numbers. */
function checkCartPoleState(state: unknown): string | null {
  const s = state as { inner?: Record<string, unknown>; elapsed?: unknown } | null;
  const inner = typeof s === 'object' && s !== null ? s.inner : undefined;
  const keys = ['x', 'xDot', 'theta', 'thetaDot'];
  if (typeof inner !== 'object' || inner === null || !keys.every((k) => typeof inner[k] === 'number' && Number.isFinite(inner[k]))) {
    return `must be {inner: {${keys.join(', ')}}, elapsed} with finite numbers`;
  }
  return Number.isInteger(s?.elapsed) && (s?.elapsed as number) >= 0 ? null : 'elapsed must be a whole number, 0 or more';
}

/**
 * The deep agent of a run file (checked with checkRunFile): its name, the agent restored by
 * loadDeepAgent (weights, optimiser, replay buffer) and the vector progress to resume. The caller
 * owns the agent (createDeepSession takes it over, or disposes it when it refuses it).
 */
export function deepAgentOfRun(file: RunFile): { name: DeepAgentName; agent: DeepAgent; progress: VectorProgress } {
  const name = file.agent.agent;
  if (!isDeepAgentName(name)) throw new Error(`run file: agent.agent '${name}' is not a deep agent`);
  if (file.progress.kind !== 'vector') throw new Error(`run file: progress.kind must be 'vector' for a deep agent, got '${file.progress.kind}'`);
  const agent = inRunFile('agent', () => loadDeepAgent(file.agent));
  return { name, agent, progress: file.progress };
}

/** The last loss among `rows` (td_loss, or policy_loss), else `previous`. */
function latestLoss(rows: readonly Metrics[], previous: number | null): number | null {
  let loss = previous;
  for (const row of rows) loss = row['losses/td_loss'] ?? row['losses/policy_loss'] ?? loss;
  return loss;
}

/**
 * Page options to agent options: list fields (DQN's `hidden`) may come as text ("64,64") and
 * are parsed and checked; the rest pass as they are.
 */
export function deepAgentOptions(name: DeepAgentName, options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const entry = getDeepAgent(name);
  const out: Record<string, unknown> = { ...options };
  for (const field of entry.listFields) {
    const text = out[field.key];
    if (typeof text === 'string') out[field.key] = parseOverrides(name, { [field.key]: text })[field.key];
  }
  return out;
}

export function createDeepSession(config: DeepSessionConfig): DeepSession {
  const entry = getDeepAgent(config.agent);
  let world: World;
  try {
    world = deepWorld(config.world, config.observation, config.history);
  } catch (error) {
    config.loaded?.dispose(); // the session owned it from the call on
    throw error;
  }
  const options: Record<string, unknown> = { ...config.options };
  if (world.gamma !== undefined && options.gamma === undefined) options.gamma = world.gamma;
  const seedKey = entry.name === 'dqn' ? 'initSeed' : 'seed';
  if (options[seedKey] === undefined && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= MAX_INIT_SEED) options[seedKey] = config.seed;
  const learner = config.loaded ?? createDeepAgent(entry.name, world.dims, options);
  let session: VectorSession<unknown>;
  try {
    if (config.loaded) {
      const dims = deepAgentDims(config.loaded);
      if (config.loaded.name !== entry.name) throw new Error(`the loaded agent is ${config.loaded.name}, but the session runs ${entry.name}`);
      if (!sameDims(dims, world.dims)) {
        throw new Error(`the agent was made for input ${JSON.stringify(dims.input)} and ${dims.nActions} actions, but this world has input ${JSON.stringify(world.dims.input)} and ${world.dims.nActions} actions`);
      }
    }
    const agent = toVectorAgent(learner);
    session = createVectorSession({ makeEnv: world.makeEnv, nEnvs: agent.nEnvs, agent, seed: config.seed, resume: config.resume, checkState: world.checkState });
  } catch (error) {
    learner.dispose();
    throw error;
  }
  let lastLoss: number | null = null;
  return {
    learner,
    dims: world.dims,
    grid: world.grid,
    units: session.units,
    agent: session.agent,
    get globalStep() {
      return session.globalStep;
    },
    get episode() {
      return session.episode;
    },
    get lastLoss() {
      return lastLoss;
    },
    step(n, unit) {
      const rows = session.step(n, unit);
      lastLoss = latestLoss(rows, lastLoss);
      return rows;
    },
    done: () => false,
    snapshot: () => session.snapshot(),
    progress: () => session.progress(),
    dispose: () => session.dispose(),
  };
}
