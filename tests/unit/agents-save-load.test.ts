import { describe, expect, it } from 'vitest';
import { createRng, restoreRng, type Rng } from '../../environments/core/rng';
import type { TimeLimitedState } from '../../environments/core/time-limit';
import { makeGridworld } from '../../environments/gridworld/env';
import type { TabularLearner, TabularLearnerName } from '../../agents/tabular/learner';
import { createLearner, loadTabularAgent } from '../../agents/tabular/registry';
import { presetModel } from './agents-helpers';

const fig = presetModel('fig-19-10');
const env = makeGridworld(fig);

interface Loop {
  state: TimeLimitedState<number>;
  obs: number;
  rngs: { env: Rng; explore: Rng; replay: Rng };
}

/** The runner's loop, written out so that its state (env state, rngs) can be copied mid-run. */
function run(agent: TabularLearner, loop: Loop, steps: number): void {
  for (let i = 0; i < steps; i++) {
    const action = agent.act(loop.obs, loop.rngs.explore, 'explore');
    const result = env.step(loop.state, action, loop.rngs.env);
    agent.observe({ obs: loop.obs, action, reward: result.reward, nextObs: result.obs, terminated: result.terminated, truncated: result.truncated }, loop.rngs.replay);
    agent.update(loop.rngs.replay);
    ({ state: loop.state, obs: loop.obs } = result);
    if (result.terminated || result.truncated) {
      ({ state: loop.state, obs: loop.obs } = env.reset(loop.rngs.env));
      agent.reset?.();
    }
  }
}

const copyLoop = (loop: Loop): Loop => ({
  state: loop.state,
  obs: loop.obs,
  rngs: { env: restoreRng(loop.rngs.env.state()), explore: restoreRng(loop.rngs.explore.state()), replay: restoreRng(loop.rngs.replay.state()) },
});

const configs: [TabularLearnerName, object][] = [
  ['q-learning', { epsilonDecay: 'linear', epsilon: 1, epsilonEnd: 0.1 }],
  ['double-q-learning', {}],
  ['sarsa', { exploration: 'boltzmann' }],
  ['expected-sarsa', { alphaDecay: 'exponential' }],
  ['monte-carlo', { variant: 'on-policy' }],
  ['monte-carlo', { variant: 'off-policy', visit: 'every' }],
];

describe('saving and loading a learner', () => {
  for (const [name, config] of configs) {
    it(`${name} ${JSON.stringify(config)}: a JSON round trip mid-episode continues identically`, () => {
      const original = createLearner(name, fig, config);
      const start = env.reset(createRng(0));
      const loop: Loop = { ...start, rngs: { env: createRng('e'), explore: createRng('x'), replay: createRng('r') } };
      run(original, loop, 5_003); // mid-episode: MC keeps an unfinished episode, SARSA a committed action
      const file = JSON.parse(JSON.stringify(original.save()));
      expect(file).toMatchObject({ format: 'floe-agent', version: 1, agent: name });
      const restored = loadTabularAgent(file);
      expect(restored.config).toEqual(original.config);
      expect(restored.steps).toBe(original.steps);
      expect(new Uint8Array(restored.q.buffer)).toEqual(new Uint8Array(original.q.buffer));

      const twin = copyLoop(loop);
      run(original, loop, 20_000);
      run(restored, twin, 20_000);
      expect(new Uint8Array(restored.q.buffer)).toEqual(new Uint8Array(original.q.buffer));
      expect(restored.save()).toEqual(original.save());
    });
  }

  it('stores q-tables as plain arrays', () => {
    const agent = createLearner('double-q-learning', { nS: 2, nA: 2 });
    const file = agent.save();
    expect(Array.isArray(file.state.qA)).toBe(true);
    expect(file.state).toMatchObject({ nS: 2, nA: 2, steps: 0, qA: [0, 0, 0, 0], qB: [0, 0, 0, 0] });
  });
});

describe('loadTabularAgent rejects bad files with precise messages', () => {
  const good = () => JSON.parse(JSON.stringify(createLearner('q-learning', { nS: 2, nA: 2 }).save()));

  it('format, version and agent', () => {
    expect(() => loadTabularAgent(null)).toThrow('agent file must be a JSON object');
    expect(() => loadTabularAgent({ ...good(), format: 'other' })).toThrow(`agent file: format must be 'floe-agent', got "other"`);
    expect(() => loadTabularAgent({ ...good(), version: 2 })).toThrow('agent file: version must be 1, got 2');
    expect(() => loadTabularAgent({ ...good(), agent: 'dqn' })).toThrow("unknown tabular agent 'dqn'");
    expect(() => loadTabularAgent({ ...good(), agent: 'value-iteration' })).toThrow("agent file: 'value-iteration' is a planning method, not a learner");
  });

  it('config', () => {
    expect(() => loadTabularAgent({ ...good(), config: { ...good().config, alpha: 2 } })).toThrow('agent file: q-learning config: alpha must be in (0, 1], got 2');
    expect(() => loadTabularAgent({ ...good(), config: { ...good().config, beta: 2 } })).toThrow("agent file: unknown option 'beta' for q-learning");
  });

  it('tables: shape, NaN (null after JSON), infinities', () => {
    const file = good();
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, q: [0, 0, 0] } })).toThrow('q-learning file: state.q has 3 entries, expected 4');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, q: [0, null, 0, 0] } })).toThrow('q-learning file: state.q[1] must be a finite number, got null');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, q: [0, 0, Number.NaN, 0] } })).toThrow('state.q[2] must be a finite number');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, q: 'zeros' } })).toThrow('state.q must be an array of numbers');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, steps: -1 } })).toThrow('state.steps must be an integer in [0, ');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, nS: 0 } })).toThrow('agent file: q-learning: nS must be a positive integer, got 0');
  });

  it('a Monte Carlo episode buffer', () => {
    const mc = createLearner('monte-carlo', { nS: 2, nA: 2 });
    mc.observe({ obs: 0, action: 1, reward: 1, nextObs: 1, terminated: false, truncated: false }, createRng(0));
    const file = JSON.parse(JSON.stringify(mc.save()));
    expect(file.state.episodeStates).toEqual([0]);
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, episodeActions: [5] } })).toThrow('monte-carlo file: state.episodeActions[0] must be an action in [0, 1], got 5');
    expect(() => loadTabularAgent({ ...file, state: { ...file.state, episodeRewards: [] } })).toThrow('state.episodeRewards has 0 entries, expected 1');
  });
});
