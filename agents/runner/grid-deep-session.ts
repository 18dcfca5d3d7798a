/**
 * A deep agent on a gridworld, with the surface of a GridSession (units 'env-step' and
 * 'episode', step, snapshot, done, backupState, dispose), so the training worker runs it like
 * a tabular learner. The run itself is createDeepSession's (one-hot cell input).
 *
 * The snapshot reads the network for every cell in one batched forward pass:
 * - DQN: q(s, .) (the acting values), v(s) = max_a q(s, a), and the epsilon-greedy policy it
 *   acts by now (greedy ties shared).
 * - Actor-critic and PPO: the softmax policy and the value head v(s).
 * - REINFORCE: the softmax policy; v(s) from the learned baseline when it has one
 *   (baseline 'learned-value'), else `values` is null: the agent estimates no values, and the
 *   page draws the policy alone.
 * Walls are never occupied: their values are 0 and their policy empty. Those outputs are
 * recomputed at most every `outputsEveryMs` (200 ms) while the run advances, not every step;
 * `refresh()` makes the next snapshot read them afresh (a pause, a single step).
 *
 * The same reading also runs the network on ONE cell for the network panel (`network`,
 * network-reading.ts): the cell `inspect()` names, else the penguin's cell at the time of the
 * reading.
 */
import type { Metrics } from '../../environments/core/types';
import type { TimeLimitedState } from '../../environments/core/time-limit';
import { parseGridworldSpec } from '../../environments/gridworld';
import * as tf from '@tensorflow/tfjs';
import { Dqn } from '../deep/dqn';
import { encodeBatch } from '../deep/network';
import { Reinforce } from '../deep/reinforce';
import { getDeepAgent, type DeepAgent } from '../deep/registry';
import { gridWorldOf, inRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile, type VectorProgress } from './run-file';
import { createDeepSession, deepAgentOfRun, deepAgentOptions } from './deep-session';
import { readNetwork, softmaxRows, type NetworkReading } from './network-reading';
import type { SessionConfig } from './grid-session';
import type { StepUnit } from './trainable';

export interface DeepGridSnapshot {
  readonly kind: 'deep';
  readonly agent: string;
  readonly nS: number;
  readonly nA: number;
  /** Env steps taken in all. */
  readonly globalStep: number;
  /** Episodes finished. */
  readonly episode: number;
  /** The penguin's cell in the (first) copy of the world. */
  readonly state: number;
  /** v(s) per cell from the network (see the file's comment); null for REINFORCE without a learned baseline. */
  readonly values: number[] | null;
  /** pi(a|s) [s * nA + a]. */
  readonly policy: number[];
  /** DQN's q[s * nA + a]; null for the policy-gradient agents. */
  readonly q: number[] | null;
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  /** The last loss the agent reported (td_loss, or policy_loss), null before the first update. */
  readonly lastLoss: number | null;
  /** The network read for one state (see the file's comment). */
  readonly network?: GridNetworkReading;
}

/** The network read for one cell (network-reading.ts), with the cell read. */
export type GridNetworkReading = NetworkReading & { readonly state: number };

export interface GridDeepSession {
  readonly kind: 'deep';
  readonly units: readonly StepUnit[];
  step(n: number, unit?: StepUnit): Metrics[];
  snapshot(): DeepGridSnapshot;
  /** The next snapshot reads the network afresh, however recent the last reading. */
  refresh(): void;
  /**
   * The state the network panel reads (null, or a state this world lacks: the penguin's cell).
   * The next snapshot reads the network afresh when it changes.
   */
  inspect(state: number | null): void;
  done(): boolean;
  backupState(state: number): Metrics[];
  /** The run as a run file (run-file.ts). */
  saveRun(): RunFile;
  dispose(): void;
}

export interface GridDeepSessionOptions {
  /** Start from this agent (a loaded one; its dims must match the world's), owned by the session from here. */
  readonly agent?: DeepAgent;
  /** Continue a saved run's progress, with `agent` the one saved with it. */
  readonly resume?: VectorProgress;
  /** Least time between two readings of the network for the snapshot (default 200 ms). */
  readonly outputsEveryMs?: number;
  /** The clock for that interval (default performance.now). */
  readonly now?: () => number;
}

interface CellOutputs {
  values: number[] | null;
  policy: number[];
  q: number[] | null;
  network?: GridNetworkReading;
}

export function createGridDeepSession(config: SessionConfig, options: GridDeepSessionOptions = {}): GridDeepSession {
  const entry = getDeepAgent(config.agent);
  const parsed = parseGridworldSpec(config.world);
  if (!parsed.ok) throw new Error(parsed.error);
  const session = createDeepSession({
    world: parsed.spec,
    agent: entry.name,
    options: deepAgentOptions(entry.name, config.options),
    seed: config.seed,
    loaded: options.agent,
    resume: options.resume,
  });
  const grid = session.grid;
  if (grid === null) throw new Error('grid deep session: the world must be a gridworld');
  const { model, cells } = grid;
  const { nS, nA } = model;
  const learner = session.learner;
  const interval = options.outputsEveryMs ?? 200;
  const now = options.now ?? (() => performance.now());
  let outputs: CellOutputs | null = null;
  let outputsStep = -1;
  let outputsAt = -Infinity;
  /** The state the panel reads (null: the penguin's), and whether it changed since the last reading. */
  let inspected: number | null = null;
  let inspectChanged = false;

  function readPanel(state: number): GridNetworkReading {
    return { state, ...readNetwork(learner, cells[state]) };
  }

  function readCells(): CellOutputs {
    if (learner instanceof Dqn) {
      const rows = learner.qValues(cells);
      const epsilon = learner.currentEpsilon();
      const q: number[] = [];
      const values: number[] = [];
      const policy: number[] = [];
      for (const row of rows) {
        const best = Math.max(...row);
        const ties = row.filter((v) => v === best).length;
        values.push(best);
        for (let a = 0; a < nA; a++) {
          q.push(row[a]);
          policy.push(epsilon / nA + (row[a] === best ? (1 - epsilon) / ties : 0));
        }
      }
      return { values, policy, q };
    }
    // tidy returns tensors only: the plain arrays leave through `read`.
    let read: CellOutputs | null = null;
    tf.tidy(() => {
      const x = encodeBatch(learner.dims.input, cells);
      if (learner instanceof Reinforce) {
        const value = learner.value;
        read = { policy: softmaxRows(learner.policy.apply(x)), values: value === null ? null : Array.from(value.apply(x).dataSync()), q: null };
      } else {
        const out = learner.model.forward(x);
        read = { policy: softmaxRows(out.logits), values: Array.from(out.values.dataSync()), q: null };
      }
    });
    return read as unknown as CellOutputs;
  }

  function withoutWalls(read: CellOutputs): CellOutputs {
    for (let s = 0; s < nS; s++) {
      if (model.looks[s] !== 'wall') continue;
      if (read.values) read.values[s] = 0;
      read.policy.fill(0, s * nA, (s + 1) * nA);
      read.q?.fill(0, s * nA, (s + 1) * nA);
    }
    return read;
  }

  return {
    kind: 'deep',
    units: session.units,
    step: (n, unit) => session.step(n, unit),
    snapshot() {
      const t = now();
      const vector = session.snapshot();
      const state = (vector.states[0] as TimeLimitedState<number>).inner;
      if (outputs === null || inspectChanged || (session.globalStep !== outputsStep && t - outputsAt >= interval)) {
        outputs = withoutWalls(readCells());
        outputs.network = readPanel(inspected !== null && Number.isInteger(inspected) && inspected >= 0 && inspected < nS ? inspected : state);
        outputsStep = session.globalStep;
        outputsAt = t;
        inspectChanged = false;
      }
      return {
        kind: 'deep',
        agent: entry.name,
        nS,
        nA,
        globalStep: session.globalStep,
        episode: session.episode,
        state,
        values: outputs.values?.slice() ?? null,
        policy: outputs.policy.slice(),
        q: outputs.q?.slice() ?? null,
        episodeReturns: vector.episodeReturns,
        lastLoss: session.lastLoss,
        network: outputs.network,
      };
    },
    refresh() {
      outputsAt = -Infinity;
    },
    inspect(state) {
      if (state !== inspected) inspectChanged = true;
      inspected = state;
    },
    done: () => false,
    saveRun: () => ({
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      world: parsed.spec,
      seed: config.seed,
      agent: learner.save(),
      progress: session.progress(),
    }),
    backupState() {
      throw new Error(`${entry.title} learns from experience with a network: there is no model backup to step; step the environment instead`);
    },
    dispose: () => session.dispose(),
  };
}

/**
 * A deep agent's run file (checked with checkRunFile) as a session that continues it:
 * loadDeepAgent checks the agent (weights, optimiser, replay buffer), then its dims must match
 * the world's (one-hot cells) and the progress must fit. `options` become the session config's.
 */
export function loadGridDeepSession(file: RunFile, options: SessionConfig['options'] = {}, sessionOptions: GridDeepSessionOptions = {}): { session: GridDeepSession; config: SessionConfig } {
  const world = gridWorldOf(file);
  const { name, agent, progress } = deepAgentOfRun(file);
  const config: SessionConfig = { world, agent: name, options, seed: file.seed };
  // createDeepSession disposes the agent when it refuses it.
  const session = inRunFile('world', () => createGridDeepSession(config, { ...sessionOptions, agent, resume: progress }));
  return { session, config };
}
