/**
 * The experiment file of the compare feature (agents/runner/experiment/spec.ts): defaults,
 * round trip, and one precise line for every kind of bad input, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { checkExperiment, gridworldSpecOf, parseExperiment, type Experiment } from '../../agents/runner/experiment/spec';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';

const AGENTS = 'monte-carlo, sarsa, expected-sarsa, q-learning, double-q-learning, dqn, reinforce, actor-critic, ppo';

const base = {
  format: 'floe-experiment',
  version: 1,
  world: { kind: 'gridworld', preset: 'cliff-walk' },
  configs: [
    { label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5 } },
    { label: 'SARSA', agent: 'sarsa', options: { alpha: 0.5 } },
  ],
  steps: 1000,
};

function error(input: unknown): string {
  const parsed = parseExperiment(input);
  if (parsed.ok) throw new Error('expected a rejection');
  return parsed.error;
}

function withConfigs(...configs: unknown[]): Record<string, unknown> {
  return { ...base, configs };
}

describe('parseExperiment: good input', () => {
  it('fills in the defaults: seeds 0..4, 100 points, the options as given', () => {
    const parsed = parseExperiment(base);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const e = parsed.experiment;
    expect(e.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(e.points).toBe(100);
    expect(e.threshold).toBeUndefined();
    expect(e.configs[0]).toEqual({ label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5 } });
    expect(gridworldSpecOf(e.world)).toBe(GRIDWORLD_PRESETS['cliff-walk'].spec);
  });

  it('reads JSON text, a seed count, a seed list, a threshold; the result parses to itself and shares nothing', () => {
    const input = { ...base, name: 'cliff', seeds: [7, 3], points: 50, threshold: -30, world: { kind: 'gridworld', preset: 'gridworld/cliff-walk' } };
    const e = checkExperiment(JSON.stringify(input));
    expect(e.seeds).toEqual([7, 3]);
    expect(e.world).toEqual({ kind: 'gridworld', preset: 'cliff-walk' });
    expect(e.threshold).toBe(-30);
    expect(e.name).toBe('cliff');
    expect(checkExperiment(e)).toEqual(e);
    expect(checkExperiment({ ...base, seeds: 3 }).seeds).toEqual([0, 1, 2]);
    const options = { alpha: 0.5 };
    const shared = checkExperiment(withConfigs({ label: 'a', agent: 'sarsa', options }, { label: 'b', agent: 'sarsa' }));
    options.alpha = 0.9;
    expect(shared.configs[0].options.alpha).toBe(0.5);
    expect(shared.configs[1].options).toEqual({});
  });

  it('takes a gridworld spec, cartpole and the arcade games (by name or id) with deep agents', () => {
    const spec = { version: 1, name: 'tiny', map: ['S.F'], rewardTiming: 'leave', slip: { model: 'deterministic' }, mode: 'mdp', gamma: 0.9, maxSteps: 10 };
    const grid = checkExperiment({ ...base, world: { kind: 'gridworld', spec } });
    expect(gridworldSpecOf(grid.world)?.map).toEqual(['S.F']);
    const deep = [
      { label: 'dqn', agent: 'dqn', options: { hidden: [32, 32] } },
      { label: 'ppo', agent: 'ppo', options: { nEnvs: 2 } },
    ];
    expect(checkExperiment({ ...base, world: { kind: 'cartpole' }, configs: deep }).configs[0].options).toEqual({ hidden: [32, 32] });
    expect(checkExperiment({ ...base, world: { kind: 'arcade', id: 'breakout' }, configs: deep }).world).toEqual({ kind: 'arcade', id: 'arcade/breakout' });
    expect(checkExperiment({ ...base, world: { kind: 'arcade', id: 'arcade/pong' }, configs: deep }).world).toEqual({ kind: 'arcade', id: 'arcade/pong' });
  });
});

describe('parseExperiment: one precise line per problem', () => {
  const cases: [string, unknown, string][] = [
    ['not JSON', '{"format": "floe-experiment",', 'experiment: not valid JSON: '],
    ['not an object', [1, 2], 'experiment: the experiment must be an object, got a list'],
    ['format', { ...base, format: 'floe-run' }, "experiment: format must be 'floe-experiment', got 'floe-run'"],
    ['newer version', { ...base, version: 2 }, 'experiment: version 2 was written by a newer Floe; this one reads version 1: open it with the newer Floe, or update this one'],
    ['older version', { ...base, version: 0 }, 'experiment: version 0 is not supported; expected version 1'],
    ['unknown top-level key', { ...base, speed: 3 }, "experiment: the top level has an unknown key 'speed'; keys are format, version, name, world, configs, seeds, steps, points, threshold"],
    ['__proto__ key', '{"__proto__": {"polluted": 1}, "format": "floe-experiment", "version": 1}', "experiment: the top level has the forbidden key '__proto__'"],
    ['constructor key in a config', withConfigs({ label: 'a', agent: 'sarsa', constructor: 1 }, { label: 'b', agent: 'sarsa' }), "experiment: configs[0] has the forbidden key 'constructor'"],
    ['__proto__ in options', JSON.parse('{"format":"floe-experiment","version":1,"world":{"kind":"cartpole"},"configs":[{"label":"a","agent":"dqn","options":{"__proto__":{"x":1}}},{"label":"b","agent":"dqn"}],"steps":10}'), "experiment: configs[0].options has the forbidden key '__proto__'"],
    ['missing world', { ...base, world: undefined }, 'experiment: world is missing'],
    ['world kind', { ...base, world: { kind: 'mujoco' } }, "experiment: world.kind must be 'gridworld', 'cartpole' or 'arcade', got 'mujoco'"],
    ['unknown preset', { ...base, world: { kind: 'gridworld', preset: 'cliff' } }, "experiment: world.preset 'cliff' is not a gridworld preset; presets are "],
    ['preset and spec', { ...base, world: { kind: 'gridworld', preset: 'cliff-walk', spec: {} } }, "experiment: a gridworld world needs exactly one of 'preset' (a preset id) and 'spec' (a gridworld spec)"],
    ['bad gridworld spec', { ...base, world: { kind: 'gridworld', spec: { version: 1, map: ['S..', 'F'] } } }, 'experiment: world.spec: map row 2 has 1 tiles, expected 3'],
    [
      'a map without choices',
      { ...base, world: { kind: 'gridworld', spec: { version: 1, name: 'walk', map: ['S.F'], rewardTiming: 'leave', slip: { model: 'random-walk' }, mode: 'markov-process', gamma: 0.9, maxSteps: 10 } } },
      "experiment: world.spec 'walk' is a markov-process: the penguin has no choices to learn; agents need a decision process (mode 'mdp')",
    ],
    ['arcade game', { ...base, world: { kind: 'arcade', id: 'tetris' } }, "experiment: world.id 'tetris' is not an arcade game; games are breakout, space-invaders, freeway, asterix, seaquest, pong"],
    ['extra world key', { ...base, world: { kind: 'cartpole', poleLength: 2 } }, "experiment: world has an unknown key 'poleLength'; keys are kind"],
    ['one config', withConfigs({ label: 'a', agent: 'sarsa' }), 'experiment: configs has 1 configurations, expected 2 to 6'],
    ['seven configs', withConfigs(...Array.from({ length: 7 }, (_, i) => ({ label: `c${i}`, agent: 'sarsa' }))), 'experiment: configs has 7 configurations, expected 2 to 6'],
    ['unknown agent', withConfigs({ label: 'a', agent: 'sarsa' }, { label: 'b', agent: 'q-learning' }, { label: 'c', agent: 'sarsaa' }), `experiment: configs[2].agent 'sarsaa' is not an agent; agents are ${AGENTS}`],
    ['planning method', withConfigs({ label: 'a', agent: 'value-iteration' }, { label: 'b', agent: 'sarsa' }), `experiment: configs[0].agent 'value-iteration' is a planning method that learns nothing from steps; agents are ${AGENTS}`],
    ['tabular on cartpole', { ...base, world: { kind: 'cartpole' } }, "experiment: configs[0].agent 'q-learning' is tabular and needs a gridworld, not cartpole (a continuous state); use a deep agent: dqn, reinforce, actor-critic, ppo"],
    ['unknown config key', withConfigs({ label: 'a', agent: 'sarsa', seed: 3 }, { label: 'b', agent: 'sarsa' }), "experiment: configs[0] has an unknown key 'seed'; keys are label, agent, options"],
    ['empty label', withConfigs({ label: ' ', agent: 'sarsa' }, { label: 'b', agent: 'sarsa' }), "experiment: configs[0].label must be a non-empty string, got ' '"],
    ['repeated label', withConfigs({ label: 'a', agent: 'sarsa' }, { label: 'a', agent: 'q-learning' }), "experiment: configs[1].label 'a' is also the label of configs[0]; labels must be distinct"],
    ['option out of range', withConfigs({ label: 'a', agent: 'q-learning', options: { alpha: 1.5 } }, { label: 'b', agent: 'sarsa' }), 'experiment: configs[0].options: q-learning config: alpha must be in (0, 1], got 1.5'],
    ['unknown option', withConfigs({ label: 'a', agent: 'sarsa' }, { label: 'b', agent: 'sarsa', options: { toString: 1 } }), "experiment: configs[1].options: unknown option 'toString' for sarsa; options are gamma, alpha, "],
    ['option of the wrong type', withConfigs({ label: 'a', agent: 'sarsa', options: { alpha: null } }, { label: 'b', agent: 'sarsa' }), 'experiment: configs[0].options.alpha must be a number, a string or true/false, got null'],
    ['deep list field', { ...base, world: { kind: 'cartpole' }, configs: [{ label: 'a', agent: 'dqn', options: { hidden: 'x' } }, { label: 'b', agent: 'ppo' }] }, "experiment: configs[0].options: dqn config: hidden must be comma-separated positive integers (e.g. 64,64), got 'x'"],
    ['deep combination', { ...base, world: { kind: 'cartpole' }, configs: [{ label: 'a', agent: 'dqn' }, { label: 'b', agent: 'ppo', options: { minibatches: 7 } }] }, 'experiment: configs[1].options: ppo config: minibatches 7 must divide the batch'],
    ['seed count 0', { ...base, seeds: 0 }, 'experiment: seeds (a count) must be an integer from 1 to 100, got 0'],
    ['seed count 101', { ...base, seeds: 101 }, 'experiment: seeds (a count) must be an integer from 1 to 100, got 101'],
    ['negative seed', { ...base, seeds: [1, -2] }, 'experiment: seeds[1] must be an integer from 0 to 2147483647, got -2'],
    ['repeated seed', { ...base, seeds: [1, 2, 1] }, 'experiment: seeds[2] repeats seed 1; every seed must be distinct'],
    ['empty seed list', { ...base, seeds: [] }, 'experiment: seeds has 0 entries, expected 1 to 100'],
    ['missing steps', { ...base, steps: undefined }, 'experiment: steps is missing (environment steps of every run)'],
    ['fractional steps', { ...base, steps: 10.5 }, 'experiment: steps must be an integer from 1 to 100000000, got 10.5'],
    ['points above steps', { ...base, steps: 50 }, 'experiment: points (100) must be at most steps (50): every bucket of the curve needs a step'],
    ['infinite threshold', { ...base, threshold: Infinity }, 'experiment: threshold must be a finite number, got Infinity'],
    ['NaN threshold', { ...base, threshold: NaN }, 'experiment: threshold must be a finite number, got NaN'],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => {
      const line = error(input);
      expect(line.startsWith(message), line).toBe(true);
      expect(line).not.toContain('\n');
    });
  }

  it('answers, never throws, when a getter throws', () => {
    const hostile = { ...base, get steps(): number { throw new Error('boom'); } };
    expect(error(hostile)).toBe('experiment: could not be read: boom');
    expect(() => checkExperiment({ ...base, version: 3 })).toThrow('experiment: version 3 was written by a newer Floe');
  });

  it('leaves Object.prototype alone', () => {
    error('{"__proto__": {"polluted": 1}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an experiment built in code (the page) passes too', () => {
    const e: Experiment = { format: 'floe-experiment', version: 1, world: { kind: 'cartpole' }, configs: [{ label: 'a', agent: 'dqn', options: {} }, { label: 'b', agent: 'reinforce', options: {} }], seeds: [0], steps: 10, points: 10 };
    expect(checkExperiment(e)).toEqual(e);
  });
});
