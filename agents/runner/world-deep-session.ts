/**
 * A deep agent learning CartPole or an arcade game, with the surface the training worker drives
 * (units, step, snapshot, done, saveRun, dispose), like the gridworld sessions. The run itself is
 * createDeepSession's: actor-critic and PPO step their nEnvs copies in lockstep, DQN and
 * REINFORCE one copy.
 *
 * CartPole comes in two views of the same world: 'cartpole' (the agent sees all four numbers)
 * and 'pomdp/cartpole-hidden-velocities' (it sees [x, theta] only, optionally the last `history`
 * of them side by side). Both are the CartPole page's: their snapshots are 'cartpole' ones with
 * the cart's full state, and their run files open there.
 *
 * The snapshot carries the first copy of the world, so the page can draw the training episode
 * (CartPole: the cart; arcade: the planes the agent sees), and the recent returns. The page's own
 * game (a person playing, or the agent taking over) asks the session for the agent's choice on
 * any observation with `act`: the greedy action and the network reading behind it
 * (network-reading.ts), from the weights as they are at that moment.
 */
import type { ArcadeWorldId } from '../../environments/arcade/register';
import type { CartPoleState } from '../../environments/classic/cartpole';
import type { TimeLimitedState } from '../../environments/core/time-limit';
import { CARTPOLE_HIDDEN_VELOCITIES_ID } from '../../environments/pomdp/cartpole-hidden';
import type { Metrics } from '../../environments/core/types';
import { inputSize } from '../deep/network';
import { loadPolicy } from '../deep/policy-file';
import { pageOptionsOf } from '../deep/page-options';
import { getDeepAgent, type DeepAgent, type DeepAgentName } from '../deep/registry';
import { createDeepSession, deepAgentOfRun, deepAgentOptions } from './deep-session';
import { greedyAction, readNetwork, type NetworkReading } from './network-reading';
import { inRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type HiddenCartPoleWorld, type RunFile, type VectorProgress } from './run-file';
import type { StepUnit } from './trainable';

/** The two views of CartPole: all four numbers, or the velocities hidden. */
export type CartPoleWorld = 'cartpole' | HiddenCartPoleWorld;

/** A run on CartPole or an arcade game: like a gridworld SessionConfig, with the world named. */
export interface WorldRunConfig<W extends CartPoleWorld | ArcadeWorldId = CartPoleWorld | ArcadeWorldId> {
  readonly world: W;
  /** A deep agent's name (agents/deep/registry.ts). */
  readonly agent: string;
  /** Agent options as the pages keep them (list fields as text, "64,64"); unset ones take the defaults. */
  readonly options: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
  /** Hidden-velocity CartPole only: the last `history` observations side by side (default 1). */
  readonly history?: number;
}

export type CartPoleRunConfig = WorldRunConfig<'cartpole'>;
export type HiddenCartPoleRunConfig = WorldRunConfig<HiddenCartPoleWorld>;
export type ArcadeRunConfig = WorldRunConfig<ArcadeWorldId>;

export function isCartPoleWorld(world: unknown): world is CartPoleWorld {
  return world === 'cartpole' || world === CARTPOLE_HIDDEN_VELOCITIES_ID;
}

/** The state a hidden-velocity run with a history window keeps, from which the cart is read. */
interface WindowState {
  readonly inner: TimeLimitedState<CartPoleState>;
  readonly frames: unknown;
}

/** The cart of a CartPole copy's state: CartPole's own, or the one inside a history window. */
function cartOf(state: unknown): TimeLimitedState<CartPoleState> {
  return typeof state === 'object' && state !== null && 'frames' in state ? (state as WindowState).inner : (state as TimeLimitedState<CartPoleState>);
}

interface SnapshotCommon {
  readonly agent: string;
  readonly nEnvs: number;
  /** Env steps taken in all copies. */
  readonly globalStep: number;
  readonly episode: number;
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  /** The last loss the agent reported, null before the first update. */
  readonly lastLoss: number | null;
}

export interface CartPoleSnapshot extends SnapshotCommon {
  readonly kind: 'cartpole';
  /** The first training copy's state: the cart and the step within its episode (all of it, also when the agent sees less). */
  readonly cart: TimeLimitedState<CartPoleState>;
  /** What the agent sees: the velocities hidden or not, and the observations stacked (1 when none). */
  readonly hiddenVelocities: boolean;
  readonly history: number;
}

export interface ArcadeSnapshot extends SnapshotCommon {
  readonly kind: 'arcade';
  readonly world: ArcadeWorldId;
  /** The first training copy's observation: its planes, height x width x C, channels last. */
  readonly planes: number[];
  /** The first copy's return so far in its episode. */
  readonly episodeReturn: number;
}

export type WorldSnapshot = CartPoleSnapshot | ArcadeSnapshot;

/** The agent's choice on one observation: its greedy action and the reading behind it. */
export interface AgentChoiceReading {
  readonly action: number;
  readonly reading: NetworkReading;
}

export interface WorldDeepSession {
  readonly kind: 'world';
  readonly units: readonly StepUnit[];
  step(n: number, unit?: StepUnit): Metrics[];
  snapshot(): WorldSnapshot;
  /**
   * The greedy action for `obs` (CartPole's 4 numbers; with hidden velocities the last `history`
   * [x, theta] pairs, oldest first, zeros before the episode's start; or a game's planes) and the
   * network reading behind it.
   */
  act(obs: readonly number[]): AgentChoiceReading;
  done(): boolean;
  backupState(state: number): Metrics[];
  saveRun(): RunFile;
  dispose(): void;
}

export interface WorldSessionStart {
  /** A loaded agent (owned by the session from here) and the progress saved with it. */
  readonly agent?: DeepAgent;
  readonly resume?: VectorProgress;
}

export function isWorldRunConfig(config: { readonly world: unknown }): config is WorldRunConfig {
  return typeof config.world === 'string';
}

export function createWorldDeepSession(config: WorldRunConfig, start: WorldSessionStart = {}): WorldDeepSession {
  const entry = getDeepAgent(config.agent);
  const name: DeepAgentName = entry.name;
  const world = config.world;
  const hidden = world === CARTPOLE_HIDDEN_VELOCITIES_ID;
  const history = config.history ?? 1;
  if (config.history !== undefined && !hidden) {
    start.agent?.dispose();
    throw new Error(`history applies to ${CARTPOLE_HIDDEN_VELOCITIES_ID} only, got it with ${world}`);
  }
  const session = createDeepSession({
    world,
    agent: name,
    options: deepAgentOptions(name, config.options),
    seed: config.seed,
    history: hidden ? history : undefined,
    loaded: start.agent,
    resume: start.resume,
  });
  const width = inputSize(session.dims.input);

  function observationText(): string {
    if (world === 'cartpole') return '4 finite numbers [x, xDot, theta, thetaDot]';
    if (hidden) return history === 1 ? '2 finite numbers [x, theta]' : `${width} finite numbers (the last ${history} [x, theta] pairs, oldest first)`;
    return `${width} finite numbers (the game's planes)`;
  }

  function checkObservation(obs: readonly number[]): Float32Array {
    if (obs.length !== width || !obs.every((v) => Number.isFinite(v))) {
      const what = observationText();
      throw new Error(`${world}: an observation is ${what}, got ${obs.length} values${obs.length === width ? ' with a non-finite one' : ''}`);
    }
    return Float32Array.from(obs);
  }

  return {
    kind: 'world',
    units: session.units,
    step: (n, unit) => session.step(n, unit),
    snapshot() {
      const vector = session.snapshot();
      const common: SnapshotCommon = {
        agent: name,
        nEnvs: vector.nEnvs,
        globalStep: vector.globalStep,
        episode: vector.episode,
        episodeReturns: vector.episodeReturns,
        lastLoss: session.lastLoss,
      };
      if (isCartPoleWorld(world)) return { kind: 'cartpole', ...common, cart: cartOf(vector.states[0]), hiddenVelocities: hidden, history };
      const planes = Array.from(vector.firstObservation as Float32Array);
      return { kind: 'arcade', ...common, world, planes, episodeReturn: vector.firstReturn };
    },
    act(obs) {
      const reading = readNetwork(session.learner, checkObservation(obs));
      return { action: greedyAction(reading), reading };
    },
    done: () => false,
    backupState() {
      throw new Error(`${entry.title} learns from experience with a network: there is no model backup to step on ${world}`);
    },
    saveRun: () => ({
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      world,
      ...(hidden ? { history } : {}),
      seed: config.seed,
      agent: session.learner.save(),
      progress: session.progress(),
    }),
    dispose: () => session.dispose(),
  };
}

/** The page a run file's world belongs on. */
function pageOf(world: RunFile['world']): string {
  if (isCartPoleWorld(world)) return 'the CartPole page';
  return typeof world === 'string' ? 'the arcade page' : 'the gridworld page';
}

/** How a message names the world a run was saved on. */
function savedOn(world: RunFile['world']): string {
  if (world === 'cartpole') return 'CartPole';
  if (world === CARTPOLE_HIDDEN_VELOCITIES_ID) return 'CartPole with its velocities hidden';
  return typeof world === 'string' ? world : 'a gridworld';
}

/**
 * A CartPole or arcade run file (checked with checkRunFile) as a session that continues it.
 * `accepts` says which worlds this page runs; a run of another world is refused with one message.
 * Both views of CartPole belong on the CartPole page, so a hidden-velocity run is asked about as
 * 'cartpole'. `options` become the session config's.
 */
export function loadWorldDeepSession(
  file: RunFile,
  accepts: (world: RunFile['world']) => boolean,
  options: WorldRunConfig['options'] = {},
): { session: WorldDeepSession; config: WorldRunConfig } {
  const world = file.world;
  if (typeof world !== 'string' || !accepts(isCartPoleWorld(world) ? 'cartpole' : world)) {
    throw new Error(`run file: this run was saved on ${savedOn(world)}; open it on ${pageOf(world)}`);
  }
  const { name, agent, progress } = deepAgentOfRun(file);
  const config: WorldRunConfig = { world, agent: name, options, seed: file.seed, ...(world === CARTPOLE_HIDDEN_VELOCITIES_ID ? { history: file.history ?? 1 } : {}) };
  // createDeepSession disposes the agent when it refuses it.
  const session = inRunFile('world', () => createWorldDeepSession(config, { agent, resume: progress }));
  return { session, config };
}

/**
 * A policy file (a pretrained agent, agents/deep/policy-file.ts) as a fresh run with its trained
 * weights, at step 0 with `seed`; a policy for another world than `accepts` allows is refused.
 */
export function loadWorldPolicy(value: unknown, accepts: (world: RunFile['world']) => boolean, seed: number): { session: WorldDeepSession; config: WorldRunConfig } {
  const { agent, world } = loadPolicy(value);
  try {
    if (world === CARTPOLE_HIDDEN_VELOCITIES_ID) throw new Error(`policy file: this agent was trained on ${world}; policy files open on CartPole with its full observation and on the arcade games`);
    if (!(world === 'cartpole' || world.startsWith('arcade/')) || !accepts(world as WorldRunConfig['world'])) {
      throw new Error(`policy file: this agent was trained on ${world}; open it on ${pageOf(world as RunFile['world'])}`);
    }
  } catch (error) {
    agent.dispose();
    throw error;
  }
  const config: WorldRunConfig = { world: world as WorldRunConfig['world'], agent: agent.name, options: pageOptionsOf(agent.save().config as Record<string, unknown>), seed };
  // createDeepSession disposes the agent when it refuses it.
  return { session: createWorldDeepSession(config, { agent }), config };
}
