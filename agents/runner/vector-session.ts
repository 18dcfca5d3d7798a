/**
 * A vector session: nEnvs copies of one world stepped in lockstep by one batched agent, as a
 * Trainable (A2C's synchronous batches, PPO's parallel rollouts; nEnvs 1 is the plain
 * single-world case).
 *
 * One 'env-step' unit steps every copy once: the agent picks all nEnvs actions in one call
 * (one forward pass), each copy steps, the agent observes the nEnvs transitions together and
 * may then update. A copy whose episode ends is reset at once with its own stream; the
 * transition it hands over still carries the true final observation as `nextObs`, so agents can
 * bootstrap through truncation.
 *
 * Randomness: copy i's world uses deriveRng(seed, `env/${i}`), so adding copies leaves the
 * earlier copies' worlds unchanged; the agent's action draws use the 'explore' stream and its
 * learning (minibatch shuffles) the 'replay' stream, as in the learner session.
 */
import { deriveRng, restoreRng, type Rng } from '../../environments/core/rng';
import { checkRngState, type VectorProgress } from './run-file';
import type { Env, Metrics, Transition } from '../../environments/core/types';
import type { ActMode, AgentFile } from '../core/agent';
import type { Observation } from '../deep/types';
import type { StepUnit, Trainable } from './trainable';

/** What the vector session needs of an agent: batched acting and observing. */
export interface VectorAgent {
  readonly name: string;
  /** The number of copies the agent was configured for (its rollout buffer is laid out for them). */
  readonly nEnvs: number;
  /** One action per copy, from one batched forward pass. */
  actBatch(obs: readonly Observation[], rng: Rng, mode: ActMode): number[];
  /** The nEnvs transitions of one step, copy i's at index i. The agent may keep them. */
  observeBatch(transitions: readonly Transition<Observation, number>[], rng: Rng): void;
  /** A learning step; null when nothing was learned (the rollout is not full yet). */
  update(rng: Rng): Metrics | null;
  dispose(): void;
  save(): AgentFile;
}

export interface VectorSessionOptions<S> {
  /** Makes one copy of the world, with its time limit (only the time limit truncates). */
  readonly makeEnv: () => Env<S, Observation, number>;
  readonly nEnvs: number;
  readonly agent: VectorAgent;
  /** Master seed of the run. */
  readonly seed: number | string;
  /** Episode returns kept for the snapshot (default 100). */
  readonly returnsWindow?: number;
  /**
   * Continue a saved run (run-file.ts): counters, each copy's state and episode so far, and the
   * Rng streams instead of fresh resets. `checkState` says whether a saved state fits a copy
   * (null: yes; else what is wrong). The agent should be the one saved with it.
   */
  readonly resume?: VectorProgress;
  readonly checkState?: (state: unknown) => string | null;
}

export interface VectorSnapshot<S> {
  readonly kind: 'vector';
  readonly agent: string;
  readonly nEnvs: number;
  /** Transitions taken in all (nEnvs per 'env-step' unit), as CleanRL's global_step. */
  readonly globalStep: number;
  /** Episodes finished, over all copies. */
  readonly episode: number;
  /** Each copy's current state (plain data, for the renderer). */
  readonly states: readonly S[];
  /** Returns of the most recent episodes, oldest first. */
  readonly episodeReturns: number[];
  /** The first copy's current observation (a copy) and its return so far in the episode. */
  readonly firstObservation: Observation;
  readonly firstReturn: number;
}

export interface VectorSession<S> extends Trainable<VectorSnapshot<S>> {
  readonly units: readonly StepUnit[];
  readonly agent: VectorAgent;
  readonly globalStep: number;
  readonly episode: number;
  step(n: number, unit?: StepUnit): Metrics[];
  snapshot(): VectorSnapshot<S>;
  /** What a run file needs to continue this run exactly (plain data). */
  progress(): VectorProgress;
  dispose(): void;
}

/** A single episode longer than this is a missing time limit. */
const MAX_EPISODE_STEPS = 10_000_000;

export function createVectorSession<S>(options: VectorSessionOptions<S>): VectorSession<S> {
  return new Session(options);
}

class Session<S> implements VectorSession<S> {
  readonly units: readonly StepUnit[] = ['env-step', 'episode'];
  readonly agent: VectorAgent;
  globalStep = 0;
  episode = 0;
  private readonly envs: Env<S, Observation, number>[];
  private envRngs: Rng[];
  private exploreRng: Rng;
  private replayRng: Rng;
  private readonly states: S[] = [];
  private readonly obs: Observation[] = [];
  private readonly episodeReturn: Float64Array;
  private readonly episodeLength: Float64Array;
  private readonly returns: Float64Array;
  private returnsSeen = 0;

  constructor(options: VectorSessionOptions<S>) {
    const { nEnvs, agent } = options;
    if (!(Number.isInteger(nEnvs) && nEnvs >= 1)) throw new Error(`vector session: nEnvs must be a positive integer, got ${nEnvs}`);
    if (agent.nEnvs !== nEnvs) throw new Error(`vector session: ${agent.name} was configured for nEnvs ${agent.nEnvs}, but the session has ${nEnvs}`);
    const window = options.returnsWindow ?? 100;
    if (!(Number.isInteger(window) && window >= 1)) throw new Error(`vector session: returnsWindow must be a positive integer, got ${window}`);
    this.agent = agent;
    this.envs = Array.from({ length: nEnvs }, () => options.makeEnv());
    const first = this.envs[0];
    if (first.actionSpace.kind !== 'discrete') throw new Error(`vector session: ${first.id} needs a discrete action space`);
    this.envRngs = this.envs.map((_, i) => deriveRng(options.seed, `env/${i}`));
    this.exploreRng = deriveRng(options.seed, 'explore');
    this.replayRng = deriveRng(options.seed, 'replay');
    this.episodeReturn = new Float64Array(nEnvs);
    this.episodeLength = new Float64Array(nEnvs);
    this.returns = new Float64Array(window);
    if (options.resume) {
      this.resume(options.resume, options.checkState);
      return;
    }
    this.envs.forEach((env, i) => {
      const start = env.reset(this.envRngs[i]);
      this.states.push(start.state);
      this.obs.push(start.obs);
    });
  }

  private resume(progress: VectorProgress, checkState: ((state: unknown) => string | null) | undefined): void {
    const where = 'run file: progress';
    const n = this.envs.length;
    if (progress.rng.envs.length !== n || progress.states.length !== n || progress.obs.length !== n) {
      throw new Error(`${where}: saved with ${progress.states.length} copies of the world, but ${this.agent.name} runs ${n}`);
    }
    progress.states.forEach((state, i) => {
      const problem = checkState?.(state) ?? null;
      if (problem !== null) throw new Error(`${where}.states[${i}]: ${problem}`);
    });
    this.envRngs = progress.rng.envs.map((r, i) => restoreRng(checkRngState(r, `${where}.rng.envs[${i}]`)));
    this.exploreRng = restoreRng(checkRngState(progress.rng.explore, `${where}.rng.explore`));
    this.replayRng = restoreRng(checkRngState(progress.rng.replay, `${where}.rng.replay`));
    this.globalStep = progress.globalStep;
    this.episode = progress.episode;
    for (let i = 0; i < n; i++) {
      this.states.push(structuredClone(progress.states[i]) as S);
      const o = progress.obs[i];
      this.obs.push(typeof o === 'number' ? o : Float32Array.from(o));
      this.episodeReturn[i] = progress.episodeReturn[i];
      this.episodeLength[i] = progress.episodeLength[i];
    }
  }

  progress(): VectorProgress {
    return {
      kind: 'vector',
      globalStep: this.globalStep,
      episode: this.episode,
      states: this.states.map((s) => structuredClone(s)),
      obs: this.obs.map((o) => (typeof o === 'number' ? o : Array.from(o))),
      episodeReturn: Array.from(this.episodeReturn),
      episodeLength: Array.from(this.episodeLength),
      rng: { envs: this.envRngs.map((r) => r.state()), explore: this.exploreRng.state(), replay: this.replayRng.state() },
    };
  }

  /** Steps every copy once; pushes a row per finished episode and one per update. Returns episodes ended. */
  private stepAll(rows: Metrics[]): number {
    const { envs, agent } = this;
    const actions = agent.actBatch(this.obs, this.exploreRng, 'explore');
    const transitions: Transition<Observation, number>[] = [];
    let ended = 0;
    for (let i = 0; i < envs.length; i++) {
      const result = envs[i].step(this.states[i], actions[i], this.envRngs[i]);
      transitions.push({
        obs: this.obs[i],
        action: actions[i],
        reward: result.reward,
        nextObs: result.obs, // NOTE: the true next observation, also when the copy is reset below
        terminated: result.terminated,
        truncated: result.truncated,
      });
      this.globalStep++;
      this.episodeReturn[i] += result.reward;
      this.episodeLength[i]++;
      if (result.terminated || result.truncated) {
        this.episode++;
        ended++;
        this.returns[this.returnsSeen % this.returns.length] = this.episodeReturn[i];
        this.returnsSeen++;
        rows.push({ global_step: this.globalStep, 'charts/episodic_return': this.episodeReturn[i], 'charts/episode_length': this.episodeLength[i] });
        this.episodeReturn[i] = 0;
        this.episodeLength[i] = 0;
        const start = envs[i].reset(this.envRngs[i]);
        this.states[i] = start.state;
        this.obs[i] = start.obs;
      } else {
        if (this.episodeLength[i] >= MAX_EPISODE_STEPS) {
          throw new Error(`vector session: an episode of ${envs[i].id} ran ${MAX_EPISODE_STEPS} steps without ending; wrap the env with withTimeLimit`);
        }
        this.states[i] = result.state;
        this.obs[i] = result.obs;
      }
    }
    agent.observeBatch(transitions, this.replayRng);
    const learned = agent.update(this.replayRng);
    if (learned !== null) rows.push({ global_step: this.globalStep, ...learned });
    return ended;
  }

  step(n: number, unit: StepUnit = 'env-step'): Metrics[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`step needs a non-negative integer count, got ${n}`);
    const rows: Metrics[] = [];
    if (unit === 'env-step') {
      for (let k = 0; k < n; k++) this.stepAll(rows);
    } else if (unit === 'episode') {
      for (let ended = 0; ended < n; ) ended += this.stepAll(rows);
    } else {
      throw new Error(`a vector session steps in 'env-step' or 'episode' units, got '${unit}'`);
    }
    return rows;
  }

  done(): boolean {
    return false;
  }

  snapshot(): VectorSnapshot<S> {
    const held = Math.min(this.returnsSeen, this.returns.length);
    const episodeReturns: number[] = [];
    for (let k = this.returnsSeen - held; k < this.returnsSeen; k++) episodeReturns.push(this.returns[k % this.returns.length]);
    return {
      kind: 'vector',
      agent: this.agent.name,
      nEnvs: this.envs.length,
      globalStep: this.globalStep,
      episode: this.episode,
      states: this.states.slice(),
      episodeReturns,
      firstObservation: typeof this.obs[0] === 'number' ? this.obs[0] : this.obs[0].slice(),
      firstReturn: this.episodeReturn[0],
    };
  }

  dispose(): void {
    this.agent.dispose();
  }
}
