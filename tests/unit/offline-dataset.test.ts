/**
 * Recording offline datasets (agents/offline/recorder.ts): the step-by-step recorder a page feeds,
 * and recordEpisodes on a gridworld (with the value-iteration expert), CartPole and an arcade game.
 */
import { describe, expect, it } from 'vitest';
import { datasetStats } from '../../agents/offline/dataset-stats';
import { valueIterationExpert } from '../../agents/offline/experts';
import { DatasetRecorder, gridCellOf, inputSpecOfSpace, recordEpisodes } from '../../agents/offline/recorder';
import type { Observation } from '../../agents/deep/types';
import { makeBreakout } from '../../environments/arcade';
import { makeCartPole } from '../../environments/classic/cartpole';
import { box, discrete } from '../../environments/core/spaces';
import type { Env } from '../../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld';

const penguin = GRIDWORLD_PRESETS['fig-19-10'].spec;

function vectorRecorder(): DatasetRecorder {
  return new DatasetRecorder({ world: 'cartpole', input: { kind: 'vector', size: 3 }, nActions: 2, source: { kind: 'person' } });
}

describe('DatasetRecorder', () => {
  it('records what it is fed, episode by episode, and copies every observation', () => {
    const recorder = vectorRecorder();
    const seen = Float32Array.of(1, 2, 3);
    recorder.beginEpisode();
    recorder.add({ observation: seen, action: 1, reward: 1 });
    seen[0] = 99; // the page reuses its array: the recording must not change
    recorder.add({ observation: seen, action: 0, reward: 0.5 });
    expect(recorder.openSteps).toBe(2);
    expect(recorder.endEpisode(true)).toBe(true);
    recorder.beginEpisode();
    recorder.add({ observation: [4, 5, 6], action: 0, reward: -1 });
    expect(recorder.endEpisode(false)).toBe(true);

    const dataset = recorder.dataset();
    expect(dataset).toEqual({
      world: 'cartpole',
      input: { kind: 'vector', size: 3 },
      nActions: 2,
      source: { kind: 'person' },
      episodes: [
        { observations: [Float32Array.of(1, 2, 3), Float32Array.of(99, 2, 3)], actions: [1, 0], rewards: [1, 0.5], terminated: true },
        { observations: [Float32Array.of(4, 5, 6)], actions: [0], rewards: [-1], terminated: false },
      ],
    });
    expect(recorder.episodeCount).toBe(2);
    expect(recorder.stepCount).toBe(3);

    // The dataset is a copy: changing it, or recording on, leaves the recorder's own data alone.
    (dataset.episodes[0].observations[0] as Float32Array)[1] = -7;
    recorder.beginEpisode();
    recorder.add({ observation: [0, 0, 0], action: 1, reward: 0 });
    expect(recorder.dataset().episodes[0].observations[0]).toEqual(Float32Array.of(1, 2, 3));
    expect(dataset.episodes).toHaveLength(2);
  });

  it('drops an empty episode, and a discarded one', () => {
    const recorder = vectorRecorder();
    recorder.beginEpisode();
    expect(recorder.endEpisode(true)).toBe(false);
    recorder.beginEpisode();
    recorder.add({ observation: [0, 0, 0], action: 1, reward: 0 });
    recorder.discardEpisode();
    expect(recorder.recording).toBe(false);
    expect(recorder.dataset().episodes).toEqual([]);
  });

  it('records gridworld states for the visit map, on every step or none', () => {
    const recorder = new DatasetRecorder({ world: 'penguin', input: { kind: 'one-hot', size: 16 }, nActions: 4, source: { kind: 'agent', agent: 'sarsa' } });
    recorder.beginEpisode();
    recorder.add({ observation: 0, action: 2, reward: 0, state: 0 });
    expect(() => recorder.add({ observation: 4, action: 2, reward: 0 })).toThrow(
      'recorder: episode 0 step 1 has no state, but the steps before it had one: give a state on every step of an episode or on none',
    );
    recorder.add({ observation: 4, action: 1, reward: 0, state: 4 });
    recorder.endEpisode(true);
    expect(recorder.dataset().episodes[0].states).toEqual([0, 4]);
  });

  it('refuses bad steps with one precise message, and keeps nothing of them', () => {
    const recorder = new DatasetRecorder({ world: 'penguin', input: { kind: 'one-hot', size: 16 }, nActions: 4, source: { kind: 'person' } });
    expect(() => recorder.add({ observation: 0, action: 0, reward: 0 })).toThrow('recorder: no episode is open: call beginEpisode() first');
    recorder.beginEpisode();
    expect(() => recorder.beginEpisode()).toThrow('recorder: episode 0 is still open');
    expect(() => recorder.add({ observation: 0, action: 4, reward: 0 })).toThrow('recorder: episode 0 step 0 action 4 is not below nActions 4');
    expect(() => recorder.add({ observation: 16, action: 0, reward: 0 })).toThrow('recorder: episode 0 step 0 observation must be an integer state from 0 to 15 (one-hot input of 16 states), got 16');
    expect(() => recorder.add({ observation: 0, action: 0, reward: Number.NaN })).toThrow('recorder: episode 0 step 0 reward is NaN, expected a finite number');
    expect(() => recorder.add({ observation: 0, action: 0, reward: Infinity })).toThrow('recorder: episode 0 step 0 reward is Infinity, expected a finite number');
    expect(() => recorder.add({ observation: 0, action: 1.5, reward: 0 })).toThrow('recorder: episode 0 step 0 action must be an integer from 0 to 3, got 1.5');
    expect(recorder.openSteps).toBe(0);
    expect(() => vectorRecorder().dataset()).not.toThrow();
    const vectors = vectorRecorder();
    vectors.beginEpisode();
    expect(() => vectors.add({ observation: [1, 2], action: 0, reward: 0 })).toThrow('recorder: episode 0 step 0 observation has 2 numbers, expected 3 (vector input of 3)');
    expect(() => vectors.add({ observation: [1, Number.NaN, 2], action: 0, reward: 0 })).toThrow('recorder: episode 0 step 0 observation value 1 is NaN, expected a finite number');
    expect(() => new DatasetRecorder({ world: '', input: { kind: 'vector', size: 3 }, nActions: 2, source: { kind: 'person' } })).toThrow('recorder: world must be a name of 1 to 200 characters');
    expect(() => new DatasetRecorder({ world: 'w', input: { kind: 'grid', size: 3 } as never, nActions: 2, source: { kind: 'person' } })).toThrow("recorder: input.kind must be 'one-hot', 'vector' or 'planes', got \"grid\"");
    expect(() => new DatasetRecorder({ world: 'w', input: { kind: 'vector', size: 3 }, nActions: 2, source: { kind: 'mixture', agent: 'dqn', randomRate: 2 } })).toThrow('recorder: source.randomRate must be a number from 0 to 1, got 2');
  });
});

describe('DatasetRecorder limits', () => {
  it('stops at the file limits, so that whatever it records can be saved', () => {
    const big = new DatasetRecorder({ world: 'big', input: { kind: 'planes', height: 64, width: 64, channels: 16 }, nActions: 2, source: { kind: 'person' } });
    const frame = new Float32Array(64 * 64 * 16);
    big.beginEpisode();
    for (let t = 0; t < 256; t++) big.add({ observation: frame, action: 0, reward: 0 });
    expect(() => big.add({ observation: frame, action: 0, reward: 0 })).toThrow(
      'recorder: episode 0 step 256: the dataset is full (at most 1000000 steps and 16777216 observation numbers); end the episode and save it',
    );
    big.endEpisode(false);
    expect(big.stepCount).toBe(256);
  });
});

describe('recordEpisodes', () => {
  const gridEnv = () => makeGridworld(penguin);
  const expert = valueIterationExpert(gridEnv().model, penguin.gamma);

  it('records the value-iteration expert on the penguin world: same seed, same dataset', () => {
    const record = (seed: number) => recordEpisodes({ env: gridEnv(), world: penguin.name, policy: expert.policy, agent: 'value-iteration', episodes: 20, seed, stateIndex: gridCellOf });
    const dataset = record(3);
    expect(dataset.input).toEqual({ kind: 'one-hot', size: 16 });
    expect(dataset.nActions).toBe(4);
    expect(dataset.source).toEqual({ kind: 'agent', agent: 'value-iteration' });
    expect(dataset.episodes).toHaveLength(20);
    for (const episode of dataset.episodes) {
      // Observations are the cells, the states the same cells, and every action the expert's.
      expect(episode.states).toEqual(episode.observations);
      episode.actions.forEach((action, t) => expect(action).toBe(expert.actions[episode.states![t]]));
      // Each episode ends by eating the fish (+3 on leaving cell 15) or at the 100-step limit.
      const last = episode.states![episode.states!.length - 1];
      if (episode.terminated) expect([last, episode.rewards[episode.rewards.length - 1]]).toEqual([15, 3]);
      else expect(episode.actions).toHaveLength(100);
    }
    expect(record(3)).toEqual(dataset);
    expect(record(4)).not.toEqual(dataset);
  });

  it('mixes in uniformly random actions at the chosen rate, from their own stream', () => {
    const base = { env: gridEnv(), world: penguin.name, policy: expert.policy, agent: 'value-iteration', episodes: 200, seed: 5, stateIndex: gridCellOf };
    const mixed = recordEpisodes({ ...base, randomRate: 0.4 });
    expect(mixed.source).toEqual({ kind: 'mixture', agent: 'value-iteration', randomRate: 0.4 });
    let steps = 0;
    let offPolicy = 0;
    for (const episode of mixed.episodes) {
      episode.actions.forEach((action, t) => {
        steps++;
        if (action !== expert.actions[episode.states![t]]) offPolicy++;
      });
    }
    // A random action differs from the expert's with probability 3/4: 0.4 * 3/4 = 0.3 of the steps.
    expect(offPolicy / steps).toBeGreaterThan(0.27);
    expect(offPolicy / steps).toBeLessThan(0.33);
    expect(recordEpisodes({ ...base, randomRate: 0.4 })).toEqual(mixed);
    // With every action random, the expert has no say: about a quarter of actions match it by chance.
    const random = datasetStats(recordEpisodes({ ...base, randomRate: 1 }));
    expect(Math.min(...random.actionCounts) / random.steps).toBeGreaterThan(0.22);
    expect(random.meanReturn!).toBeLessThan(datasetStats(recordEpisodes(base)).meanReturn! - 5);
  });

  it('asks a sampling policy with its own stream, the same whatever the random-action rate', () => {
    const draws = (randomRate: number) => {
      const seen: number[] = [];
      recordEpisodes({
        env: gridEnv(),
        world: penguin.name,
        policy: (_obs, rng) => {
          seen.push(rng.next());
          return 1;
        },
        agent: 'sampler',
        episodes: 1,
        seed: 8,
        randomRate,
        maxSteps: 10,
      });
      return seen;
    };
    // Random actions change where the penguin goes, but the policy's own stream is the same draw for draw.
    const plain = draws(0);
    const mixed = draws(0.5);
    const n = Math.min(plain.length, mixed.length);
    expect(n).toBeGreaterThan(1);
    expect(mixed.slice(0, n)).toEqual(plain.slice(0, n));
  });

  it('records CartPole with a simple controller (vector observations, terminated or truncated at 500)', () => {
    const push = (obs: Observation) => ((obs as Float32Array)[2] + 0.5 * (obs as Float32Array)[3] > 0 ? 1 : 0);
    const dataset = recordEpisodes({ env: makeCartPole(), world: 'cartpole', policy: push, agent: 'lean-controller', episodes: 3, seed: 1 });
    expect(dataset.input).toEqual({ kind: 'vector', size: 4 });
    expect(dataset.nActions).toBe(2);
    for (const episode of dataset.episodes) {
      expect(episode.observations[0]).toBeInstanceOf(Float32Array);
      // +1 a step, so the return is the length; the controller balances until the limit or close to it.
      expect(episode.rewards.every((r) => r === 1)).toBe(true);
      expect(episode.terminated || episode.actions.length === 500).toBe(true);
      episode.actions.forEach((action, t) => expect(action).toBe(push(episode.observations[t])));
    }
    expect(datasetStats(dataset).meanLength!).toBeGreaterThan(100);
    expect(recordEpisodes({ env: makeCartPole(), world: 'cartpole', policy: push, agent: 'lean-controller', episodes: 3, seed: 1 })).toEqual(dataset);
  });

  it('records an arcade game (planes observations), each observation its own copy', () => {
    const env = makeBreakout();
    const dataset = recordEpisodes({ env: env as unknown as Env<unknown, Observation, number>, world: 'arcade/breakout', policy: (_obs, rng) => rng.int(3), agent: 'random', episodes: 3, seed: 2 });
    expect(dataset.input).toEqual({ kind: 'planes', height: 10, width: 10, channels: 4 });
    expect(dataset.nActions).toBe(env.actionSpace.kind === 'discrete' ? env.actionSpace.n : -1);
    const first = dataset.episodes[0];
    expect(first.observations[0]).toHaveLength(400);
    expect(first.observations[0]).not.toBe(first.observations[1]);
    expect(dataset.episodes.every((e) => e.terminated)).toBe(true);
    const again = recordEpisodes({ env: makeBreakout() as unknown as Env<unknown, Observation, number>, world: 'arcade/breakout', policy: (_obs, rng) => rng.int(3), agent: 'random', episodes: 3, seed: 2 });
    expect(again).toEqual(dataset);
  });

  it('reads input specs off spaces and refuses bad options', () => {
    expect(inputSpecOfSpace(discrete(16))).toEqual({ kind: 'one-hot', size: 16 });
    expect(inputSpecOfSpace(box([4], -1, 1))).toEqual({ kind: 'vector', size: 4 });
    expect(inputSpecOfSpace(box([10, 10, 6], 0, 1))).toEqual({ kind: 'planes', height: 10, width: 10, channels: 6 });
    expect(() => inputSpecOfSpace(box([2, 2], 0, 1))).toThrow('recorder: no input kind reads a box of shape [2, 2]');
    const base = { env: gridEnv(), world: 'penguin', policy: expert.policy, agent: 'vi', episodes: 1, seed: 1 };
    expect(() => recordEpisodes({ ...base, randomRate: -0.1 })).toThrow('recorder: randomRate must be a number from 0 to 1, got -0.1');
    expect(() => recordEpisodes({ ...base, episodes: 1.5 })).toThrow('recorder: episodes must be a whole number, got 1.5');
    expect(() => recordEpisodes({ ...base, policy: () => 7 })).toThrow('recorder: episode 0 step 0 policy action 7 is not below nActions 4');
    // A time limit of its own comes from maxSteps when the env has none.
    const cut = recordEpisodes({ ...base, env: makeGridworld(penguin).inner, policy: () => 0, maxSteps: 7 });
    expect(cut.episodes[0].terminated).toBe(false);
    expect(cut.episodes[0].actions).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
