/**
 * The typed messages between the page and the training worker (ARCHITECTURE.md section 4).
 * Per-step data never flows through the XState machine: snapshots and metrics go straight to
 * the page's client object; the machine only sees lifecycle events.
 */
import type { StepUnit } from '../../../agents/runner/trainable';
import type { SessionConfig, SessionSnapshot } from '../../../agents/runner/grid-session';
import type { AgentChoiceReading, WorldRunConfig, WorldSnapshot } from '../../../agents/runner/world-deep-session';
import type { SeriesSet } from '../../../agents/runner/metrics';
import type { RunFile } from '../../../agents/runner/run-file';
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';

import type { Speed } from '../../../agents/runner/pacer';
import type { BackendName } from '../../../agents/core/tf-backend';

export type { Speed, BackendName };

/**
 * What a run trains on: a gridworld (any agent), CartPole or an arcade game (deep agents), or a
 * module's own world (agents/runner/worker-session.ts: a POMDP, an offline dataset, ...).
 */
export type RunConfig = SessionConfig | WorldRunConfig | ModuleRunConfig;
/** The snapshots of the built-in sessions; a module's snapshot is its own plain data. */
export type RunSnapshot = SessionSnapshot | WorldSnapshot;
/** Which page a run file is loaded into: its world must be of that kind. */
export type WorldKind = 'gridworld' | 'cartpole' | 'arcade';

/** The TensorFlow.js backend a person asks for: 'auto' tries webgpu, webgl, wasm, cpu in turn. */
export type BackendPreference = 'auto' | BackendName;
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export type ToWorker =
  | { readonly type: 'configure'; readonly config: RunConfig }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step'; readonly unit: StepUnit }
  /** Dynamic programming only: apply the Bellman backup to one chosen state (the stepper). */
  | { readonly type: 'backup-state'; readonly state: number }
  | { readonly type: 'speed'; readonly speed: Speed }
  /** The page has drawn the last frame: the worker may send the next routine one. */
  | { readonly type: 'frame-ack' }
  | { readonly type: 'reset' }
  /**
   * Deep agents: the state the network panel reads (null: the penguin's cell). Kept across
   * configures; tabular sessions ignore it.
   */
  | { readonly type: 'inspect-state'; readonly state: number | null }
  /**
   * Deep agents: the backend to run on. Takes effect at the next 'configure' (the page sends one
   * right after), which re-initialises the backend before it builds the session.
   */
  | { readonly type: 'backend'; readonly preferred: BackendPreference }
  /** Save the running session's agent: the worker answers 'agent-file' (or 'save-failed'). */
  | { readonly type: 'save-agent' }
  /**
   * Replace the session with a saved run (a run file, agents/runner/run-file.ts), which continues
   * where it stopped: 'agent-loaded' with the config it now runs, or 'load-failed' with one
   * message and the running session unchanged.
   */
  | { readonly type: 'load-agent'; readonly file: unknown; readonly world: WorldKind }
  /**
   * CartPole and the arcade games: the running agent's greedy choice on one observation, with the network reading
   * behind it ('agent-choice', or 'act-failed'), for the page's own game (an agent at the
   * controls, or the agent's advice to a person). `id` pairs the answer with the question.
   */
  | { readonly type: 'act'; readonly id: number; readonly obs: readonly number[] }
  /** A page-specific question for the running session (WorkerSession.query): 'answer' or 'query-failed'. */
  | { readonly type: 'query'; readonly id: number; readonly question: unknown };

export type FromWorker =
  | { readonly type: 'configured'; readonly units: readonly StepUnit[] }
  | { readonly type: 'frame'; readonly snapshot: unknown; readonly series: SeriesSet; readonly running: boolean; readonly stepsPerSecond: number }
  | { readonly type: 'paused' }
  | { readonly type: 'stepped' }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string }
  /** The TensorFlow.js backend now running (sent whenever it is initialised for a deep agent). */
  | { readonly type: 'backend'; readonly name: BackendName }
  | { readonly type: 'agent-file'; readonly file: RunFile }
  | { readonly type: 'save-failed'; readonly message: string }
  /** A saved run now runs (paused), with this config: the page adopts it without restarting. */
  | { readonly type: 'agent-loaded'; readonly config: RunConfig }
  | { readonly type: 'load-failed'; readonly message: string }
  | ({ readonly type: 'agent-choice'; readonly id: number } & AgentChoiceReading)
  | { readonly type: 'act-failed'; readonly id: number; readonly message: string }
  | { readonly type: 'answer'; readonly id: number; readonly answer: unknown }
  | { readonly type: 'query-failed'; readonly id: number; readonly message: string };
