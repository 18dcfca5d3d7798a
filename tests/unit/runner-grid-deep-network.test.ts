/** The deep grid snapshot's `network` field: the network run on one state for the network panel. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createGridDeepSession } from '../../agents/runner/grid-deep-session';
import { NETWORK_VALUES_CAP } from '../../agents/runner/network-reading';
import type { SessionConfig } from '../../agents/runner/grid-session';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { actionBars, layerColors, networkSummary } from '../../src/lib/ui/agent/network-view';

const fig = GRIDWORLD_PRESETS['fig-19-10'].spec;
const small = { hidden: '16,8', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const config = (agent: string, options: SessionConfig['options'] = {}): SessionConfig => ({ world: fig, agent, options, seed: 3 });

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the snapshot network field', () => {
  it("DQN: the penguin's cell by default; input, hidden and output layers; 4 q-values; v = max q", () => {
    const session = createGridDeepSession(config('dqn', small));
    session.step(120);
    const s = session.snapshot();
    session.dispose();
    const network = s.network!;
    expect(network.state).toBe(s.state);
    expect(network.layers.map((l) => [l.name, l.kind, l.units, l.activation, l.values.length])).toEqual([
      ['input', 'input', 16, 'none', 16],
      ['hidden 1', 'dense', 16, 'relu', 16],
      ['hidden 2', 'dense', 8, 'relu', 8],
      ['output', 'output', 4, 'linear', 4],
    ]);
    expect(network.layers[0].values[s.state]).toBe(1);
    expect(network.outputs.kind).toBe('q-values');
    expect(network.outputs.values).toHaveLength(4);
    // The same reading as the per-cell q of that state (walls aside).
    expect(network.outputs.values[0]).toBeCloseTo(s.q![s.state * 4], 5);
    expect(network.valueEstimate).toBeCloseTo(Math.max(...network.outputs.values), 6);
  });

  it('follows the inspected state at once, also with no step in between; null goes back to the penguin', () => {
    let clock = 0;
    const session = createGridDeepSession(config('dqn', small), { now: () => clock });
    session.step(30);
    const penguin = session.snapshot().state;
    const other = penguin === 5 ? 6 : 5;
    session.inspect(other);
    expect(session.snapshot().network!.state).toBe(other);
    expect(session.snapshot().network!.layers[0].values[other]).toBe(1);
    session.inspect(null);
    expect(session.snapshot().network!.state).toBe(penguin);
    session.inspect(99); // a state this world lacks: the penguin's
    clock = 1000;
    session.step(1);
    expect(session.snapshot().network!.state).toBe(session.snapshot().state);
    session.dispose();
  });

  it.each([
    ['actor-critic', { architecture: 'shared' }, true],
    ['ppo', { architecture: 'separate' }, true],
    ['reinforce', { baseline: 'none' }, false],
    ['reinforce', { baseline: 'learned-value' }, true],
  ] as const)('%s %j: probabilities that sum to 1; value estimate %s', (agent, options, hasValue) => {
    const session = createGridDeepSession(config(agent, options));
    session.step(20);
    const network = session.snapshot().network!;
    session.dispose();
    expect(network.outputs.kind).toBe('probabilities');
    expect(network.outputs.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(network.layers[0].kind).toBe('input');
    expect(network.layers[network.layers.length - 1]).toMatchObject({ kind: 'output', units: 4 });
    expect(network.layers.filter((l) => l.kind === 'dense').length).toBeGreaterThan(0);
    expect(network.valueEstimate !== undefined).toBe(hasValue);
  });

  it(`caps the values of a layer at ${NETWORK_VALUES_CAP}`, () => {
    const session = createGridDeepSession(config('dqn', { ...small, hidden: '300' }));
    const hidden = session.snapshot().network!.layers[1];
    session.dispose();
    expect(hidden.units).toBe(300);
    expect(hidden.values).toHaveLength(NETWORK_VALUES_CAP);
  });

  it('leaves no tensors behind', () => {
    const session = createGridDeepSession(config('ppo'));
    session.step(10);
    session.snapshot();
    const before = tf.memory().numTensors;
    for (let s = 0; s < 16; s++) {
      session.inspect(s);
      session.snapshot();
    }
    session.refresh();
    session.snapshot();
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });
});

describe('network panel helpers', () => {
  it('bars: probabilities as they are, q-values on their largest |q|, ties all greedy', () => {
    expect(actionBars({ kind: 'probabilities', values: [0.1, 0.4, 0.4, 0.1] }, ['up', 'right', 'down', 'left']).map((b) => [b.fraction, b.greedy])).toEqual([
      [0.1, false],
      [0.4, true],
      [0.4, true],
      [0.1, false],
    ]);
    const q = actionBars({ kind: 'q-values', values: [-2, 1, 0, 0.5] }, ['up', 'right', 'down', 'left']);
    expect(q.map((b) => [b.fraction, b.negative, b.greedy])).toEqual([
      [1, true, false],
      [0.5, false, true],
      [0, false, false],
      [0.25, false, false],
    ]);
  });

  it('colours: one CSS colour per value; the summary names what was read and the greedy action', () => {
    const colors = layerColors([0, 1, -1]);
    expect(colors).toHaveLength(3);
    expect(colors[0]).toBe('#f7f7f7'); // 0 is the neutral white of the value map
    expect(colors[1]).toBe('#2166ac');
    expect(colors[2]).toBe('#b2182b');
    const text = networkSummary(
      { layers: [{ name: 'input', kind: 'input', units: 16, activation: 'none', values: [] }], outputs: { kind: 'q-values', values: [0, 1, 0, 0] }, valueEstimate: 1 },
      ['up', 'right', 'down', 'left'],
      'the selected state 7',
    );
    expect(text).toContain('the selected state 7');
    expect(text).toContain('greedy right');
  });
});
