/** Saved runs (agents/runner/run-file.ts): the envelope's checks, and save, load, continue = an uninterrupted run. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createGridDeepSession, loadGridDeepSession } from '../../agents/runner/grid-deep-session';
import { createGridSession, loadGridSession, type SessionConfig } from '../../agents/runner/grid-session';
import { checkRunFile, parseRunFileText, type RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { base64ToBytes, bytesToBase64, type WeightsFile } from '../../agents/deep/weights-file';

const fig = GRIDWORLD_PRESETS['fig-19-10'].spec;
const qConfig: SessionConfig = { world: fig, agent: 'q-learning', options: { epsilonDecay: 'linear', epsilon: 1, epsilonEnd: 0.1 }, seed: 7 };
const dqnOptions = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const dqnConfig: SessionConfig = { world: fig, agent: 'dqn', options: dqnOptions, seed: 3 };

/** A JSON round trip, as a file or IndexedDB gives it back. */
const viaJson = (file: RunFile): unknown => JSON.parse(JSON.stringify(file));

function savedQRun(steps = 237): RunFile {
  const session = createGridSession(qConfig);
  session.step(steps);
  const file = session.saveRun();
  session.dispose();
  return file;
}

describe('save, load, continue: the same numbers as an uninterrupted run', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('Q-learning, saved mid-episode', () => {
    const whole = createGridSession(qConfig);
    whole.step(237 + 500);
    const expected = JSON.stringify(whole.saveRun());

    const { session, config } = loadGridSession(checkRunFile(viaJson(savedQRun(237))), qConfig.options);
    expect(config).toEqual({ ...qConfig, world: config.world });
    expect(session.snapshot()).toMatchObject({ globalStep: 237 });
    session.step(500);
    expect(JSON.stringify(session.saveRun())).toBe(expected);
    expect(session.snapshot().q).toEqual(whole.snapshot().q);
  });

  it('DQN: weights, optimiser, replay buffer and the rng streams', () => {
    const whole = createGridDeepSession(dqnConfig);
    whole.step(180 + 150);
    const expected = whole.saveRun();

    const first = createGridDeepSession(dqnConfig);
    first.step(180);
    const file = viaJson(first.saveRun());
    first.dispose();
    const { session } = loadGridDeepSession(checkRunFile(file), dqnOptions);
    expect(session.snapshot().globalStep).toBe(180);
    session.step(150);
    const continued = session.saveRun();
    expect(continued.progress).toEqual(expected.progress);
    expect(JSON.stringify(continued.agent)).toBe(JSON.stringify(expected.agent));
    session.refresh();
    whole.refresh();
    expect(session.snapshot().q).toEqual(whole.snapshot().q);
    session.dispose();
    whole.dispose();
  });
});

describe('bad run files are refused with one precise message', () => {
  const good = JSON.stringify(savedQRun(40));
  const edited = (edit: (f: Record<string, unknown>) => void): string => {
    const f = JSON.parse(good) as Record<string, unknown>;
    edit(f);
    return JSON.stringify(f);
  };
  const load = (text: string) => loadGridSession(parseRunFileText(text));

  it('truncated JSON', () => {
    expect(() => load(good.slice(0, good.length / 2))).toThrow(/^run file is not valid JSON \(truncated or damaged\?\)/);
  });

  it('wrong format or version', () => {
    expect(() => load(edited((f) => (f.format = 'floe-agent')))).toThrow("run file: format must be 'floe-run', got \"floe-agent\" (this is a bare agent file");
    expect(() => load(edited((f) => (f.version = 2)))).toThrow('run file: version must be 1, got 2');
    expect(() => load('[1, 2]')).toThrow('run file must be a JSON object, got an array');
  });

  it('NaN in the q-table (null after JSON)', () => {
    const text = edited((f) => {
      const agent = f.agent as { state: { q: number[] } };
      agent.state.q[5] = NaN;
    });
    expect(() => load(text)).toThrow(/^run file: agent: .*q.*5/);
  });

  it('NaN in DQN weights', async () => {
    await initBackend('wasm');
    const session = createGridDeepSession(dqnConfig);
    session.step(60);
    const f = viaJson(session.saveRun()) as { agent: { state: { networks: WeightsFile[] } } };
    session.dispose();
    // A NaN in the first layer's weights (value 3), written into the float32 data.
    const network = f.agent.state.networks[0];
    const bytes = base64ToBytes(network.data);
    new DataView(bytes.buffer).setFloat32(3 * 4, Number.NaN, true);
    f.agent.state.networks[0] = { ...network, data: bytesToBase64(bytes) };
    expect(() => loadGridDeepSession(parseRunFileText(JSON.stringify(f)))).toThrow(
      'run file: agent: dqn file: state.networks[0]: weights file: layer 1 weights value 3 is NaN, expected a finite number',
    );
  });

  it('a world of another size than the agent, a bad world, a cell outside the world', () => {
    const bigger = GRIDWORLD_PRESETS['frozen-lake-8x8'].spec;
    expect(() => load(edited((f) => (f.world = bigger)))).toThrow('run file: the agent has nS 16 x nA 4, but its world has 64 states and 4 actions');
    expect(() => load(edited((f) => (f.world = { ...fig, gamma: 1.5 })))).toThrow(/^run file: world: .*gamma/);
    expect(() => load(edited((f) => ((f.progress as { obs: number }).obs = 99)))).toThrow('run file: progress.obs must be a cell of this world (0 to 15)');
    expect(() => load(edited((f) => ((f.progress as { rng: { env: { s0: unknown } } }).rng.env.s0 = 'x')))).toThrow('run file: progress.rng.env.s0 must be a finite number, got "x"');
  });
});
