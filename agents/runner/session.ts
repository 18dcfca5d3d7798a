/**
 * A learner session: one time-limited tabular env (a gridworld) and one tabular learner, as a
 * Trainable the worker, the CLI and the tests step in 'env-step' or 'episode' units.
 *
 * Randomness: `deriveStreams(seed)`: the env stream drives the world (reset and slips), the
 * explore stream drives `act` and exploring starts, the replay stream goes to `observe` and
 * `update` (SARSA's next action, double Q-learning's coin). Changing the agent leaves the
 * world's random numbers unchanged.
 *
 * Speed: the env-step path allocates nothing beyond what `env.step` returns. The transition
 * handed to `observe` is one reused object (agents copy what they keep), visits and the trail
 * go into typed arrays, and snapshots are built only when asked for. Metrics rows are made at
 * episode ends only.
 */
import { deriveStreams, restoreRng, type Rng } from '../../environments/core/rng';
import { checkRngState, type LearnerProgress } from './run-file';
import type { Env, Metrics, TabularModel } from '../../environments/core/types';
import type { UpdateExplanation } from '../core/agent';
import type { TabularLearner } from '../tabular/learner';
import type { StepUnit, Trainable } from './trainable';
import { TrailRing, type TrailStep } from './trail';

/** What the session needs of an env: integer states and actions; a model and `resetAt` for exploring starts. */
export interface LearnerEnv<S> extends Env<S, number, number> {
  /** The exact model: used for the exploring-start states (non-terminal states reachable from a start). */
  readonly model?: TabularModel & { readonly starts?: readonly number[] };
  /** Start an episode in a chosen cell (gridworlds: with a fresh time-limit clock). */
  resetAt?(cell: number): { state: S; obs: number };
}

export interface LearnerSessionOptions<S> {
  /** The world, with its time limit (makeGridworld): only the time limit truncates. */
  readonly env: LearnerEnv<S>;
  readonly agent: TabularLearner;
  /** Master seed of the run. */
  readonly seed: number | string;
  /** Record the episode trail for the UI (default true). Off: a little faster. */
  readonly recordTrail?: boolean;
  /** Steps of the current episode kept for the trail (default 512); longer episodes keep their latest steps. */
  readonly trailCapacity?: number;
  /** Episode returns kept for `episodeReturns` (default 100). */
  readonly returnsWindow?: number;
  /** Which policy `snapshot().policy` shows: the agent's exploring policy (default) or its greedy one. */
  readonly snapshotPolicy?: 'explore' | 'greedy';
  /**
   * Continue a saved run (run-file.ts): counters, the episode under way and the Rng streams
   * instead of a fresh start. The agent should be the one saved with it.
   */
  readonly resume?: LearnerProgress;
}

export interface LearnerSnapshot {
  readonly kind: 'learner';
  readonly agent: string;
  readonly nS: number;
  readonly nA: number;
  /** Env steps taken in all. */
  readonly globalStep: number;
  /** Episodes finished. */
  readonly episode: number;
  /** The penguin's cell now (the observation). */
  readonly state: number;
  /** Steps taken in the current episode. */
  readonly episodeStep: number;
  /** q[s * nA + a]. */
  readonly q: number[];
  /** max_a q(s, a). */
  readonly values: number[];
  /** pi(a|s) [s * nA + a]: the exploring policy, or the greedy one (ties shared) per `snapshotPolicy`. */
  readonly policy: number[];
  /** Times the penguin has been in each cell (starts and arrivals). */
  readonly visits: number[];
  /** The current episode's steps so far (its latest `trailCapacity` steps). */
  readonly trail: TrailStep[];
  /** The previous episode's steps, for showing a whole episode after it ends. */
  readonly lastEpisodeTrail: TrailStep[];
  readonly lastExplanation: UpdateExplanation | null;
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  readonly epsilon: number | null;
  readonly temperature: number | null;
}

export interface LearnerSession extends Trainable<LearnerSnapshot> {
  readonly units: readonly StepUnit[];
  readonly agent: TabularLearner;
  readonly globalStep: number;
  readonly episode: number;
  /** Env steps (default) or whole episodes. */
  step(n: number, unit?: StepUnit): Metrics[];
  snapshot(): LearnerSnapshot;
  /** What a run file needs to continue this run exactly (plain data). */
  progress(): LearnerProgress;
  dispose(): void;
}

/** A transition object the session rewrites every step (agents must copy what they keep). */
interface ReusedTransition {
  obs: number;
  action: number;
  reward: number;
  nextObs: number;
  terminated: boolean;
  truncated: boolean;
}

/** A single episode longer than this under 'episode' stepping is a missing time limit. */
const MAX_EPISODE_STEPS = 10_000_000;

/** Non-terminal states reachable from the starts (all non-terminal states when starts are unknown). */
export function exploringStartStates(model: TabularModel & { readonly starts?: readonly number[] }): number[] {
  const reachable = new Uint8Array(model.nS);
  const starts = model.starts ?? Array.from({ length: model.nS }, (_, s) => s);
  const queue = starts.filter((s) => !model.terminal(s));
  for (const s of queue) reachable[s] = 1;
  while (queue.length > 0) {
    const s = queue.pop() as number;
    for (let a = 0; a < model.nA; a++) {
      for (const { next, prob } of model.P(s, a)) {
        if (prob > 0 && reachable[next] === 0 && !model.terminal(next)) {
          reachable[next] = 1;
          queue.push(next);
        }
      }
    }
  }
  const states: number[] = [];
  for (let s = 0; s < model.nS; s++) if (reachable[s] === 1) states.push(s);
  return states;
}

export function createLearnerSession<S>(options: LearnerSessionOptions<S>): LearnerSession {
  return new Session(options);
}

class Session<S> implements LearnerSession {
  readonly units: readonly StepUnit[] = ['env-step', 'episode'];
  readonly agent: TabularLearner;
  globalStep = 0;
  episode = 0;
  private readonly env: LearnerEnv<S>;
  private envRng: Rng;
  private exploreRng: Rng;
  private replayRng: Rng;
  private readonly recordTrail: boolean;
  private readonly snapshotPolicy: 'explore' | 'greedy';
  private readonly visits: Float64Array;
  private trail: TrailRing;
  private previousTrail: TrailRing;
  private readonly returns: Float64Array;
  private returnsSeen = 0;
  private readonly transition: ReusedTransition = { obs: 0, action: 0, reward: 0, nextObs: 0, terminated: false, truncated: false };
  /** Exploring starts: the states an episode may start in, and the forced first action (-1: none). */
  private readonly startStates: readonly number[] | null;
  private forcedAction = -1;
  private state!: S;
  private obs = 0;
  private episodeReturn = 0;
  private episodeLength = 0;

  constructor(options: LearnerSessionOptions<S>) {
    const { env, agent } = options;
    this.env = env;
    this.agent = agent;
    if (env.observationSpace.kind !== 'discrete' || env.actionSpace.kind !== 'discrete') {
      throw new Error(`learner session: ${env.id} needs discrete observations and actions`);
    }
    if (env.observationSpace.n !== agent.nS || env.actionSpace.n !== agent.nA) {
      throw new Error(
        `learner session: ${agent.name} was made for nS ${agent.nS} x nA ${agent.nA}, but ${env.id} has ${env.observationSpace.n} states and ${env.actionSpace.n} actions`,
      );
    }
    const streams = deriveStreams(options.seed);
    this.envRng = streams.env;
    this.exploreRng = streams.explore;
    this.replayRng = streams.replay;
    this.recordTrail = options.recordTrail ?? true;
    this.snapshotPolicy = options.snapshotPolicy ?? 'explore';
    const capacity = options.trailCapacity ?? 512;
    this.trail = new TrailRing(capacity);
    this.previousTrail = new TrailRing(capacity);
    const window = options.returnsWindow ?? 100;
    if (!(Number.isInteger(window) && window >= 1)) throw new Error(`learner session: returnsWindow must be a positive integer, got ${window}`);
    this.returns = new Float64Array(window);
    this.visits = new Float64Array(agent.nS);
    if (agent.wantsExploringStart?.() === true) {
      if (env.model === undefined || env.resetAt === undefined) {
        throw new Error(`learner session: ${agent.name} asks for exploring starts, but ${env.id} has no model and resetAt`);
      }
      this.startStates = exploringStartStates(env.model);
      if (this.startStates.length === 0) throw new Error(`learner session: ${env.id} has no non-terminal state to start in`);
    } else {
      this.startStates = null;
    }
    if (options.resume) this.resume(options.resume);
    else this.beginEpisode();
  }

  private resume(progress: LearnerProgress): void {
    const where = 'run file: progress';
    const state = progress.state as { inner?: unknown; elapsed?: unknown } | null;
    const nS = this.agent.nS;
    if (typeof state !== 'object' || state === null || !Number.isInteger(state.inner) || (state.inner as number) < 0 || (state.inner as number) >= nS) {
      throw new Error(`${where}.state must be {inner, elapsed} with inner a cell of this world (0 to ${nS - 1})`);
    }
    if (!(Number.isInteger(state.elapsed) && (state.elapsed as number) >= 0)) throw new Error(`${where}.state.elapsed must be a whole number, 0 or more`);
    if (!(Number.isInteger(progress.obs) && progress.obs >= 0 && progress.obs < nS)) throw new Error(`${where}.obs must be a cell of this world (0 to ${nS - 1})`);
    if (progress.forcedAction >= this.agent.nA) throw new Error(`${where}.forcedAction must be below ${this.agent.nA}`);
    this.envRng = restoreRng(checkRngState(progress.rng.env, `${where}.rng.env`));
    this.exploreRng = restoreRng(checkRngState(progress.rng.explore, `${where}.rng.explore`));
    this.replayRng = restoreRng(checkRngState(progress.rng.replay, `${where}.rng.replay`));
    this.globalStep = progress.globalStep;
    this.episode = progress.episode;
    this.state = { inner: state.inner, elapsed: state.elapsed } as S;
    this.obs = progress.obs;
    this.episodeReturn = progress.episodeReturn;
    this.episodeLength = progress.episodeLength;
    this.forcedAction = progress.forcedAction;
    this.visits[this.obs]++;
  }

  progress(): LearnerProgress {
    return {
      kind: 'learner',
      globalStep: this.globalStep,
      episode: this.episode,
      state: structuredClone(this.state),
      obs: this.obs,
      episodeReturn: this.episodeReturn,
      episodeLength: this.episodeLength,
      forcedAction: this.forcedAction,
      rng: { env: this.envRng.state(), explore: this.exploreRng.state(), replay: this.replayRng.state() },
    };
  }

  private beginEpisode(): void {
    let start: { state: S; obs: number };
    if (this.startStates !== null && this.env.resetAt !== undefined) {
      // Exploring starts (section 19.3.2): every state-action pair has a chance to begin an episode.
      start = this.env.resetAt(this.startStates[this.exploreRng.int(this.startStates.length)]);
      this.forcedAction = this.exploreRng.int(this.agent.nA);
    } else {
      start = this.env.reset(this.envRng);
    }
    this.agent.reset?.();
    this.state = start.state;
    this.obs = start.obs;
    this.visits[start.obs]++;
    this.episodeReturn = 0;
    this.episodeLength = 0;
    // Keep the finished episode's trail for the UI; reuse the older ring for the new one.
    const finished = this.trail;
    this.trail = this.previousTrail;
    this.previousTrail = finished;
    this.trail.clear();
  }

  private endEpisode(rows: Metrics[]): void {
    this.episode++;
    this.returns[this.returnsSeen % this.returns.length] = this.episodeReturn;
    this.returnsSeen++;
    const row: Metrics = {
      global_step: this.globalStep,
      'charts/episodic_return': this.episodeReturn,
      'charts/episode_length': this.episodeLength,
    };
    const epsilon = this.agent.currentEpsilon();
    if (epsilon !== null) row['charts/epsilon'] = epsilon;
    const temperature = this.agent.currentTemperature();
    if (temperature !== null) row['charts/temperature'] = temperature;
    rows.push(row);
    this.beginEpisode();
  }

  /** Runs env steps until `maxSteps` steps or `maxEpisodes` episode ends, whichever comes first. */
  private run(maxSteps: number, maxEpisodes: number, rows: Metrics[]): void {
    const { env, agent, transition, visits } = this;
    let episodesEnded = 0;
    for (let i = 0; i < maxSteps && episodesEnded < maxEpisodes; i++) {
      const obs = this.obs;
      let action: number;
      if (this.forcedAction >= 0) {
        action = this.forcedAction; // exploring start: the first action is random too
        this.forcedAction = -1;
      } else {
        action = agent.act(obs, this.exploreRng, 'explore');
      }
      const result = env.step(this.state, action, this.envRng);
      transition.obs = obs;
      transition.action = action;
      transition.reward = result.reward;
      transition.nextObs = result.obs;
      transition.terminated = result.terminated;
      transition.truncated = result.truncated;
      agent.observe(transition, this.replayRng);
      const learned = agent.update(this.replayRng);
      if (learned !== null) rows.push({ global_step: this.globalStep, ...learned });
      this.globalStep++;
      this.episodeLength++;
      this.episodeReturn += result.reward;
      visits[result.obs]++;
      if (this.recordTrail) {
        const info = result.info;
        this.trail.push(obs, result.obs, action, info !== undefined && info.actual !== undefined ? info.actual : -1, result.reward);
      }
      this.state = result.state;
      this.obs = result.obs;
      if (result.terminated || result.truncated) {
        this.endEpisode(rows);
        episodesEnded++;
      } else if (this.episodeLength >= MAX_EPISODE_STEPS) {
        throw new Error(`learner session: an episode of ${env.id} ran ${MAX_EPISODE_STEPS} steps without ending; wrap the env with withTimeLimit`);
      }
    }
  }

  step(n: number, unit: StepUnit = 'env-step'): Metrics[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`step needs a non-negative integer count, got ${n}`);
    const rows: Metrics[] = [];
    if (unit === 'env-step') this.run(n, Infinity, rows);
    else if (unit === 'episode') this.run(Infinity, n, rows);
    else throw new Error(`a learner session steps in 'env-step' or 'episode' units, got '${unit}'`);
    return rows;
  }

  done(): boolean {
    return false;
  }

  snapshot(): LearnerSnapshot {
    const { agent } = this;
    const { nS, nA } = agent;
    const values: number[] = [];
    for (let s = 0; s < nS; s++) {
      let best = -Infinity;
      for (let a = 0; a < nA; a++) best = Math.max(best, agent.q[s * nA + a]);
      values.push(best);
    }
    const held = Math.min(this.returnsSeen, this.returns.length);
    const episodeReturns: number[] = [];
    for (let k = this.returnsSeen - held; k < this.returnsSeen; k++) episodeReturns.push(this.returns[k % this.returns.length]);
    return {
      kind: 'learner',
      agent: agent.name,
      nS,
      nA,
      globalStep: this.globalStep,
      episode: this.episode,
      state: this.obs,
      episodeStep: this.episodeLength,
      q: Array.from(agent.q),
      values,
      policy: Array.from(agent.policyTable(this.snapshotPolicy)),
      visits: Array.from(this.visits),
      trail: this.trail.toArray(),
      lastEpisodeTrail: this.previousTrail.toArray(),
      lastExplanation: agent.explain?.() ?? null,
      episodeReturns,
      epsilon: agent.currentEpsilon(),
      temperature: agent.currentTemperature(),
    };
  }

  dispose(): void {
    this.agent.dispose();
  }
}
