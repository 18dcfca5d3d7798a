/** The compare page's form (src/pages/compare/experiment-form.ts): defaults, edits, and the mapping to a checked experiment. */
import { describe, expect, it } from 'vitest';
import {
  agentsFor,
  defaultForm,
  formToExperiment,
  formToRaw,
  uniqueLabel,
  withAddedConfig,
  withAgent,
  withLabel,
  withOption,
  withoutConfig,
  withWorld,
  WORLD_CHOICES,
} from '../../src/pages/compare/experiment-form';

describe('compare form', () => {
  it('starts as Q-learning against SARSA on the cliff walk, 5 seeds of 20,000 steps', () => {
    const parsed = formToExperiment(defaultForm());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const e = parsed.experiment;
    expect(e.world).toEqual({ kind: 'gridworld', preset: 'cliff-walk' });
    expect(e.configs.map((c) => c.agent)).toEqual(['q-learning', 'sarsa']);
    expect(e.configs.map((c) => c.label)).toEqual(['Q-learning', 'SARSA']);
    expect(e.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(e.steps).toBe(20_000);
    expect(e.points).toBe(100);
    expect(e.threshold).toBe(-30);
  });

  it('maps to the experiment file; the threshold only when asked for', () => {
    const form = { ...defaultForm(), useThreshold: false, seeds: 3 };
    expect(formToRaw(form)).toEqual({
      format: 'floe-experiment',
      version: 1,
      world: { kind: 'gridworld', preset: 'cliff-walk' },
      configs: [
        { label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5, epsilon: 0.1 } },
        { label: 'SARSA', agent: 'sarsa', options: { alpha: 0.5, epsilon: 0.1 } },
      ],
      seeds: 3,
      steps: 20_000,
      points: 100,
    });
    const parsed = formToExperiment(form);
    expect(parsed.ok && parsed.experiment.threshold).toBe(undefined);
  });

  it('shows parseExperiment\'s one message for a bad field', () => {
    const empty = formToExperiment({ ...defaultForm(), steps: Number.NaN });
    expect(empty).toEqual({ ok: false, error: expect.stringMatching(/^experiment: steps must be an integer/) });
    const same = formToExperiment(withLabel(defaultForm(), 1, 'Q-learning'));
    expect(same.ok ? '' : same.error).toMatch(/labels must be distinct/);
    const alpha = formToExperiment(withOption(defaultForm(), 0, 'alpha', 7));
    expect(alpha.ok ? '' : alpha.error).toMatch(/configs\[0\]\.options/);
    const points = formToExperiment({ ...defaultForm(), steps: 50 });
    expect(points.ok ? '' : points.error).toMatch(/points \(100\) must be at most steps \(50\)/);
  });

  it('offers decision-process gridworlds, CartPole and the arcade games; tabular agents only on gridworlds', () => {
    const values = WORLD_CHOICES.map((w) => w.value);
    expect(values).toContain('gridworld:cliff-walk');
    expect(values).toContain('cartpole');
    expect(values).toContain('arcade:breakout');
    expect(values).not.toContain('gridworld:fig-19-1-markov-process');
    expect(agentsFor('gridworld:cliff-walk')).toEqual(expect.arrayContaining(['q-learning', 'sarsa', 'dqn']));
    expect(agentsFor('cartpole')).not.toContain('q-learning');
    // Every world parses with its offered agents.
    for (const world of values) {
      const form = withWorld(defaultForm(), world);
      const parsed = formToExperiment(form);
      expect(parsed.ok ? '' : parsed.error, world).toBe('');
    }
  });

  it('moving to CartPole turns tabular configurations into DQN with its tuned options and distinct labels', () => {
    const form = withWorld(defaultForm(), 'cartpole');
    expect(form.configs.map((c) => c.agent)).toEqual(['dqn', 'dqn']);
    expect(new Set(form.configs.map((c) => c.label)).size).toBe(2);
    expect(Object.keys(form.configs[0].options).length).toBeGreaterThan(0);
    const parsed = formToExperiment(form);
    expect(parsed.ok && parsed.experiment.world).toEqual({ kind: 'cartpole' });
    // Back on a gridworld the deep agents stay; options restart from the agent's defaults.
    const back = withWorld(form, 'gridworld:frozen-lake-4x4');
    expect(back.configs.map((c) => c.agent)).toEqual(['dqn', 'dqn']);
    expect(back.configs[0].options).toEqual({});
    // Between two gridworlds nothing changes but the world.
    const other = withWorld(defaultForm(), 'gridworld:frozen-lake-4x4');
    expect(other.configs).toEqual(defaultForm().configs);
  });

  it('adds (a copy of the last), removes (never below 2 or above 6) and renames configurations', () => {
    let form = withAddedConfig(defaultForm());
    expect(form.configs[2]).toEqual({ label: 'SARSA 2', agent: 'sarsa', options: { alpha: 0.5, epsilon: 0.1 } });
    form = withOption(form, 2, 'epsilon', 0.3);
    const parsed = formToExperiment(form);
    expect(parsed.ok && parsed.experiment.configs[2].options).toEqual({ alpha: 0.5, epsilon: 0.3 });
    for (let i = 0; i < 5; i++) form = withAddedConfig(form);
    expect(form.configs).toHaveLength(6);
    form = withoutConfig(form, 0);
    expect(form.configs[0].label).toBe('SARSA');
    const two = withoutConfig(defaultForm(), 0);
    expect(two.configs).toHaveLength(2);
  });

  it('another agent: an automatic label follows it, a typed one stays', () => {
    const auto = withAgent(defaultForm(), 1, 'expected-sarsa');
    expect(auto.configs[1].agent).toBe('expected-sarsa');
    expect(auto.configs[1].label).not.toBe('SARSA');
    expect(auto.configs[1].options).toEqual({});
    const typed = withAgent(withLabel(defaultForm(), 1, 'mine'), 1, 'expected-sarsa');
    expect(typed.configs[1].label).toBe('mine');
    const dup = withAgent(defaultForm(), 1, 'q-learning');
    expect(dup.configs[1].label).toBe('Q-learning 2');
    expect(uniqueLabel('A', ['A', 'A 2'])).toBe('A 3');
  });
});
