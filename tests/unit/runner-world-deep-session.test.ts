/**
 * A deep agent learning CartPole or an arcade game in the worker's session shape
 * (agents/runner/world-deep-session.ts): the training copy in the snapshot, the agent's choice on
 * any observation, and save, load, continue = an uninterrupted run. Run files of another world
 * are refused on each page.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { pageOptionsOf } from '../../agents/deep/page-options';
import { createWorldDeepSession, loadWorldDeepSession, loadWorldPolicy, type CartPoleRunConfig, type CartPoleSnapshot, type WorldSnapshot } from '../../agents/runner/world-deep-session';
import { createGridDeepSession, loadGridDeepSession } from '../../agents/runner/grid-deep-session';
import { checkRunFile, type RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { exportPolicy } from '../../agents/deep/policy-file';
import { readNetwork } from '../../agents/runner/network-reading';
import { createDeepSession } from '../../agents/runner/deep-session';

const dqnOptions = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const dqn: CartPoleRunConfig = { world: 'cartpole', agent: 'dqn', options: dqnOptions, seed: 4 };
const ppo: CartPoleRunConfig = { world: 'cartpole', agent: 'ppo', options: { hiddenUnits: 16, nEnvs: 2, rolloutLength: 32, minibatches: 2 }, seed: 2 };

const onCartPole = (world: unknown) => world === 'cartpole';
const cartOf = (snapshot: WorldSnapshot): CartPoleSnapshot => {
  if (snapshot.kind !== 'cartpole') throw new Error(`expected a CartPole snapshot, got ${snapshot.kind}`);
  return snapshot;
};

/** A JSON round trip, as a file or IndexedDB gives it back. */
const viaJson = (file: RunFile): unknown => JSON.parse(JSON.stringify(file));

describe('CartPole deep session', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('steps CartPole and shows the first copy of the world', () => {
    const session = createWorldDeepSession(ppo);
    const rows = session.step(100);
    const snapshot = cartOf(session.snapshot());
    expect(snapshot).toMatchObject({ kind: 'cartpole', agent: 'ppo', nEnvs: 2, globalStep: 200 });
    expect(snapshot.cart.elapsed).toBeGreaterThanOrEqual(0);
    expect(Object.keys(snapshot.cart.inner).sort()).toEqual(['theta', 'thetaDot', 'x', 'xDot']);
    expect(snapshot.episode).toBe(rows.filter((r) => r['charts/episodic_return'] !== undefined).length);
    expect(snapshot.lastLoss).not.toBeNull(); // 2 x 32 steps fill a rollout: PPO has updated
    session.dispose();
  });

  it("act: the greedy action is the reading's best output, and the reading is DQN's q-values", () => {
    const session = createWorldDeepSession(dqn);
    session.step(120);
    for (const obs of [
      [0, 0, 0.05, 0],
      [0, 0, -0.05, 0],
      [1.2, -0.4, 0.1, 0.8],
    ]) {
      const choice = session.act(obs);
      expect(choice.reading.outputs.kind).toBe('q-values');
      const q = choice.reading.outputs.values;
      expect(q).toHaveLength(2);
      expect(choice.action).toBe(q[1] > q[0] ? 1 : 0);
      expect(choice.reading.layers[0]).toMatchObject({ name: 'input', units: 4 });
      expect(choice.reading.layers[0].values).toEqual(Array.from(Float32Array.from(obs)));
    }
    expect(() => session.act([0, 0, 0])).toThrow('cartpole: an observation is 4 finite numbers [x, xDot, theta, thetaDot], got 3 values');
    expect(() => session.act([0, 0, Number.NaN, 0])).toThrow('got 4 values with a non-finite one');
    session.dispose();
  });

  it('act and snapshots leak no tensors', () => {
    const session = createWorldDeepSession(ppo);
    session.step(10);
    session.act([0, 0, 0, 0]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      session.act([0.01 * i, 0, 0, 0]);
      session.snapshot();
    }
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });

  it('save, load, continue: the same numbers as an uninterrupted run', () => {
    const whole = createWorldDeepSession(dqn);
    whole.step(150 + 130);
    const expected = whole.saveRun();

    const first = createWorldDeepSession(dqn);
    first.step(150);
    const file = viaJson(first.saveRun());
    first.dispose();
    const { session, config } = loadWorldDeepSession(checkRunFile(file), onCartPole, dqnOptions);
    expect(config).toEqual(dqn);
    expect(session.snapshot().globalStep).toBe(150);
    session.step(130);
    const continued = session.saveRun();
    expect(continued.progress).toEqual(expected.progress);
    expect(JSON.stringify(continued.agent)).toBe(JSON.stringify(expected.agent));
    session.dispose();
    whole.dispose();
  });

  it('refuses a run of the other world, a broken cart state and a gridworld agent, each with one message', () => {
    const cart = createWorldDeepSession(dqn);
    cart.step(60);
    const cartFile = checkRunFile(viaJson(cart.saveRun()));
    cart.dispose();
    expect(() => loadGridDeepSession(cartFile)).toThrow('run file: this run was saved on CartPole; open it on the CartPole page');

    const grid = createGridDeepSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'dqn', options: dqnOptions, seed: 1 });
    grid.step(60);
    const gridFile = checkRunFile(viaJson(grid.saveRun()));
    grid.dispose();
    expect(() => loadWorldDeepSession(gridFile, onCartPole)).toThrow('run file: this run was saved on a gridworld; open it on the gridworld page');

    const broken = viaJson(cartFile) as { progress: { states: unknown[] } };
    broken.progress.states[0] = { inner: { x: 0, xDot: 0, theta: 'up', thetaDot: 0 }, elapsed: 3 };
    const tensors = tf.memory().numTensors;
    expect(() => loadWorldDeepSession(checkRunFile(broken), onCartPole)).toThrow(/^run file: progress.states\[0\]: must be \{inner: \{x, xDot, theta, thetaDot\}, elapsed\} with finite numbers$/);
    expect(tf.memory().numTensors).toBe(tensors); // the refused agent was disposed
  });

  it('an arcade game: the first copy\'s planes in the snapshot, the agent acts on planes, CartPole refuses its runs', () => {
    const config = { world: 'arcade/breakout' as const, agent: 'dqn', options: { convFilters: 4, hidden: '16', learningStarts: 40, batchSize: 8, bufferSize: 200 }, seed: 3 };
    const session = createWorldDeepSession(config);
    session.step(60);
    const snapshot = session.snapshot();
    if (snapshot.kind !== 'arcade') throw new Error('expected an arcade snapshot');
    expect(snapshot).toMatchObject({ world: 'arcade/breakout', agent: 'dqn', globalStep: 60 });
    expect(snapshot.planes).toHaveLength(10 * 10 * 4);
    expect(snapshot.planes.every((v) => v === 0 || v === 1)).toBe(true);
    const choice = session.act(snapshot.planes);
    expect(choice.reading.outputs.values).toHaveLength(3);
    expect(choice.reading.layers.map((l) => l.kind)).toEqual(['input', 'conv', 'dense', 'output']);
    expect(() => session.act([0, 0, 0, 0])).toThrow("arcade/breakout: an observation is 400 finite numbers (the game's planes), got 4 values");

    const file = checkRunFile(viaJson(session.saveRun()));
    expect(file.world).toBe('arcade/breakout');
    expect(() => loadWorldDeepSession(file, onCartPole)).toThrow('run file: this run was saved on arcade/breakout; open it on the arcade page');
    const { session: loaded, config: adopted } = loadWorldDeepSession(file, (w) => w === 'arcade/breakout', config.options);
    expect(adopted).toEqual(config);
    loaded.step(10);
    session.step(10);
    expect(JSON.stringify(loaded.saveRun())).toBe(JSON.stringify(session.saveRun()));
    loaded.dispose();
    session.dispose();
  });

  it('a pretrained agent (policy file) runs as a fresh run with its weights; another world\'s is refused', () => {
    const trained = createDeepSession({ world: 'cartpole', agent: 'dqn', options: { hidden: [16, 8], learningStarts: 40, batchSize: 8, bufferSize: 200 }, seed: 5 });
    trained.step(120);
    const policy: unknown = JSON.parse(JSON.stringify(exportPolicy(trained.learner, 'cartpole', { command: 'x', seed: 5, frames: 120, averageReturn: 20, episodes: 5 })));
    const { session, config } = loadWorldPolicy(policy, onCartPole, 9);
    expect(config).toMatchObject({ world: 'cartpole', agent: 'dqn', seed: 9 });
    expect(config.options.hidden).toBe('16,8');
    expect(config.options.initSeed).toBeUndefined(); // the run's seed sets the weights of a fresh run
    expect(session.snapshot().globalStep).toBe(0);
    const obs = [0.1, 0, -0.05, 0.2];
    expect(session.act(obs).reading).toEqual(readNetwork(trained.learner, Float32Array.from(obs)));
    session.dispose();
    const tensors = tf.memory().numTensors;
    expect(() => loadWorldPolicy(policy, (w) => w === 'arcade/breakout', 9)).toThrow('policy file: this agent was trained on cartpole; open it on the CartPole page');
    expect(tf.memory().numTensors).toBe(tensors);
    trained.dispose();
    expect(pageOptionsOf({ hidden: [64, 64], initSeed: 3, seed: 2, double: true, loss: 'huber' })).toEqual({ hidden: '64,64', double: true, loss: 'huber' });
  });
});
