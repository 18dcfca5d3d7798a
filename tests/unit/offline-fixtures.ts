/**
 * Offline datasets for the tests (issue 7): episodes recorded by running an Env with a policy,
 * in the `Dataset` shape of agents/offline/dataset-types.ts. Built here rather than with the
 * recorder so the decision-transformer tests do not depend on it; the lead's DT-vs-BC
 * comparison reuses `mixedQualityGridDataset`.
 *
 * The mixed-quality world (`ICE_RUN_SPEC`): the book's 4x4 penguin layout with moves that never
 * slip, rewards paid on arriving, -0.2 for every step, -2 for landing in a hole (holes do not
 * end the episode) and +3 for the fish, which does; 20 steps at most. The expert (greedy on
 * value iteration's q) reaches the fish in 6 steps for a return of 1.8. Random actions cost
 * steps and land in holes, so an expert diluted by different random-action rates gives returns
 * spread from -26 to 1.8 (median 0.6): the spread a return-conditioned policy needs to show that the
 * return it is asked for changes what it does.
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import { requireWorld } from '../../environments/core/registry';
import '../../environments/arcade/register';
import { buildModel, GRIDWORLD_SPEC_VERSION, makeGridworld, DEFAULT_LEGEND, type GridworldSpec } from '../../environments/gridworld';
import { ValueIteration } from '../../agents/tabular/value-iteration';
import { argmaxRow } from '../../agents/deep/categorical';
import type { Observation } from '../../agents/deep/types';
import type { Dataset, DatasetEpisode } from '../../agents/offline/dataset-types';

export const ICE_RUN_SPEC: GridworldSpec = {
  version: GRIDWORLD_SPEC_VERSION,
  name: 'Ice run (deterministic)',
  map: ['S...', '....', '.HH.', '..HF'],
  legend: DEFAULT_LEGEND,
  rewardTiming: 'arrive',
  stepReward: -0.2,
  slip: { model: 'deterministic', probability: 1 },
  mode: 'mdp',
  gamma: 0.99,
  maxSteps: 20,
};

/** A policy as the recorder calls it: the observation, the env state, and an rng for its own draws. */
export type RecordingPolicy<S> = (observation: Observation, state: S, rng: Rng) => number;

/**
 * Runs one episode of `env` with `policy` until it terminates, is truncated or `maxSteps`
 * actions have been taken; records what was seen before each action. `cells` maps an env
 * state to its gridworld cell for the `states` field (gridworlds only).
 */
export function recordEpisode<S>(
  env: Env<S, Observation, number>,
  policy: RecordingPolicy<S>,
  envRng: Rng,
  policyRng: Rng,
  maxSteps = Infinity,
  cells?: (state: S) => number,
): DatasetEpisode {
  let { state, obs } = env.reset(envRng);
  const observations: Observation[] = [];
  const actions: number[] = [];
  const rewards: number[] = [];
  const states: number[] = [];
  let terminated = false;
  while (actions.length < maxSteps) {
    const action = policy(obs, state, policyRng);
    observations.push(obs);
    actions.push(action);
    if (cells) states.push(cells(state));
    const result = env.step(state, action, envRng);
    rewards.push(result.reward);
    if (result.terminated || result.truncated) {
      terminated = result.terminated;
      break;
    }
    ({ state, obs } = result);
  }
  return cells ? { observations, actions, rewards, terminated, states } : { observations, actions, rewards, terminated };
}

/** The expert's action rule mixed with uniform random actions at `randomRate` (one draw, two when random). */
export function withRandomActions<S>(expert: RecordingPolicy<S>, randomRate: number, nActions: number): RecordingPolicy<S> {
  return (observation, state, rng) => (rng.next() < randomRate ? rng.int(nActions) : expert(observation, state, rng));
}

/** Greedy on value iteration's q (first action on ties) for a gridworld spec: cell -> action. */
export function gridExpert(spec: GridworldSpec): Int32Array {
  const model = buildModel(spec);
  const solver = new ValueIteration(model, { gamma: spec.gamma, tolerance: 1e-10 });
  solver.solve();
  const q = solver.q;
  return Int32Array.from({ length: model.nS }, (_, s) => argmaxRow(q, s, model.nA));
}

export interface MixedDatasetOptions {
  readonly spec?: GridworldSpec;
  /** Random-action rates of the diluted experts; every rate records `episodesPerRate` episodes. */
  readonly randomRates?: readonly number[];
  readonly episodesPerRate?: number;
  readonly seed?: number;
}

/**
 * The mixed-quality dataset: the value-iteration expert on `spec` (default ICE_RUN_SPEC) at each
 * random-action rate (default 0, 0.25, 0.5, 0.75, 1), `episodesPerRate` episodes each (default
 * 60), one-hot cell observations. `Dataset.source` can name one random rate only, so the source
 * is the expert and the rates are spelt out in its name.
 */
export function mixedQualityGridDataset(options: MixedDatasetOptions = {}): Dataset {
  const spec = options.spec ?? ICE_RUN_SPEC;
  const rates = options.randomRates ?? [0, 0.25, 0.5, 0.75, 1];
  const perRate = options.episodesPerRate ?? 60;
  const seed = options.seed ?? 1;
  const env = makeGridworld(spec);
  const expert = gridExpert(spec);
  const nA = env.model.nA;
  const episodes: DatasetEpisode[] = [];
  rates.forEach((rate) => {
    const envRng = deriveRng(seed, `dataset/env/${rate}`);
    const policyRng = deriveRng(seed, `dataset/policy/${rate}`);
    const policy = withRandomActions<{ inner: number }>((obs) => expert[obs as number], rate, nA);
    for (let i = 0; i < perRate; i++) {
      episodes.push(recordEpisode(env as unknown as Env<{ inner: number }, Observation, number>, policy, envRng, policyRng, Infinity, (s) => s.inner));
    }
  });
  return {
    world: spec.name,
    input: { kind: 'one-hot', size: env.model.nS },
    nActions: nA,
    source: { kind: 'agent', agent: `value-iteration expert with random-action rates ${rates.join(', ')}` },
    episodes,
  };
}

/**
 * Breakout's minimal actions: 0 noop, 1 left, 2 right. Planes are (row * 10 + col) * 4 + channel:
 * channel 0 paddle (row 9), 1 ball, 2 the ball's previous cell. The paddle heads for the column
 * where a falling ball will reach the bottom (reflected off the side walls), or under the ball
 * while it rises.
 */
function breakoutChaser(observation: Observation): number {
  const planes = observation as Float32Array;
  let paddle = -1;
  let ball = -1;
  let trail = -1;
  for (let cell = 0; cell < 100; cell++) {
    if (planes[cell * 4] === 1) paddle = cell % 10;
    if (planes[cell * 4 + 1] === 1) ball = cell;
    if (planes[cell * 4 + 2] === 1) trail = cell;
  }
  if (paddle < 0 || ball < 0) return 0;
  const row = Math.floor(ball / 10);
  let target = ball % 10;
  const falling = trail >= 0 && Math.floor(trail / 10) < row;
  if (falling) {
    const dCol = Math.sign((ball % 10) - (trail % 10));
    target += dCol * (9 - row);
    // Reflect off the walls at columns 0 and 9.
    while (target < 0 || target > 9) target = target < 0 ? -target : 18 - target;
  }
  if (target === paddle) return 0;
  return target < paddle ? 1 : 2;
}

/**
 * Breakout episodes (planes observations) from a paddle that heads for where the ball will land, diluted
 * by random actions at each rate; each episode stops after `maxSteps` actions at most.
 */
export function breakoutDataset(options: { readonly randomRates: readonly number[]; readonly maxSteps: number; readonly seed: number }): Dataset {
  const entry = requireWorld('arcade/breakout');
  const env = entry.create() as Env<unknown, Observation, number> & { planes: { height: number; width: number; channels: number }; actionNames: readonly string[] };
  const nA = env.actionNames.length;
  const episodes = options.randomRates.map((rate, i) => {
    const policy = withRandomActions<unknown>((obs) => breakoutChaser(obs), rate, nA);
    return recordEpisode(env, policy, deriveRng(options.seed, `breakout/env/${i}`), deriveRng(options.seed, `breakout/policy/${i}`), options.maxSteps);
  });
  return {
    world: 'arcade/breakout',
    input: { kind: 'planes', ...env.planes },
    nActions: nA,
    source: { kind: 'agent', agent: `ball-landing chaser with random-action rates ${options.randomRates.join(', ')}` },
    episodes,
  };
}

/** Every episode's return, in dataset order. */
export function episodeReturns(dataset: Dataset): number[] {
  return dataset.episodes.map((episode) => episode.rewards.reduce((a, b) => a + b, 0));
}

/** What an evaluation drives: a fresh episode, then one action per observation and the reward it earned. */
export interface EpisodePlayer {
  start(): void;
  act(observation: Observation): number;
  reward(reward: number): void;
}

/**
 * Plays `episodes` episodes of `env` (until terminated or truncated, at most `maxSteps` actions
 * each) and returns every episode's return. The env's randomness comes from one stream of `seed`.
 */
export function playEpisodes<S>(env: Env<S, Observation, number>, player: EpisodePlayer, episodes: number, seed: number, maxSteps = Infinity): number[] {
  const envRng = deriveRng(seed, 'evaluation/env');
  const returns: number[] = [];
  for (let e = 0; e < episodes; e++) {
    player.start();
    let { state, obs } = env.reset(envRng);
    let total = 0;
    for (let t = 0; t < maxSteps; t++) {
      const result = env.step(state, player.act(obs), envRng);
      player.reward(result.reward);
      total += result.reward;
      if (result.terminated || result.truncated) break;
      ({ state, obs } = result);
    }
    returns.push(total);
  }
  return returns;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
