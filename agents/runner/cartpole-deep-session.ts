/**
 * A deep agent learning CartPole, with the surface the training worker drives (units, step,
 * snapshot, done, saveRun, dispose), like the gridworld sessions. The run itself is
 * createDeepSession's: actor-critic and PPO step their nEnvs copies in lockstep, DQN and
 * REINFORCE one copy.
 *
 * The snapshot carries the first copy's cart, so the page can draw the training episode, and the
 * recent returns. The page's own game (a person playing, or the agent taking over) asks the
 * session for the agent's choice on any observation with `act`: the greedy action and the
 * network reading behind it (network-reading.ts), from the weights as they are at that moment.
 */
import type { CartPoleState } from '../../environments/classic/cartpole';
import type { TimeLimitedState } from '../../environments/core/time-limit';
import type { Metrics } from '../../environments/core/types';
import { getDeepAgent, type DeepAgent, type DeepAgentName } from '../deep/registry';
import { createDeepSession, deepAgentOfRun, deepAgentOptions, latestLoss } from './deep-session';
import { greedyAction, readNetwork, type NetworkReading } from './network-reading';
import { inRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile, type VectorProgress } from './run-file';
import type { StepUnit } from './trainable';

/** A CartPole run: like a gridworld SessionConfig, with the world named. */
export interface CartPoleRunConfig {
  readonly world: 'cartpole';
  /** A deep agent's name (agents/deep/registry.ts). */
  readonly agent: string;
  /** Agent options as the page keeps them (list fields as text, "64,64"); unset ones take the defaults. */
  readonly options: Readonly<Record<string, number | string | boolean>>;
  readonly seed: number;
}

export interface CartPoleSnapshot {
  readonly kind: 'cartpole';
  readonly agent: string;
  readonly nEnvs: number;
  /** Env steps taken in all copies. */
  readonly globalStep: number;
  readonly episode: number;
  /** The first training copy's state: the cart and the step within its episode. */
  readonly cart: TimeLimitedState<CartPoleState>;
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  /** The last loss the agent reported, null before the first update. */
  readonly lastLoss: number | null;
}

/** The agent's choice on one observation: its greedy action and the reading behind it. */
export interface AgentChoiceReading {
  readonly action: number;
  readonly reading: NetworkReading;
}

export interface CartPoleDeepSession {
  readonly kind: 'cartpole';
  readonly units: readonly StepUnit[];
  step(n: number, unit?: StepUnit): Metrics[];
  snapshot(): CartPoleSnapshot;
  /** The greedy action for `obs` ([x, xDot, theta, thetaDot]) and the network reading behind it. */
  act(obs: readonly number[]): AgentChoiceReading;
  done(): boolean;
  backupState(state: number): Metrics[];
  saveRun(): RunFile;
  dispose(): void;
}

export interface CartPoleSessionStart {
  /** A loaded agent (owned by the session from here) and the progress saved with it. */
  readonly agent?: DeepAgent;
  readonly resume?: VectorProgress;
}

export function isCartPoleRunConfig(config: { readonly world: unknown }): config is CartPoleRunConfig {
  return config.world === 'cartpole';
}

function checkObservation(obs: readonly number[]): Float32Array {
  if (obs.length !== 4 || !obs.every((v) => Number.isFinite(v))) throw new Error(`cartpole: an observation is 4 finite numbers [x, xDot, theta, thetaDot], got ${JSON.stringify(obs)}`);
  return Float32Array.from(obs);
}

export function createCartPoleDeepSession(config: CartPoleRunConfig, start: CartPoleSessionStart = {}): CartPoleDeepSession {
  const entry = getDeepAgent(config.agent);
  const name: DeepAgentName = entry.name;
  const session = createDeepSession({
    world: 'cartpole',
    agent: name,
    options: deepAgentOptions(name, config.options),
    seed: config.seed,
    loaded: start.agent,
    resume: start.resume,
  });
  let lastLoss: number | null = null;
  return {
    kind: 'cartpole',
    units: session.units,
    step(n, unit) {
      const rows = session.step(n, unit);
      lastLoss = latestLoss(rows, lastLoss);
      return rows;
    },
    snapshot() {
      const vector = session.snapshot();
      return {
        kind: 'cartpole',
        agent: name,
        nEnvs: vector.nEnvs,
        globalStep: vector.globalStep,
        episode: vector.episode,
        cart: vector.states[0] as TimeLimitedState<CartPoleState>,
        episodeReturns: vector.episodeReturns,
        lastLoss,
      };
    },
    act(obs) {
      const reading = readNetwork(session.learner, checkObservation(obs));
      return { action: greedyAction(reading), reading };
    },
    done: () => false,
    backupState() {
      throw new Error(`${entry.title} learns from experience with a network: there is no model backup to step on CartPole`);
    },
    saveRun: () => ({
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      world: 'cartpole',
      seed: config.seed,
      agent: session.learner.save(),
      progress: session.progress(),
    }),
    dispose: () => session.dispose(),
  };
}

/**
 * A CartPole run file (checked with checkRunFile) as a session that continues it; a gridworld
 * run is refused with one message. `options` become the session config's.
 */
export function loadCartPoleDeepSession(file: RunFile, options: CartPoleRunConfig['options'] = {}): { session: CartPoleDeepSession; config: CartPoleRunConfig } {
  if (file.world !== 'cartpole') {
    throw new Error(`run file: this run was saved on ${typeof file.world === 'string' ? file.world : 'a gridworld'}; open it on the ${typeof file.world === 'string' ? 'arcade' : 'gridworld'} page`);
  }
  const { name, agent, progress } = deepAgentOfRun(file);
  const config: CartPoleRunConfig = { world: 'cartpole', agent: name, options, seed: file.seed };
  // createDeepSession disposes the agent when it refuses it.
  const session = inRunFile('world', () => createCartPoleDeepSession(config, { agent, resume: progress }));
  return { session, config };
}
