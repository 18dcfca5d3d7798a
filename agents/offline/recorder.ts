/**
 * Recording offline datasets (issue 7, section 2): episodes of a world as someone acted in it.
 *
 * - `DatasetRecorder` is fed step by step: a page while a person plays, or any loop while an
 *   agent acts. `beginEpisode()`, then `add({ observation, action, reward, state? })` once per
 *   step, then `endEpisode(terminated)`: true when the world ended the episode (fish eaten, pole
 *   fell), false when it was cut (time limit, the person stopped). `dataset()` returns the
 *   finished episodes as a `Dataset`.
 * - `recordEpisodes` runs n whole episodes of any Env with a policy function, optionally mixed
 *   with uniformly random actions (`randomRate`), and returns the dataset.
 *
 * The observation of a step is what was seen BEFORE its action, and its reward the one received
 * FOR that action (dataset-types.ts). Every observation is copied on `add`: a page or an env may
 * reuse or change its array afterwards without changing the recording.
 *
 * Randomness of `recordEpisodes`: three streams derived from `seed` alone: 'env' (resets and
 * dynamics), 'policy' (passed to the policy, for experts that sample) and 'random-action' (the
 * mixture's coin and its uniform action). The coin is drawn on every step and the expert is asked
 * on every step, even when its action is replaced, so changing `randomRate` changes which actions
 * are replaced and nothing else about the streams. Same seed, same policy, same dataset.
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Space } from '../../environments/core/spaces';
import type { Env } from '../../environments/core/types';
import type { InputSpec, Observation } from '../deep/types';
import { checkAction, checkActionCount, checkInputSpec, checkName, checkReward, checkSource, checkState, copyObservation, inputSizeOf, MAX_EPISODE_STEPS, MAX_EPISODES, MAX_TOTAL_STEPS, MAX_TOTAL_VALUES, show } from './dataset-checks';
import type { Dataset, DatasetEpisode, DatasetSource } from './dataset-types';

/** One step as it is fed to the recorder. */
export interface RecordedStep {
  /** What was seen before acting (copied). */
  readonly observation: Observation | readonly number[];
  readonly action: number;
  /** The reward received for `action`. */
  readonly reward: number;
  /** The full world state before acting as a cell index (gridworlds), for the visit heatmap. Give it on every step of an episode or on none. */
  readonly state?: number;
}

export interface RecorderOptions {
  /** The world, as an experiment names it: 'cartpole', 'arcade/breakout', or a gridworld's name. */
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly source: DatasetSource;
}

interface OpenEpisode {
  readonly observations: Observation[];
  readonly actions: number[];
  readonly rewards: number[];
  readonly states: number[];
}

function fail(message: string): never {
  throw new Error(`recorder: ${message}`);
}

export class DatasetRecorder {
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly source: DatasetSource;
  private readonly finished: DatasetEpisode[] = [];
  private open: OpenEpisode | null = null;
  private totalSteps = 0;
  /** Numbers one observation adds to a file: 1 for a one-hot state, the input's size otherwise. */
  private readonly valuesPerStep: number;

  constructor(options: RecorderOptions) {
    if (typeof options !== 'object' || options === null) fail('options must be { world, input, nActions, source }');
    this.world = checkName(options.world, 'recorder: world');
    this.input = checkInputSpec(options.input, 'recorder: input');
    this.nActions = checkActionCount(options.nActions, 'recorder: nActions');
    this.source = checkSource(options.source, 'recorder: source');
    this.valuesPerStep = this.input.kind === 'one-hot' ? 1 : inputSizeOf(this.input);
  }

  /** Starts an episode. An episode still open is an error: end or discard it first. */
  beginEpisode(): void {
    if (this.open !== null) fail(`episode ${this.finished.length} is still open: end or discard it before beginning another`);
    if (this.finished.length >= MAX_EPISODES) fail(`the dataset is full: it holds at most ${MAX_EPISODES} episodes`);
    this.open = { observations: [], actions: [], rewards: [], states: [] };
  }

  /** Adds one step to the open episode; checks it against the input and nActions first, so a bad step changes nothing. */
  add(step: RecordedStep): void {
    const open = this.open;
    if (open === null) fail('no episode is open: call beginEpisode() first');
    const where = `episode ${this.finished.length} step ${open.actions.length}`;
    if (typeof step !== 'object' || step === null) fail(`${where} must be { observation, action, reward, state? }`);
    // The file's limits (dataset-file.ts), so that whatever is recorded can be saved.
    if (open.actions.length >= MAX_EPISODE_STEPS) fail(`${where}: an episode holds at most ${MAX_EPISODE_STEPS} steps`);
    const steps = this.totalSteps + open.actions.length + 1;
    if (steps > MAX_TOTAL_STEPS || steps * this.valuesPerStep > MAX_TOTAL_VALUES) {
      fail(`${where}: the dataset is full (at most ${MAX_TOTAL_STEPS} steps and ${MAX_TOTAL_VALUES} observation numbers); end the episode and save it`);
    }
    const observation = prefixed(() => copyObservation(step.observation, this.input, `${where} observation`));
    const action = prefixed(() => checkAction(step.action, this.nActions, `${where} action`));
    const reward = prefixed(() => checkReward(step.reward, `${where} reward`));
    const hasState = step.state !== undefined;
    if (open.actions.length > 0 && hasState !== open.states.length > 0) {
      fail(`${where} ${hasState ? 'has' : 'has no'} state, but the steps before it ${hasState ? 'had none' : 'had one'}: give a state on every step of an episode or on none`);
    }
    const state = hasState ? prefixed(() => checkState(step.state, `${where} state`)) : null;
    open.observations.push(observation);
    open.actions.push(action);
    open.rewards.push(reward);
    if (state !== null) open.states.push(state);
  }

  /**
   * Ends the open episode: `terminated` true when the world ended it, false when it was cut.
   * An episode without steps is dropped (there is nothing in it to learn from); returns whether it was kept.
   */
  endEpisode(terminated: boolean): boolean {
    const open = this.open;
    if (open === null) fail('no episode is open to end');
    if (typeof terminated !== 'boolean') fail(`endEpisode needs terminated true or false, got ${show(terminated)}`);
    this.open = null;
    if (open.actions.length === 0) return false;
    const episode: DatasetEpisode = {
      observations: open.observations,
      actions: open.actions,
      rewards: open.rewards,
      terminated,
      ...(open.states.length > 0 ? { states: open.states } : {}),
    };
    this.finished.push(episode);
    this.totalSteps += open.actions.length;
    return true;
  }

  /** Drops the open episode, if any (a person pressed reset mid-episode and does not want it kept). */
  discardEpisode(): void {
    this.open = null;
  }

  /** Whether an episode is open. */
  get recording(): boolean {
    return this.open !== null;
  }

  /** Steps in the open episode (0 when none is open). */
  get openSteps(): number {
    return this.open?.actions.length ?? 0;
  }

  get episodeCount(): number {
    return this.finished.length;
  }

  /** Steps in the finished episodes. */
  get stepCount(): number {
    return this.totalSteps;
  }

  /** The finished episodes as a dataset (the open one, if any, is left out). Fresh arrays: recording on changes nothing in it. */
  dataset(): Dataset {
    return {
      world: this.world,
      input: this.input,
      nActions: this.nActions,
      source: this.source,
      episodes: this.finished.map((e) => ({
        observations: e.observations.map((o) => (typeof o === 'number' ? o : o.slice())),
        actions: [...e.actions],
        rewards: [...e.rewards],
        terminated: e.terminated,
        ...(e.states ? { states: [...e.states] } : {}),
      })),
    };
  }
}

/** Runs a check whose message names the step; puts the recorder's prefix in front. */
function prefixed<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** The input spec a learner reads an env's observations with: discrete(n) -> one-hot, box [n] -> vector, box [h, w, c] -> planes. */
export function inputSpecOfSpace(space: Space): InputSpec {
  if (space.kind === 'discrete') return { kind: 'one-hot', size: space.n };
  if (space.shape.length === 1) return { kind: 'vector', size: space.shape[0] };
  if (space.shape.length === 3) return { kind: 'planes', height: space.shape[0], width: space.shape[1], channels: space.shape[2] };
  throw new Error(`recorder: no input kind reads a box of shape [${space.shape.join(', ')}]; expected [n] or [height, width, channels]`);
}

/** A gridworld's cell from its env state: the state itself, or the inner state of a time-limited one. */
export function gridCellOf(state: unknown): number {
  if (typeof state === 'number') return state;
  const inner = (state as { inner?: unknown } | null)?.inner;
  if (typeof inner === 'number') return inner;
  throw new Error(`recorder: a gridworld state is a cell index or {inner: cell, elapsed}, got ${show(state)}`);
}

/** The policy being recorded: the action for an observation; `rng` is its own stream, for policies that sample. */
export type RecordPolicy = (observation: Observation, rng: Rng) => number;

export interface RecordEpisodesOptions<S> {
  readonly env: Env<S, Observation, number>;
  /** The world's name in the dataset: 'cartpole', 'arcade/breakout', or a gridworld's name. */
  readonly world: string;
  readonly policy: RecordPolicy;
  /** The policy's name in the dataset's source ('value-iteration', 'dqn', ...). */
  readonly agent: string;
  readonly episodes: number;
  /** The master seed: the env, the policy and the random actions draw from streams derived from it. */
  readonly seed: number;
  /** Probability of replacing the policy's action with a uniformly random one (default 0: the policy alone). */
  readonly randomRate?: number;
  /** How the observations are read (default: from the env's observation space, inputSpecOfSpace). */
  readonly input?: InputSpec;
  /** A cell index from an env state, to record `states` (gridworlds: gridCellOf); none by default. */
  readonly stateIndex?: (state: S) => number;
  /** Steps after which an episode is cut when the env has no time limit of its own (default 10,000). */
  readonly maxSteps?: number;
}

/**
 * Records `episodes` whole episodes of `env` acted in by `policy` (mixed with uniformly random
 * actions at `randomRate`). The source is {kind: 'agent'} without random actions and
 * {kind: 'mixture'} with them. An episode ends when the env terminates or truncates, or is cut
 * after `maxSteps` (then not terminated).
 */
export function recordEpisodes<S>(options: RecordEpisodesOptions<S>): Dataset {
  const { env, policy, stateIndex } = options;
  const randomRate = options.randomRate ?? 0;
  const maxSteps = options.maxSteps ?? 10_000;
  if (!(Number.isInteger(options.episodes) && options.episodes >= 0)) fail(`episodes must be a whole number, got ${show(options.episodes)}`);
  if (typeof options.seed !== 'number' || !Number.isFinite(options.seed)) fail(`seed must be a finite number, got ${show(options.seed)}`);
  if (typeof randomRate !== 'number' || !(randomRate >= 0 && randomRate <= 1)) fail(`randomRate must be a number from 0 to 1, got ${show(randomRate)}`);
  if (!(Number.isInteger(maxSteps) && maxSteps >= 1 && maxSteps <= MAX_EPISODE_STEPS)) fail(`maxSteps must be an integer from 1 to ${MAX_EPISODE_STEPS}, got ${show(maxSteps)}`);
  if (typeof policy !== 'function') fail('policy must be a function from an observation to an action');
  if (env.actionSpace.kind !== 'discrete') fail(`the env's actions must be discrete, got a box of shape [${env.actionSpace.shape.join(', ')}]`);
  const nActions = env.actionSpace.n;
  const source: DatasetSource = randomRate > 0 ? { kind: 'mixture', agent: options.agent, randomRate } : { kind: 'agent', agent: options.agent };
  const recorder = new DatasetRecorder({ world: options.world, input: options.input ?? inputSpecOfSpace(env.observationSpace), nActions, source });

  const envRng = deriveRng(options.seed, 'env');
  const policyRng = deriveRng(options.seed, 'policy');
  const randomRng = deriveRng(options.seed, 'random-action');
  for (let episode = 0; episode < options.episodes; episode++) {
    let { state, obs } = env.reset(envRng);
    recorder.beginEpisode();
    let terminated = false;
    for (let t = 0; t < maxSteps; t++) {
      // Checked before the env sees it, so a wrong policy gets the recorder's message, not the env's.
      const expert = prefixed(() => checkAction(policy(obs, policyRng), nActions, `episode ${episode} step ${t} policy action`));
      // NOTE: the coin is drawn on every step, so the stream stays aligned whatever the rate.
      const action = randomRng.next() < randomRate ? randomRng.int(nActions) : expert;
      const result = env.step(state, action, envRng);
      recorder.add({ observation: obs, action, reward: result.reward, ...(stateIndex ? { state: stateIndex(state) } : {}) });
      state = result.state;
      obs = result.obs;
      if (result.terminated || result.truncated) {
        terminated = result.terminated;
        break;
      }
    }
    recorder.endEpisode(terminated);
  }
  return recorder.dataset();
}
