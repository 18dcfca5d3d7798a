/**
 * A deep agent learning CartPole or an arcade game, with the surface the training worker drives
 * (units, step, snapshot, done, saveRun, dispose), like the gridworld sessions. The run itself is
 * createDeepSession's: actor-critic and PPO step their nEnvs copies in lockstep, DQN and
 * REINFORCE one copy.
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
import type { Metrics } from '../../environments/core/types';
import { inputSize } from '../deep/network';
import { loadPolicy } from '../deep/policy-file';
import { pageOptionsOf } from '../deep/page-options';
import { getDeepAgent, type DeepAgent, type DeepAgentName } from '../deep/registry';
import { createDeepSession, deepAgentOfRun, deepAgentOptions } from './deep-session';
import { greedyAction, readNetwork, type NetworkReading } from './network-reading';
import { inRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile, type VectorProgress } from './run-file';
import type { StepUnit } from './trainable';

/** A run on CartPole or an arcade game: like a gridworld SessionConfig, with the world named. */
export interface WorldRunConfig<W extends 'cartpole' | ArcadeWorldId = 'cartpole' | ArcadeWorldId> {
  readonly world: W;
  /** A deep agent's name (agents/deep/registry.ts). */
  readonly agent: string;
  /** Agent options as the pages keep them (list fields as text, "64,64"); unset ones take the defaults. */
  readonly options: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
}

export type CartPoleRunConfig = WorldRunConfig<'cartpole'>;
export type ArcadeRunConfig = WorldRunConfig<ArcadeWorldId>;

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
  /** The first training copy's state: the cart and the step within its episode. */
  readonly cart: TimeLimitedState<CartPoleState>;
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
  /** The greedy action for `obs` (CartPole's 4 numbers, or a game's planes) and the network reading behind it. */
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
  const session = createDeepSession({
    world: config.world,
    agent: name,
    options: deepAgentOptions(name, config.options),
    seed: config.seed,
    loaded: start.agent,
    resume: start.resume,
  });
  const width = inputSize(session.dims.input);
  const world = config.world;

  function checkObservation(obs: readonly number[]): Float32Array {
    if (obs.length !== width || !obs.every((v) => Number.isFinite(v))) {
      const what = world === 'cartpole' ? '4 finite numbers [x, xDot, theta, thetaDot]' : `${width} finite numbers (the game's planes)`;
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
      if (world === 'cartpole') return { kind: 'cartpole', ...common, cart: vector.states[0] as TimeLimitedState<CartPoleState> };
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
      seed: config.seed,
      agent: session.learner.save(),
      progress: session.progress(),
    }),
    dispose: () => session.dispose(),
  };
}

/** The page a run file's world belongs on. */
function pageOf(world: RunFile['world']): string {
  if (world === 'cartpole') return 'the CartPole page';
  return typeof world === 'string' ? 'the arcade page' : 'the gridworld page';
}

/**
 * A CartPole or arcade run file (checked with checkRunFile) as a session that continues it.
 * `accepts` says which worlds this page runs; a run of another world is refused with one message.
 * `options` become the session config's.
 */
export function loadWorldDeepSession(
  file: RunFile,
  accepts: (world: RunFile['world']) => boolean,
  options: WorldRunConfig['options'] = {},
): { session: WorldDeepSession; config: WorldRunConfig } {
  const world = file.world;
  if (typeof world !== 'string' || !accepts(world)) {
    const saved = world === 'cartpole' ? 'CartPole' : typeof world === 'string' ? world : 'a gridworld';
    throw new Error(`run file: this run was saved on ${saved}; open it on ${pageOf(world)}`);
  }
  const { name, agent, progress } = deepAgentOfRun(file);
  const config: WorldRunConfig = { world, agent: name, options, seed: file.seed };
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
