/**
 * The recurrent agents (agents/deep/recurrent/): recurrent REINFORCE with a learned value
 * baseline and DRQN. Config checks, the memory's life cycle, no leaked tensors, the same numbers
 * for the same seed, exact continuation after save and load, and a learning test on a T-maze, a
 * task that needs memory: the recurrent agents solve it, memoryless ones cannot beat 50%, and
 * the history wrapper (environments/pomdp/history.ts) gives a memoryless agent enough memory.
 *
 * Backend: wasm (cpu where wasm does not load). Budgets were tuned on wasm: recurrent REINFORCE
 * solved the T-maze with corridor 6 within 5,000 steps on seeds 1-10, DRQN within 1,000 on
 * seeds 1-10 (greedy success 1.0 over 100 episodes each).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AgentFile } from '../../agents/core/agent';
import { initBackend } from '../../agents/core/tf-backend';
import { Dqn } from '../../agents/deep/dqn';
import { Drqn, loadDrqn, loadRecurrentReinforce, RecurrentReinforce, type DrqnConfig, type RecurrentReinforceConfig } from '../../agents/deep/recurrent/index';
import { Reinforce } from '../../agents/deep/reinforce';
import type { Observation } from '../../agents/deep/types';
import { checkEnv } from '../../environments/core/check-env';
import { deriveRng, type Rng } from '../../environments/core/rng';
import { box, discrete } from '../../environments/core/spaces';
import type { Env, Metrics } from '../../environments/core/types';
import { withHistory } from '../../environments/pomdp/history';

beforeAll(async () => {
  await initBackend('wasm');
});

// ---- the T-maze ------------------------------------------------------------------------------

interface TMazeState {
  /** 0: the goal is left, 1: right. */
  readonly cue: number;
  /** 0: the start (cue shown), 1..corridor: the corridor, corridor + 1: the junction. */
  readonly position: number;
}

/**
 * A T-maze (Bakker 2002, simplified). Observations: Float32Array [cue left, cue right, junction]:
 * the cue shows only at the start, every corridor cell is [0, 0, 0], the junction is [0, 0, 1].
 * Actions: 0 and 1; in the start and the corridor either one moves one cell on (reward 0); at the
 * junction 0 turns left and 1 turns right, +1 if that is the cued side, -1 if not, and the episode
 * terminates. An episode is corridor + 2 steps. The junction looks the same whatever the cue, so
 * a memoryless policy's choice there is independent of the cue: it wins exactly half the time.
 */
function tMaze(corridor: number): Env<TMazeState, Float32Array, number> {
  const junction = corridor + 1;
  const observe = (s: TMazeState) => {
    const obs = new Float32Array(3);
    if (s.position === 0) obs[s.cue] = 1;
    else if (s.position === junction) obs[2] = 1;
    return obs;
  };
  return {
    id: 'test/t-maze',
    observationSpace: box([3], 0, 1),
    actionSpace: discrete(2),
    reset(rng) {
      const state = { cue: rng.int(2), position: 0 };
      return { state, obs: observe(state) };
    },
    step(s, action) {
      if (s.position < junction) {
        const next = { cue: s.cue, position: s.position + 1 };
        return { state: next, obs: observe(next), reward: 0, terminated: false, truncated: false };
      }
      return { state: s, obs: observe(s), reward: action === s.cue ? 1 : -1, terminated: true, truncated: false };
    },
  };
}

const CORRIDOR = 6;
const DIMS = { input: { kind: 'vector', size: 3 } as const, nActions: 2 };

interface Streams {
  readonly env: Rng;
  readonly explore: Rng;
  readonly replay: Rng;
}
const streams = (seed: number): Streams => ({ env: deriveRng(seed, 'env'), explore: deriveRng(seed, 'explore'), replay: deriveRng(seed, 'replay') });

interface Loop<S> {
  state: S;
  obs: Float32Array;
}

/** Runs `steps` env steps as the runner does (reset() at every episode start); returns the update metrics and the actions. */
function drive<S>(env: Env<S, Float32Array, number>, agent: Agent<Observation, number>, s: Streams, steps: number, loop?: Loop<S>): { updates: Metrics[]; actions: number[]; loop: Loop<S> } {
  let current = loop;
  if (current === undefined) {
    current = env.reset(s.env);
    agent.reset?.();
  }
  const updates: Metrics[] = [];
  const actions: number[] = [];
  for (let i = 0; i < steps; i++) {
    const action = agent.act(current.obs, s.explore, 'explore');
    actions.push(action);
    const r = env.step(current.state, action, s.env);
    agent.observe({ obs: current.obs, action, reward: r.reward, nextObs: r.obs, terminated: r.terminated, truncated: r.truncated }, s.replay);
    const m = agent.update(s.replay);
    if (m !== null) updates.push(m);
    if (r.terminated || r.truncated) {
      current = env.reset(s.env);
      agent.reset?.();
    } else {
      current = { state: r.state, obs: r.obs };
    }
  }
  return { updates, actions, loop: current };
}

/** Greedy episodes on a fresh evaluation stream: the fraction that turn to the cued side. */
function successRate<S>(env: Env<S, Float32Array, number>, agent: Agent<Observation, number>, episodes: number): number {
  const rng = deriveRng(99, 'evaluation');
  let wins = 0;
  for (let i = 0; i < episodes; i++) {
    agent.reset?.();
    let { state, obs } = env.reset(rng);
    for (;;) {
      const r = env.step(state, agent.act(obs, rng, 'greedy'), rng);
      if (r.terminated || r.truncated) {
        if (r.reward > 0) wins++;
        break;
      }
      ({ state, obs } = r);
    }
  }
  agent.reset?.();
  return wins / episodes;
}

// ---- the agents under test -------------------------------------------------------------------

interface Kind<A extends Agent<Observation, number>> {
  readonly name: string;
  make(config?: object): A;
  load(file: unknown): A;
  /** A small, fast config that updates often. */
  readonly fast: object;
}

const REINFORCE_FAST: Partial<RecurrentReinforceConfig> = { hiddenSize: 8, episodesPerUpdate: 1, learningRate: 0.01, seed: 4 };
const DRQN_FAST: Partial<DrqnConfig> = { hiddenSize: 8, encoderUnits: 4, batchSize: 2, learningStarts: 5, trainFrequency: 1, targetSyncEvery: 7, epsilonDecaySteps: 50, double: true, seed: 4 };

const KINDS: readonly Kind<RecurrentReinforce | Drqn>[] = [
  { name: 'recurrent REINFORCE', make: (c = {}) => new RecurrentReinforce(DIMS, { ...REINFORCE_FAST, ...c }), load: loadRecurrentReinforce, fast: REINFORCE_FAST },
  { name: 'DRQN', make: (c = {}) => new Drqn(DIMS, { ...DRQN_FAST, ...c }), load: loadDrqn, fast: DRQN_FAST },
];

const reloadThroughJson = <A extends { save(): AgentFile }>(agent: A, load: (file: unknown) => A): A => load(JSON.parse(JSON.stringify(agent.save())));

describe('the T-maze', () => {
  it('is a valid env whose junction hides the cue', () => {
    expect(checkEnv(tMaze(CORRIDOR), { seed: 1, steps: 200 })).toEqual([]);
    const env = tMaze(2);
    const rng = deriveRng(1, 'maze');
    const seen = [0, 1].map(() => {
      let { state, obs } = env.reset(rng);
      const trail = [Array.from(obs)];
      for (let i = 0; i < 3; i++) ({ state, obs } = env.step(state, 0, rng));
      trail.push(Array.from(obs));
      return { cue: state.cue, trail };
    });
    for (const { cue, trail } of seen) expect(trail).toEqual([cue === 0 ? [1, 0, 0] : [0, 1, 0], [0, 0, 1]]);
  });
});

describe('recurrent agent configs', () => {
  it('reject bad values with precise messages', () => {
    expect(() => new RecurrentReinforce(DIMS, { hiddenSize: 0 })).toThrow('recurrent-reinforce config: hiddenSize must be an integer in [1, 1024], got 0');
    expect(() => new RecurrentReinforce(DIMS, { gamma: 1.5 })).toThrow('recurrent-reinforce config: gamma must be in [0, 1], got 1.5');
    expect(() => new RecurrentReinforce(DIMS, { hidden: [4] } as never)).toThrow("unknown option 'hidden' for recurrent-reinforce");
    expect(() => new RecurrentReinforce({ ...DIMS, nActions: 1 })).toThrow('recurrent-reinforce: nActions must be an integer >= 2, got 1');
    expect(() => new Drqn(DIMS, { batchSize: 0 })).toThrow('drqn config: batchSize must be an integer in [1, 4096], got 0');
    expect(() => new Drqn(DIMS, { loss: 'l1' as never })).toThrow("drqn config: loss must be one of huber, squared, got 'l1'");
    expect(() => new Drqn(DIMS, { encoderUnits: -1 })).toThrow('drqn config: encoderUnits must be an integer in [0, 4096], got -1');
    expect(() => new Drqn({ ...DIMS, nActions: 0 })).toThrow('drqn: nActions must be a positive integer, got 0');
  });
});

describe.each(KINDS)('$name', (kind) => {
  it('keeps its memory between steps and clears it at episode ends and on reset()', () => {
    const agent = kind.make();
    const rng = deriveRng(1, 'memory');
    const zero = new Float32Array(8);
    expect(agent.memoryState).toEqual(zero);
    const cue = Float32Array.from([1, 0, 0]);
    const corridor = new Float32Array(3);
    const a0 = agent.act(cue, rng, 'explore');
    const afterCue = agent.memoryState;
    expect(afterCue).not.toEqual(zero);
    agent.observe({ obs: cue, action: a0, reward: 0, nextObs: corridor, terminated: false, truncated: false }, rng);
    agent.act(corridor, rng, 'explore');
    expect(agent.memoryState).not.toEqual(afterCue);
    // A truncated step ends the episode too.
    agent.observe({ obs: corridor, action: 1, reward: 0, nextObs: corridor, terminated: false, truncated: true }, rng);
    expect(agent.memoryState).toEqual(zero);
    // The same first observation from a zero memory gives the same memory as before.
    agent.act(cue, rng, 'greedy');
    expect(agent.memoryState).toEqual(afterCue);
    agent.reset();
    expect(agent.memoryState).toEqual(zero);
    expect(() => agent.observe({ obs: cue, action: 2, reward: 0, nextObs: cue, terminated: true, truncated: false }, rng)).toThrow('must be an integer in [0, 2), got 2');
    expect(() => agent.observe({ obs: Float32Array.from([1]), action: 0, reward: 0, nextObs: cue, terminated: true, truncated: false }, rng)).toThrow(
      'obs must be a Float32Array of 3 numbers, got 1 numbers',
    );
    agent.dispose();
  });

  it('leaks no tensors over 1,000 updates and a save/load cycle', () => {
    const before = tf.memory().numTensors;
    let agent = kind.make();
    const created = tf.memory().numTensors;
    const env = tMaze(1);
    const s = streams(2);
    let loop: Loop<TMazeState> | undefined;
    let updates = 0;
    while (updates < 1000) {
      const run = drive(env, agent, s, 100, loop);
      updates += run.updates.length;
      loop = run.loop;
      agent.act(loop.obs, s.explore, 'greedy');
    }
    const loaded = reloadThroughJson(agent, kind.load);
    agent.dispose();
    agent = loaded;
    drive(env, agent, s, 20, loop);
    expect(tf.memory().numTensors).toBe(created);
    agent.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same actions and losses, bit for bit, for the same seed', () => {
    const run = () => {
      const agent = kind.make();
      const { updates, actions } = drive(tMaze(3), agent, streams(5), 400);
      agent.dispose();
      return { updates, actions };
    };
    const a = run();
    expect(a.updates.length).toBeGreaterThan(20);
    expect(run()).toEqual(a);
    const other = kind.make({ seed: 5 });
    const { updates } = drive(tMaze(3), other, streams(5), 400);
    other.dispose();
    expect(updates).not.toEqual(a.updates);
  });

  it('continues exactly after save and load in the middle of an episode', () => {
    const env = tMaze(3);
    const whole = kind.make();
    const reference = drive(env, whole, streams(6), 500);
    whole.dispose();

    const first = kind.make();
    const s = streams(6);
    const part1 = drive(env, first, s, 263); // 263 = 52 episodes of 5 steps and 3 steps into the next
    expect(first.memoryState).not.toEqual(new Float32Array(8));
    const second = reloadThroughJson(first, kind.load);
    expect(second.memoryState).toEqual(first.memoryState);
    // The same action from the same observation and Rng state, in both modes.
    const probe = deriveRng(3, 'probe');
    const probeCopy = deriveRng(3, 'probe');
    const copy = reloadThroughJson(first, kind.load);
    expect(copy.act(part1.loop.obs, probeCopy, 'explore')).toBe(first.act(part1.loop.obs, probe, 'explore'));
    expect(copy.act(part1.loop.obs, probeCopy, 'greedy')).toBe(first.act(part1.loop.obs, probe, 'greedy'));
    copy.dispose();
    first.dispose();
    const part2 = drive(env, second, s, 500 - 263, part1.loop);
    second.dispose();
    expect([...part1.actions, ...part2.actions]).toEqual(reference.actions);
    expect([...part1.updates, ...part2.updates]).toEqual(reference.updates);
  });

  it('rejects a bad file with a precise message and leaks nothing', () => {
    const agent = kind.make();
    drive(tMaze(2), agent, streams(1), 30);
    const file = JSON.parse(JSON.stringify(agent.save())) as AgentFile;
    agent.dispose();
    const before = tf.memory().numTensors;
    const prefix = kind.name === 'DRQN' ? 'drqn' : 'recurrent-reinforce';
    const withState = (patch: Record<string, unknown>) => ({ ...file, state: { ...file.state, ...patch } });
    expect(() => kind.load(withState({ memory: [0, 0] }))).toThrow(`${prefix} file: state.memory has 2 entries, expected 8`);
    expect(() => kind.load({ ...file, agent: 'dqn' })).toThrow(`${prefix} file: agent must be '${prefix}', got "dqn"`);
    expect(() => kind.load({ ...file, config: { ...file.config, hiddenSize: 'big' } })).toThrow(`${prefix} file: ${prefix} config: hiddenSize must be a finite number, got 'big'`);
    expect(() => kind.load(withState({ open: { observations: [[0, 0, 0]], actions: [5], rewards: [0], lastNextObs: [0, 0, 0] } }))).toThrow(
      `${prefix} file: state.open.actions[0] must be an action in [0, 2), got 5`,
    );
    const weightsKey = kind.name === 'DRQN' ? 'online' : 'weights';
    const weights = file.state[weightsKey] as { shapes: number[][]; data: string };
    expect(() => kind.load(withState({ [weightsKey]: { ...weights, shapes: weights.shapes.slice(1) } }))).toThrow(`${prefix} file: state.${weightsKey}: has`);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('memory on the T-maze (corridor 6: the cue is 7 steps behind the junction)', () => {
  const env = tMaze(CORRIDOR);

  it('recurrent REINFORCE solves it within 5,000 steps (seed 1)', () => {
    const agent = new RecurrentReinforce(DIMS, { hiddenSize: 16, learningRate: 0.01, episodesPerUpdate: 8, seed: 1 });
    drive(env, agent, streams(1), 5000);
    expect(successRate(env, agent, 100)).toBeGreaterThanOrEqual(0.95);
    agent.dispose();
  });

  it('DRQN solves it within 1,000 steps (seed 1)', () => {
    const agent = new Drqn(DIMS, { hiddenSize: 16, encoderUnits: 0, learningRate: 0.003, gamma: 0.9, batchSize: 16, learningStarts: 200, trainFrequency: 4, targetSyncEvery: 100, epsilonDecaySteps: 1500, seed: 1 });
    drive(env, agent, streams(1), 1000);
    expect(successRate(env, agent, 100)).toBeGreaterThanOrEqual(0.95);
    agent.dispose();
  });

  it('memoryless REINFORCE and DQN, trained as long, stay at chance', () => {
    const reinforce = new Reinforce(DIMS, { hiddenLayers: 1, hiddenUnits: 16, learningRate: 0.01, episodesPerUpdate: 8, seed: 1 });
    drive(env, reinforce, streams(1), 5000);
    const dqn = new Dqn({ input: DIMS.input, nA: 2 }, { hidden: [16], learningRate: 0.003, gamma: 0.9, batchSize: 16, learningStarts: 200, trainFrequency: 1, targetSyncEvery: 100, epsilonDecaySteps: 1500, initSeed: 1 });
    drive(env, dqn, streams(1), 3000);
    for (const agent of [reinforce, dqn]) {
      const rate = successRate(env, agent, 200);
      expect(rate).toBeGreaterThan(0.35);
      expect(rate).toBeLessThan(0.65);
      agent.dispose();
    }
  });

  it('the history wrapper gives memoryless REINFORCE the memory it needs (k = corridor + 2)', () => {
    const shortWindow = withHistory(env, { k: CORRIDOR + 1 });
    const window = withHistory(env, { k: CORRIDOR + 2 });
    const input = { kind: 'vector', size: 3 * (CORRIDOR + 2) } as const;
    const agent = new Reinforce({ input, nActions: 2 }, { hiddenLayers: 1, hiddenUnits: 16, learningRate: 0.01, episodesPerUpdate: 8, seed: 1 });
    drive(window, agent, streams(1), 3000);
    expect(successRate(window, agent, 100)).toBeGreaterThanOrEqual(0.95);
    agent.dispose();
    // One frame short, the cue has left the window by the junction: chance again.
    const short = new Reinforce({ input: { kind: 'vector', size: 3 * (CORRIDOR + 1) }, nActions: 2 }, { hiddenLayers: 1, hiddenUnits: 16, learningRate: 0.01, episodesPerUpdate: 8, seed: 1 });
    drive(shortWindow, short, streams(1), 3000);
    const rate = successRate(shortWindow, short, 200);
    expect(rate).toBeGreaterThan(0.35);
    expect(rate).toBeLessThan(0.65);
    short.dispose();
  });
});

describe('bootstrapping: through truncation, never through termination', () => {
  const o = [Float32Array.from([1, 0, 0]), Float32Array.from([0, 0, 0]), Float32Array.from([0, 0, 1])];
  const gamma = 0.9;
  /** The two steps o0 -> o1 -> o2 with rewards 0 then 1, ended by the world or cut. */
  const feed = (agent: Agent<Observation, number>, terminated: boolean) => {
    const rng = deriveRng(1, 'feed');
    agent.observe({ obs: o[0], action: 0, reward: 0, nextObs: o[1], terminated: false, truncated: false }, rng);
    agent.observe({ obs: o[1], action: 1, reward: 1, nextObs: o[2], terminated, truncated: !terminated }, rng);
    return agent.update(rng) as Metrics;
  };

  it('recurrent REINFORCE: the value targets are G_t, with v(h) after the final observation added at a cut', () => {
    for (const terminated of [true, false]) {
      const agent = new RecurrentReinforce(DIMS, { hiddenSize: 8, episodesPerUpdate: 1, gamma, entropyCoef: 0, seed: 3 });
      const [v0, v1, v2] = agent.readAlong(o).value;
      const bootstrap = terminated ? 0 : v2;
      const returns = [gamma * (1 + gamma * bootstrap), 1 + gamma * bootstrap];
      const expected = 0.5 * (((v0 - returns[0]) ** 2 + (v1 - returns[1]) ** 2) / 2);
      expect(v2).not.toBeCloseTo(0, 2);
      expect(feed(agent, terminated)['losses/value_loss']).toBeCloseTo(expected, 5);
      agent.dispose();
    }
  });

  it('DRQN: the last target is r + gamma max q(h after the final observation) at a cut, r at termination', () => {
    for (const terminated of [true, false]) {
      const agent = new Drqn(DIMS, { hiddenSize: 8, batchSize: 1, learningStarts: 2, trainFrequency: 1, gamma, loss: 'squared', seed: 3 });
      // Before the first step the target network is a copy of the online one.
      const [q0, q1, q2] = agent.qAlong(o);
      const y = [gamma * Math.max(...q1), 1 + (terminated ? 0 : gamma * Math.max(...q2))];
      const expected = ((y[0] - q0[0]) ** 2 + (y[1] - q1[1]) ** 2) / 2;
      expect(feed(agent, terminated)['losses/td_loss']).toBeCloseTo(expected, 5);
      agent.dispose();
    }
  });
});
