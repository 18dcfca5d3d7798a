/**
 * CartPole with its velocities hidden as a deep agent's world (agents/runner/deep-session.ts,
 * world-deep-session.ts, run-file.ts): the agent sees [x, theta], or the last k of them side by
 * side; the snapshot still carries the whole cart; same seed, same numbers; save, load, continue
 * = an uninterrupted run; what a run file cannot hold is refused with one message.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createDeepSession } from '../../agents/runner/deep-session';
import { checkRunFile, gridWorldOf, type RunFile } from '../../agents/runner/run-file';
import { createWorldDeepSession, loadWorldDeepSession, type CartPoleSnapshot, type HiddenCartPoleRunConfig, type WorldSnapshot } from '../../agents/runner/world-deep-session';
import { CARTPOLE_HIDDEN_VELOCITIES_ID } from '../../environments/pomdp/cartpole-hidden';

const HIDDEN = CARTPOLE_HIDDEN_VELOCITIES_ID;
const ppoOptions = { hiddenUnits: 16, nEnvs: 2, rolloutLength: 16, minibatches: 2 };
const stacked: HiddenCartPoleRunConfig = { world: HIDDEN, agent: 'ppo', options: ppoOptions, seed: 3, history: 3 };
const dqnOptions = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const memoryless: HiddenCartPoleRunConfig = { world: HIDDEN, agent: 'dqn', options: dqnOptions, seed: 5 };

const onCartPole = (world: unknown) => world === 'cartpole';
const onArcade = (world: unknown) => typeof world === 'string' && world !== 'cartpole';
const viaJson = (file: RunFile): unknown => JSON.parse(JSON.stringify(file));
const cartOf = (snapshot: WorldSnapshot): CartPoleSnapshot => {
  if (snapshot.kind !== 'cartpole') throw new Error(`expected a CartPole snapshot, got ${snapshot.kind}`);
  return snapshot;
};

describe('CartPole with hidden velocities, for deep agents', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('the agent sees [x, theta]: an input of 2, the float32 position and angle of the cart', () => {
    const session = createDeepSession({ world: HIDDEN, agent: 'dqn', options: { hidden: [8], learningStarts: 10, batchSize: 4, bufferSize: 50 }, seed: 2 });
    expect(session.dims).toEqual({ input: { kind: 'vector', size: 2 }, nActions: 2 });
    session.step(37);
    const snapshot = session.snapshot();
    const cart = (snapshot.states[0] as { inner: { x: number; theta: number } }).inner;
    expect(Array.from(snapshot.firstObservation as Float32Array)).toEqual([Math.fround(cart.x), Math.fround(cart.theta)]);
    session.dispose();
  });

  it('with a history of 3: an input of 6, the last three pairs oldest first, zeros before the start; the snapshot keeps the whole cart', () => {
    const session = createWorldDeepSession(stacked);
    const fresh = createDeepSession({ world: HIDDEN, agent: 'ppo', options: ppoOptions, seed: 3, history: 3 });
    expect(fresh.dims.input).toEqual({ kind: 'vector', size: 6 });
    const first = Array.from(fresh.snapshot().firstObservation as Float32Array);
    const start = (fresh.snapshot().states[0] as { inner: { inner: { x: number; theta: number } } }).inner.inner;
    expect(first).toEqual([0, 0, 0, 0, Math.fround(start.x), Math.fround(start.theta)]);
    fresh.dispose();

    session.step(40);
    const snapshot = cartOf(session.snapshot());
    expect(snapshot).toMatchObject({ kind: 'cartpole', agent: 'ppo', nEnvs: 2, globalStep: 80, hiddenVelocities: true, history: 3 });
    expect(Object.keys(snapshot.cart.inner).sort()).toEqual(['theta', 'thetaDot', 'x', 'xDot']);
    expect(Number.isInteger(snapshot.cart.elapsed)).toBe(true);
    const choice = session.act([0, 0, 0.01, 0.02, 0.02, 0.05]);
    expect(choice.reading.layers[0]).toMatchObject({ name: 'input', units: 6 });
    expect(() => session.act([0, 0, 0, 0])).toThrow(`${HIDDEN}: an observation is 6 finite numbers (the last 3 [x, theta] pairs, oldest first), got 4 values`);
    session.dispose();

    const plain = createWorldDeepSession(memoryless);
    expect(() => plain.act([0, 0, 0, 0])).toThrow(`${HIDDEN}: an observation is 2 finite numbers [x, theta], got 4 values`);
    expect(cartOf(plain.snapshot())).toMatchObject({ hiddenVelocities: true, history: 1 });
    plain.dispose();
  });

  it('full CartPole snapshots say the agent sees everything', () => {
    const session = createWorldDeepSession({ world: 'cartpole', agent: 'dqn', options: dqnOptions, seed: 1 });
    expect(cartOf(session.snapshot())).toMatchObject({ hiddenVelocities: false, history: 1 });
    session.dispose();
  });

  it('same seed, same config: the same run, number for number', () => {
    const a = createWorldDeepSession(stacked);
    const b = createWorldDeepSession(stacked);
    const rowsA = a.step(120);
    const rowsB = b.step(120);
    expect(rowsA).toEqual(rowsB);
    expect(rowsA.some((row) => row['losses/policy_loss'] !== undefined)).toBe(true);
    expect(JSON.stringify(a.saveRun())).toBe(JSON.stringify(b.saveRun()));
    const other = createWorldDeepSession({ ...stacked, history: 2 });
    other.step(120);
    expect(JSON.stringify(other.saveRun().progress)).not.toBe(JSON.stringify(a.saveRun().progress));
    for (const session of [a, b, other]) session.dispose();
  });

  for (const config of [stacked, memoryless]) {
    it(`save, load, continue (history ${config.history ?? 1}): the same numbers as an uninterrupted run`, () => {
      const whole = createWorldDeepSession(config);
      whole.step(90 + 70);
      const expected = whole.saveRun();

      const first = createWorldDeepSession(config);
      first.step(90);
      const saved = first.saveRun();
      expect(saved).toMatchObject({ world: HIDDEN, history: config.history ?? 1 });
      const file = checkRunFile(viaJson(saved));
      first.dispose();
      const { session, config: adopted } = loadWorldDeepSession(file, onCartPole, config.options);
      expect(adopted).toEqual({ ...config, history: config.history ?? 1 });
      session.step(70);
      const continued = session.saveRun();
      expect(continued.progress).toEqual(expected.progress);
      expect(JSON.stringify(continued.agent)).toBe(JSON.stringify(expected.agent));
      session.dispose();
      whole.dispose();
    });
  }

  it('a run file without history reads as history 1 (files saved before it existed)', () => {
    const session = createWorldDeepSession(memoryless);
    session.step(20);
    const file = viaJson(session.saveRun()) as Record<string, unknown>;
    session.dispose();
    delete file.history;
    const { session: loaded, config } = loadWorldDeepSession(checkRunFile(file), onCartPole);
    expect(config.history).toBe(1);
    loaded.dispose();
  });

  it('refuses what a run cannot be, each with one message, leaking no tensors', () => {
    const session = createWorldDeepSession(stacked);
    session.step(20);
    const good = viaJson(session.saveRun()) as Record<string, unknown>;
    session.dispose();
    const tensors = tf.memory().numTensors;

    expect(() => checkRunFile({ ...good, history: 0 })).toThrow('run file: history must be a whole number from 1 to 16, got 0');
    expect(() => checkRunFile({ ...good, history: 2.5 })).toThrow('run file: history must be a whole number from 1 to 16, got 2.5');
    expect(() => checkRunFile({ ...good, history: '3' })).toThrow('run file: history must be a whole number from 1 to 16, got "3"');
    expect(() => checkRunFile({ ...good, world: 'cartpole' })).toThrow(`run file: history applies to ${HIDDEN} only, but the run was saved on cartpole`);

    const file = checkRunFile(good);
    expect(() => loadWorldDeepSession(file, onArcade)).toThrow('run file: this run was saved on CartPole with its velocities hidden; open it on the CartPole page');
    expect(() => gridWorldOf(file)).toThrow('run file: this run was saved on CartPole with its velocities hidden; open it on the CartPole page');
    // Saved with 3 observations stacked, claimed as 2: the network's input does not fit.
    expect(() => loadWorldDeepSession(checkRunFile({ ...good, history: 2 }), onCartPole)).toThrow(/the agent was made for input \{"kind":"vector","size":6\}.*this world has input \{"kind":"vector","size":4\}/);
    const broken = structuredClone(good) as { progress: { states: { frames: unknown[] }[] } };
    broken.progress.states[1].frames = [[0, 0], [0, 'x'], [0, 0]];
    expect(() => loadWorldDeepSession(checkRunFile(broken), onCartPole)).toThrow(
      'run file: progress.states[1]: must be {inner, frames, previousAction} with 3 frames of 2 finite numbers and previousAction null',
    );
    expect(tf.memory().numTensors).toBe(tensors);

    expect(() => createWorldDeepSession({ world: 'cartpole', agent: 'dqn', options: dqnOptions, seed: 1, history: 2 })).toThrow(`history applies to ${HIDDEN} only, got it with cartpole`);
    expect(() => createWorldDeepSession({ ...stacked, history: 17 })).toThrow('history must be a whole number from 1 to 16, got 17');
    expect(() => createDeepSession({ world: 'cartpole', agent: 'dqn', seed: 1, history: 2 })).toThrow(`history applies to ${HIDDEN} only, got it with cartpole`);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
