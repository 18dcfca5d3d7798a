/**
 * A deep agent learning CartPole in the worker's session shape (agents/runner/cartpole-deep-session.ts):
 * the training copy's cart in the snapshot, the agent's choice on any observation, and save,
 * load, continue = an uninterrupted run. Run files of the other world are refused on each side.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createCartPoleDeepSession, loadCartPoleDeepSession, type CartPoleRunConfig } from '../../agents/runner/cartpole-deep-session';
import { createGridDeepSession, loadGridDeepSession } from '../../agents/runner/grid-deep-session';
import { checkRunFile, type RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';

const dqnOptions = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const dqn: CartPoleRunConfig = { world: 'cartpole', agent: 'dqn', options: dqnOptions, seed: 4 };
const ppo: CartPoleRunConfig = { world: 'cartpole', agent: 'ppo', options: { hiddenUnits: 16, nEnvs: 2, rolloutLength: 32, minibatches: 2 }, seed: 2 };

/** A JSON round trip, as a file or IndexedDB gives it back. */
const viaJson = (file: RunFile): unknown => JSON.parse(JSON.stringify(file));

describe('CartPole deep session', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('steps CartPole and shows the first copy of the world', () => {
    const session = createCartPoleDeepSession(ppo);
    const rows = session.step(100);
    const snapshot = session.snapshot();
    expect(snapshot).toMatchObject({ kind: 'cartpole', agent: 'ppo', nEnvs: 2, globalStep: 200 });
    expect(snapshot.cart.elapsed).toBeGreaterThanOrEqual(0);
    expect(Object.keys(snapshot.cart.inner).sort()).toEqual(['theta', 'thetaDot', 'x', 'xDot']);
    expect(snapshot.episode).toBe(rows.filter((r) => r['charts/episodic_return'] !== undefined).length);
    expect(snapshot.lastLoss).not.toBeNull(); // 2 x 32 steps fill a rollout: PPO has updated
    session.dispose();
  });

  it("act: the greedy action is the reading's best output, and the reading is DQN's q-values", () => {
    const session = createCartPoleDeepSession(dqn);
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
    expect(() => session.act([0, 0, 0])).toThrow(/4 finite numbers/);
    expect(() => session.act([0, 0, Number.NaN, 0])).toThrow(/4 finite numbers/);
    session.dispose();
  });

  it('act and snapshots leak no tensors', () => {
    const session = createCartPoleDeepSession(ppo);
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
    const whole = createCartPoleDeepSession(dqn);
    whole.step(150 + 130);
    const expected = whole.saveRun();

    const first = createCartPoleDeepSession(dqn);
    first.step(150);
    const file = viaJson(first.saveRun());
    first.dispose();
    const { session, config } = loadCartPoleDeepSession(checkRunFile(file), dqnOptions);
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
    const cart = createCartPoleDeepSession(dqn);
    cart.step(60);
    const cartFile = checkRunFile(viaJson(cart.saveRun()));
    cart.dispose();
    expect(() => loadGridDeepSession(cartFile)).toThrow('run file: this run was saved on CartPole; open it on the CartPole page');

    const grid = createGridDeepSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'dqn', options: dqnOptions, seed: 1 });
    grid.step(60);
    const gridFile = checkRunFile(viaJson(grid.saveRun()));
    grid.dispose();
    expect(() => loadCartPoleDeepSession(gridFile)).toThrow('run file: this run was saved on a gridworld; open it on the gridworld page');

    const broken = viaJson(cartFile) as { progress: { states: unknown[] } };
    broken.progress.states[0] = { inner: { x: 0, xDot: 0, theta: 'up', thetaDot: 0 }, elapsed: 3 };
    const tensors = tf.memory().numTensors;
    expect(() => loadCartPoleDeepSession(checkRunFile(broken))).toThrow(/^run file: progress.states\[0\]: must be \{inner: \{x, xDot, theta, thetaDot\}, elapsed\} with finite numbers$/);
    expect(tf.memory().numTensors).toBe(tensors); // the refused agent was disposed
  });
});
