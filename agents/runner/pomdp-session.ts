/**
 * The POMDP module session (issue 7, section 1): a deep agent learning a partially observed
 * gridworld, driven by the one training worker like every other run (registered as module
 * 'pomdp'; the worker's deep runtime imports this file for that).
 *
 * Config (ModuleRunConfig):
 * - world: a POMDP preset id ('fig-19-4'), or { gridworld: <preset id or spec>, observation:
 *   { radius, hiddenLooks, noise, showPosition } } (agents/runner/pomdp/world.ts);
 * - agent: 'reinforce' or 'actor-critic' acting on the view (memoryless stochastic policies),
 *   optionally on the last `history` views stacked; or 'recurrent-reinforce' or 'drqn' with a GRU
 *   memory (agents/runner/pomdp/catalogue.ts);
 * - options: the agent's fields plus `history` and `previousAction`; gamma defaults to the
 *   world's and the initial-weight seed to the run's seed;
 * - seed: the master seed (createVectorSession's streams: same seed, same numbers).
 *
 * Units 'env-step' and 'episode'. Metrics: the vector session's ('charts/episodic_return',
 * 'charts/episode_length', the agent's losses), and for a memoryless agent on a world with an
 * exact analysis, 'charts/memoryless_value' once per finished episode: the exact start value
 * (memoryless.ts) of the policy the network holds at that moment.
 *
 * Snapshot (plain data, PomdpSnapshot): the first copy's penguin, view, return and exact belief;
 * the recent returns; pi(a | view) for every view id with its exact value (memoryless agents);
 * what the agent would do now; and section 19.5's numbers (agents/runner/pomdp/analysis.ts). The
 * network readings are refreshed at most every `outputsEveryMs` while the run advances.
 *
 * Questions (`query`): { kind: 'evaluate', episodes?, seed?, mode? }, the mean return of seeded
 * evaluation episodes on a world of their own (the run's streams are not touched), and
 * { kind: 'advice', observations, actions }, what the agent would do after a person's episode so
 * far. Runs are not saved to files (saveRun says so).
 */
import type { TimeLimitedState } from '../../environments/core/time-limit';
import type { Env, Metrics } from '../../environments/core/types';
import { ACTIONS } from '../../environments/gridworld/spec';
import { makePomdpGridworld } from '../../environments/pomdp/env';
import { historyObservation, withHistory } from '../../environments/pomdp/history';
import { evaluateMemoryless, type MemorylessProblem } from '../../environments/pomdp/memoryless';
import type { Observation } from '../deep/types';
import { analyseMemoryless, type MemorylessNumbers } from './pomdp/analysis';
import { pomdpAgentInfo, splitPomdpOptions, type HistoryOptions, type PomdpAgentName } from './pomdp/catalogue';
import { EpisodeTrack, trackEpisodes } from './pomdp/episode-track';
import { actionReading, createPomdpLearner, evaluatePolicy, isRecurrent, policyRows, pomdpVectorAgent, type ActionReading, type EvaluationResult, type PomdpLearner } from './pomdp/learner';
import { resolvePomdpWorld, type PomdpWorld } from './pomdp/world';
import type { StepUnit } from './trainable';
import { createVectorSession, type VectorSession } from './vector-session';
import { registerModuleSession, type ModuleRunConfig, type WorkerSession } from './worker-session';

export const POMDP_MODULE = 'pomdp';

/** How the agent remembers: not at all, a stack of the last views, or a GRU. */
export type PomdpMemory = 'memoryless' | 'history' | 'recurrent';

export interface PomdpSnapshot {
  readonly kind: 'pomdp';
  /** The world's id (world.ts): the page draws a snapshot only on the world it shows. */
  readonly world: string;
  readonly agent: PomdpAgentName;
  readonly memory: PomdpMemory;
  /** Views stacked (1 without history stacking). */
  readonly history: number;
  readonly nS: number;
  readonly nA: number;
  readonly nEnvs: number;
  readonly globalStep: number;
  readonly episode: number;
  /** The first copy's penguin: its cell and the steps of its episode so far. */
  readonly state: number;
  readonly elapsed: number;
  /** Its current view: the window's rows of reading characters, the readable key and the tabular id (the nearest noiseless view). */
  readonly observation: { readonly rows: string[]; readonly key: string; readonly id: number };
  /** The exact belief over cells for that episode (sums to 1); null on worlds of more than 400 cells. */
  readonly belief: number[] | null;
  /** That episode's return so far. */
  readonly episodeReturn: number;
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  /** The last loss the agent reported (td_loss, or policy_loss), null before the first update. */
  readonly lastLoss: number | null;
  /** Memoryless agents (history 1): pi(a | view) for every view id, [id][action]; else null. */
  readonly policy: number[][] | null;
  /** The exact start value of `policy` (memoryless.ts); null without it or without an exact analysis. */
  readonly policyValue: number | null;
  /** What the agent would do in the first copy now (probabilities; DRQN: action values). */
  readonly action: ActionReading | null;
  /** Section 19.5's numbers for this world. */
  readonly analysis: MemorylessNumbers;
}

/** `query` questions. */
export type PomdpQuestion =
  | { readonly kind: 'evaluate'; readonly episodes?: number; readonly seed?: number; readonly mode?: 'sample' | 'greedy' }
  | { readonly kind: 'advice'; readonly observations: readonly (readonly number[])[]; readonly actions: readonly number[] };

export type PomdpAnswer = EvaluationResult | ActionReading;

export interface PomdpSession extends WorkerSession<PomdpSnapshot> {
  readonly world: PomdpWorld;
  readonly learner: PomdpLearner;
  readonly globalStep: number;
  readonly episode: number;
  snapshot(): PomdpSnapshot;
  /** The next snapshot reads the network afresh, however recent the last reading. */
  refresh(): void;
  query(question: unknown): PomdpAnswer;
}

export interface PomdpSessionOptions {
  /** Least time between two network readings for the snapshot (default 200 ms). */
  readonly outputsEveryMs?: number;
  /** The clock for that interval (default performance.now). */
  readonly now?: () => number;
}

/** The most evaluation episodes one question may ask for. */
export const MAX_EVALUATION_EPISODES = 10_000;
const MAX_INIT_SEED = 2 ** 31 - 1;

export function createPomdpSession(config: ModuleRunConfig, sessionOptions: PomdpSessionOptions = {}): PomdpSession {
  if (typeof config !== 'object' || config === null) throw new Error('pomdp run config must be an object');
  if (config.module !== POMDP_MODULE) throw new Error(`pomdp run config: module must be '${POMDP_MODULE}', got ${JSON.stringify(config.module)}`);
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0)) {
    throw new Error(`pomdp run config: seed must be a whole number, 0 or more, got ${JSON.stringify(config.seed)}`);
  }
  const info = pomdpAgentInfo(config.agent);
  const world = resolvePomdpWorld(config.world);
  const { history, agentOptions } = splitPomdpOptions(info.name, config.options ?? {});
  const { model, observer } = world;
  const options: Record<string, unknown> = { ...agentOptions };
  if (options.gamma === undefined) options.gamma = world.spec.gamma;
  if (options.seed === undefined && config.seed <= MAX_INIT_SEED) options.seed = config.seed;
  const analysis = analyseMemoryless(world);

  const base = makePomdpGridworld(model, world.observation);
  const stacked = (env: Env<TimeLimitedState<number>, Float32Array, number>): Env<unknown, Observation, number> =>
    (history.history > 1 || history.previousAction ? withHistory(env, { k: history.history, previousAction: history.previousAction }) : env) as unknown as Env<unknown, Observation, number>;
  const input = history.history * observer.vectorLength + (history.previousAction ? model.nA : 0);
  const learner = createPomdpLearner(info.name, input, model.nA, options);
  const track = new EpisodeTrack(observer);
  let copies = 0;
  let session: VectorSession<unknown>;
  try {
    session = createVectorSession({
      // Copy 0 reports its episodes to the track the page watches; the others run untouched.
      makeEnv: () => stacked(copies++ === 0 ? trackEpisodes(base, track) : base),
      nEnvs: pomdpVectorAgent(learner).nEnvs,
      agent: pomdpVectorAgent(learner),
      seed: config.seed,
    });
  } catch (error) {
    learner.dispose();
    throw error;
  }
  return new Session(world, info.name, history, learner, session, track, analysis.numbers, analysis.problem, stacked(base), sessionOptions);
}

class Session implements PomdpSession {
  readonly units: readonly StepUnit[];
  private readonly memory: PomdpMemory;
  /** Each view id's noiseless observation, the rows of the policy table. */
  private readonly views: Float32Array[];
  private readonly interval: number;
  private readonly now: () => number;
  private lastLoss: number | null = null;
  private readings: { policy: number[][] | null; policyValue: number | null; action: ActionReading | null } | null = null;
  private readingsStep = -1;
  private readingsAt = -Infinity;

  constructor(
    readonly world: PomdpWorld,
    private readonly agentName: PomdpAgentName,
    private readonly history: HistoryOptions,
    readonly learner: PomdpLearner,
    private readonly session: VectorSession<unknown>,
    private readonly track: EpisodeTrack,
    private readonly numbers: MemorylessNumbers,
    private readonly problem: MemorylessProblem | null,
    /** A copy of the world for evaluation episodes (never stepped by training). */
    private readonly evaluationEnv: Env<unknown, Observation, number>,
    options: PomdpSessionOptions,
  ) {
    this.units = session.units;
    this.memory = isRecurrent(learner) ? 'recurrent' : history.history > 1 || history.previousAction ? 'history' : 'memoryless';
    this.views = world.observer.cellsOfId.map((cells) => world.observer.vector(cells[0]));
    this.interval = options.outputsEveryMs ?? 200;
    this.now = options.now ?? (() => performance.now());
  }

  get globalStep(): number {
    return this.session.globalStep;
  }

  get episode(): number {
    return this.session.episode;
  }

  /** pi(. | view) for every view id; null unless the agent acts on one view (memoryless, no stacking). */
  private policyTable(): number[][] | null {
    if (this.memory !== 'memoryless' || isRecurrent(this.learner)) return null;
    return policyRows(this.learner, this.views);
  }

  private exactValue(policy: number[][] | null): number | null {
    return policy !== null && this.problem !== null ? evaluateMemoryless(this.problem, policy).startValue : null;
  }

  step(n: number, unit: StepUnit = 'env-step'): Metrics[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`step needs a non-negative integer count, got ${n}`);
    if (unit !== 'env-step' && unit !== 'episode') throw new Error(`a POMDP session steps in 'env-step' or 'episode' units, got '${unit}'`);
    const rows: Metrics[] = [];
    // One env step at a time, so that the exact value is read right when an episode ends.
    const valued = this.memory === 'memoryless' && this.problem !== null;
    for (let done = 0; done < n; ) {
      const before = this.session.episode;
      const stepRows = this.session.step(1);
      for (const row of stepRows) {
        rows.push(row);
        this.lastLoss = row['losses/td_loss'] ?? row['losses/policy_loss'] ?? this.lastLoss;
      }
      const ended = this.session.episode - before;
      if (valued && ended > 0) {
        const value = this.exactValue(this.policyTable()) as number;
        // One row per finished episode, so the value's x axis counts episodes like the return's.
        for (let k = 0; k < ended; k++) rows.push({ global_step: this.session.globalStep, 'charts/memoryless_value': value });
      }
      done += unit === 'env-step' ? 1 : ended;
    }
    return rows;
  }

  private currentInput(): Observation[] {
    if (this.memory === 'recurrent') return this.track.observations.slice();
    return [this.session.snapshot().firstObservation];
  }

  snapshot(): PomdpSnapshot {
    const t = this.now();
    const vector = this.session.snapshot();
    if (this.readings === null || (this.session.globalStep !== this.readingsStep && t - this.readingsAt >= this.interval)) {
      const policy = this.policyTable();
      this.readings = { policy, policyValue: this.exactValue(policy), action: actionReading(this.learner, this.currentInput()) };
      this.readingsStep = this.session.globalStep;
      this.readingsAt = t;
    }
    const { observer, model } = this.world;
    const current = this.track.observations[this.track.observations.length - 1];
    return {
      kind: 'pomdp',
      world: this.world.id,
      agent: this.agentName,
      memory: this.memory,
      history: this.history.history,
      nS: model.nS,
      nA: model.nA,
      nEnvs: vector.nEnvs,
      globalStep: vector.globalStep,
      episode: vector.episode,
      state: this.track.cell,
      elapsed: this.track.elapsed,
      observation: { rows: observer.rows(current), key: observer.key(current), id: observer.id(current) },
      belief: this.track.currentBelief(),
      episodeReturn: this.track.episodeReturn,
      episodeReturns: vector.episodeReturns,
      lastLoss: this.lastLoss,
      policy: this.readings.policy?.map((row) => row.slice()) ?? null,
      policyValue: this.readings.policyValue,
      action: this.readings.action ? { kind: this.readings.action.kind, values: this.readings.action.values.slice() } : null,
      analysis: this.numbers,
    };
  }

  refresh(): void {
    this.readingsAt = -Infinity;
  }

  done(): boolean {
    return false;
  }

  query(question: unknown): PomdpAnswer {
    if (typeof question !== 'object' || question === null || Array.isArray(question)) throw new Error('pomdp question must be an object with a kind');
    const q = question as Record<string, unknown>;
    if (q.kind === 'evaluate') return this.evaluate(q);
    if (q.kind === 'advice') return this.advice(q);
    throw new Error(`pomdp question: kind must be 'evaluate' or 'advice', got ${JSON.stringify(q.kind)}`);
  }

  private evaluate(q: Record<string, unknown>): EvaluationResult {
    const episodes = q.episodes ?? 200;
    const seed = q.seed ?? 0;
    const mode = q.mode ?? 'sample';
    if (!(typeof episodes === 'number' && Number.isInteger(episodes) && episodes >= 1 && episodes <= MAX_EVALUATION_EPISODES)) {
      throw new Error(`pomdp evaluate: episodes must be an integer in 1..${MAX_EVALUATION_EPISODES}, got ${JSON.stringify(episodes)}`);
    }
    if (!(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0)) throw new Error(`pomdp evaluate: seed must be a whole number, 0 or more, got ${JSON.stringify(seed)}`);
    if (mode !== 'sample' && mode !== 'greedy') throw new Error(`pomdp evaluate: mode must be 'sample' or 'greedy', got ${JSON.stringify(mode)}`);
    return evaluatePolicy(this.learner, this.evaluationEnv, { episodes, seed, gamma: this.world.spec.gamma, mode });
  }

  /** The agent's reading after a person's episode: views o_0 .. o_t and actions a_0 .. a_{t-1}. */
  private advice(q: Record<string, unknown>): ActionReading {
    const { observer, model } = this.world;
    const { observations, actions } = q;
    if (!Array.isArray(observations) || observations.length === 0) throw new Error('pomdp advice: observations must be a non-empty list of views');
    if (!Array.isArray(actions) || actions.length !== observations.length - 1) {
      throw new Error(`pomdp advice: actions must hold one action per step taken (${observations.length - 1}), got ${Array.isArray(actions) ? actions.length : JSON.stringify(actions)}`);
    }
    const views = observations.map((view: unknown, i) => {
      if (!Array.isArray(view) || view.length !== observer.vectorLength || !view.every((v) => v === 0 || v === 1)) {
        throw new Error(`pomdp advice: observations[${i}] must be a view of ${observer.vectorLength} zeros and ones`);
      }
      return Float32Array.from(view as number[]);
    });
    actions.forEach((a: unknown, i) => {
      if (!(typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < model.nA)) throw new Error(`pomdp advice: actions[${i}] must be an action in 0..${model.nA - 1} (${ACTIONS.join(', ')}), got ${JSON.stringify(a)}`);
    });
    if (this.memory !== 'history') return actionReading(this.learner, views);
    // The stacked input the agent would see: the last k views (zeros before the start) and the last action.
    const k = this.history.history;
    const frames = Array.from({ length: k }, (_, f) => views[views.length - k + f] ?? new Float32Array(observer.vectorLength));
    const previous = this.history.previousAction && actions.length > 0 ? (actions[actions.length - 1] as number) : null;
    return actionReading(this.learner, [historyObservation(frames, previous, this.history.previousAction ? model.nA : 0)]);
  }

  backupState(): Metrics[] {
    throw new Error('a POMDP run learns from experience with a network: there is no model backup to step; step the environment instead');
  }

  saveRun(): never {
    throw new Error('not saved: POMDP runs cannot be saved to a file yet (run files hold gridworld, CartPole and arcade runs)');
  }

  dispose(): void {
    this.session.dispose();
  }
}

registerModuleSession(POMDP_MODULE, (config) => createPomdpSession(config));
