/**
 * DQN on the cpu backend: config validation, the dueling head, no tensor leaks over 1,000
 * updates with target syncs and a save/load cycle, bit-identical losses for the same seed, and
 * save -> load -> continue matching an uninterrupted run exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { Dqn, describeDqnFields, DQN_DEFAULTS, loadDqn, resolveDqnConfig, type DqnConfig } from '../../agents/deep/dqn';
import { drive, ONE_HOT_16, startRun } from './deep-dqn-helpers';

beforeAll(async () => {
  expect(await initBackend('cpu')).toBe('cpu');
});

/** Small and quick: updates from step 50, target sync every 40 steps. */
const SMALL: Partial<DqnConfig> = {
  hidden: [16],
  gamma: 0.9,
  batchSize: 16,
  bufferSize: 500,
  learningStarts: 50,
  targetSyncEvery: 40,
  epsilonDecaySteps: 300,
};

/** Every option at once that can be combined: dueling, n-step, prioritised, double, Polyak. */
const EVERYTHING: Partial<DqnConfig> = { ...SMALL, dueling: true, nStep: 3, prioritised: true, double: true, tau: 0.5, clipRewards: true, trainFrequency: 2, gradientSteps: 2 };
const TWO_NETWORK: Partial<DqnConfig> = { ...SMALL, twoNetwork: true, nStep: 2, loss: 'squared' };

describe('dqn config', () => {
  it('documents every scalar field with a default', () => {
    const rows = describeDqnFields();
    expect(rows.map((row) => row.key)).toEqual(Object.keys(DQN_DEFAULTS).filter((key) => key !== 'hidden'));
    for (const row of rows) expect(row.doc.length).toBeGreaterThan(10);
  });

  it('rejects bad values with precise messages', () => {
    expect(() => resolveDqnConfig({ learningRate: 0 })).toThrow('dqn config: learningRate must be in (0, 1], got 0');
    expect(() => resolveDqnConfig({ hidden: [32, 0] })).toThrow('dqn config: hidden[1] must be an integer in [1, 65536], got 0');
    expect(() => resolveDqnConfig({ loss: 'l1' as 'huber' })).toThrow("dqn config: loss must be one of huber, squared, got 'l1'");
    expect(() => resolveDqnConfig({ double: true, twoNetwork: true })).toThrow('dqn config: double and twoNetwork are two forms of double DQN; choose one');
    expect(() => resolveDqnConfig({ batch: 3 } as Partial<DqnConfig>)).toThrow("unknown option 'batch' for dqn");
    expect(() => new Dqn({ input: { kind: 'one-hot', size: 0 }, nA: 4 })).toThrow('network spec: input.size must be a positive integer, got 0');
    expect(() => new Dqn({ ...ONE_HOT_16, nA: 0 })).toThrow('dqn: nA must be a positive integer, got 0');
  });

  it('rejects observations that do not fit the input', () => {
    const agent = new Dqn(ONE_HOT_16, SMALL);
    expect(() => agent.observe({ obs: 16, action: 0, reward: 0, nextObs: 1, terminated: false, truncated: false })).toThrow(
      'dqn: obs must be an integer state in [0, 16), got 16',
    );
    expect(() => agent.observe({ obs: 0, action: 4, reward: 0, nextObs: 1, terminated: false, truncated: false })).toThrow('dqn: action must be an integer in [0, 4), got 4');
    agent.dispose();
  });
});

describe('dqn acting and values', () => {
  it('acts greedily on qValues; epsilon decays linearly with the steps observed', () => {
    const agent = new Dqn(ONE_HOT_16, { ...SMALL, epsilonStart: 1, epsilonEnd: 0.1, epsilonDecaySteps: 100 });
    const q = agent.qValues([0, 5, 15]);
    expect(q.map((row) => row.length)).toEqual([4, 4, 4]);
    const run = startRun(3);
    const greedy = agent.act(5, run.explore, 'greedy');
    expect(q[1][greedy]).toBe(Math.max(...q[1]));
    expect(agent.currentEpsilon()).toBe(1);
    drive(agent, run, 50);
    expect(agent.currentEpsilon()).toBeCloseTo(0.55, 12);
    agent.dispose();
  });

  it('dueling: q = v + A - mean(A) from the nA + 1 outputs', () => {
    const agent = new Dqn(ONE_HOT_16, { ...SMALL, dueling: true });
    const raw = tf.tidy(() => agent.networks[0].apply(tf.oneHot(tf.tensor1d([7], 'int32'), 16).toFloat() as tf.Tensor2D).dataSync().slice());
    expect(raw.length).toBe(5);
    const meanAdvantage = (raw[1] + raw[2] + raw[3] + raw[4]) / 4;
    const q = agent.qValues([7])[0];
    for (let a = 0; a < 4; a++) expect(q[a]).toBeCloseTo(raw[0] + raw[1 + a] - meanAdvantage, 5);
    agent.dispose();
  });
});

describe('dqn tensor hygiene', () => {
  for (const [label, config] of [
    ['every option', EVERYTHING],
    ['twoNetwork', TWO_NETWORK],
  ] as const) {
    it(`${label}: no tensors leak over 1,000 updates with target syncs and a save/load cycle`, () => {
      const before = tf.memory().numTensors;
      const agent = new Dqn(ONE_HOT_16, { ...config, trainFrequency: 1, gradientSteps: 1 });
      const run = startRun(1);
      drive(agent, run, SMALL.learningStarts as number); // fill the buffer: no updates yet
      const afterBuild = tf.memory().numTensors;
      const losses = drive(agent, run, 1000);
      expect(losses.length).toBe(1000);
      agent.qValues([0, 1, 2]);
      expect(tf.memory().numTensors).toBe(afterBuild);
      const loaded = loadDqn(JSON.parse(JSON.stringify(agent.save())));
      agent.dispose();
      expect(tf.memory().numTensors).toBe(afterBuild);
      drive(loaded, run, 10);
      loaded.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a rejected file leaks nothing', () => {
    const agent = new Dqn(ONE_HOT_16, SMALL);
    const file = JSON.parse(JSON.stringify(agent.save())) as { state: Record<string, unknown> };
    agent.dispose();
    const before = tf.memory().numTensors;
    expect(() => loadDqn({ ...file, state: { ...file.state, buffer: { ...(file.state.buffer as object), size: 3 } } })).toThrow(
      'dqn file: state.buffer: cursor 0 must equal size 3 while the buffer is not full',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('dqn determinism (cpu)', () => {
  const losses = (seed: number, config: Partial<DqnConfig>) => {
    const agent = new Dqn(ONE_HOT_16, { ...config, initSeed: seed });
    const result = drive(agent, startRun(seed), 400);
    agent.dispose();
    return result;
  };

  for (const [label, config] of [
    ['plain', SMALL],
    ['every option', EVERYTHING],
    ['twoNetwork', TWO_NETWORK],
  ] as const) {
    it(`${label}: the same seed gives the same losses bit for bit`, () => {
      const first = losses(7, config);
      expect(first.length).toBeGreaterThan(100);
      expect(losses(7, config)).toEqual(first);
      expect(losses(8, config)).not.toEqual(first);
    });
  }
});

describe('dqn save and load', () => {
  const snapshot = (agent: Dqn) => ({
    networks: agent.networks.map((network) => network.getWeights()),
    target: agent.target?.getWeights() ?? null,
    steps: agent.steps,
    updates: agent.gradientUpdates,
  });

  for (const [label, config] of [
    ['plain', SMALL],
    ['every option', EVERYTHING],
    ['twoNetwork', TWO_NETWORK],
  ] as const) {
    it(`${label}: save -> load -> continue equals an uninterrupted run`, () => {
      const straight = new Dqn(ONE_HOT_16, config);
      const straightLosses = drive(straight, startRun(5), 500);
      const expected = snapshot(straight);
      straight.dispose();

      const first = new Dqn(ONE_HOT_16, config);
      const run = startRun(5);
      const before = drive(first, run, 217); // mid-episode, with n-step transitions pending
      const file = JSON.parse(JSON.stringify(first.save())) as unknown;
      first.dispose();
      const loaded = loadDqn(file);
      const after = drive(loaded, run, 283);
      expect([...before, ...after]).toEqual(straightLosses);
      expect(snapshot(loaded)).toEqual(expected);
      loaded.dispose();
    });
  }

  it('rejects malformed files with precise messages', () => {
    const agent = new Dqn(ONE_HOT_16, SMALL);
    drive(agent, startRun(2), 60);
    const file = JSON.parse(JSON.stringify(agent.save())) as { config: Record<string, unknown>; state: Record<string, unknown> };
    agent.dispose();
    expect(() => loadDqn(null)).toThrow('dqn file: must be an object');
    expect(() => loadDqn({ ...file, format: 'other' })).toThrow("dqn file: format must be 'floe-agent', got \"other\"");
    expect(() => loadDqn({ ...file, version: 2 })).toThrow('dqn file: version 2 is not supported (expected 1)');
    expect(() => loadDqn({ ...file, agent: 'ppo' })).toThrow("dqn file: agent must be 'dqn', got \"ppo\"");
    expect(() => loadDqn({ ...file, config: { ...file.config, gamma: 2 } })).toThrow('dqn file: dqn config: gamma must be in [0, 1], got 2');
    expect(() => loadDqn({ ...file, state: { ...file.state, steps: -1 } })).toThrow('dqn file: state.steps must be an integer >= 0, got -1');
    expect(() => loadDqn({ ...file, config: { ...file.config, hidden: [8] } })).toThrow('dqn file: state.networks[0]: weights file: layer 1 weights have shape [16, 16], expected [16, 8]');
    expect(() => loadDqn({ ...file, state: { ...file.state, optimizers: [] } })).toThrow('dqn file: state.optimizers must be an array of 1 Adam states');
    expect(() => loadDqn({ ...file, state: { ...file.state, buffer: { ...(file.state.buffer as object), actions: 'AAA=' } } })).toThrow(
      'dqn file: state.buffer: actions has 2 bytes, expected',
    );
  });
});
