import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  createDpSolver,
  createLearner,
  getTabularAgent,
  parseConfigValue,
  TABULAR_AGENT_NAMES,
  TABULAR_AGENTS,
} from '../../agents/tabular/registry';
import { QLearning } from '../../agents/tabular/q-learning';
import { MonteCarlo } from '../../agents/tabular/monte-carlo';
import { presetModel } from './agents-helpers';

describe('the tabular agent registry', () => {
  it('lists every agent with its kind', () => {
    expect(TABULAR_AGENT_NAMES).toEqual([
      'policy-evaluation',
      'policy-iteration',
      'value-iteration',
      'async-dp',
      'monte-carlo',
      'sarsa',
      'expected-sarsa',
      'q-learning',
      'double-q-learning',
    ]);
    expect(TABULAR_AGENT_NAMES.filter((n) => TABULAR_AGENTS[n].kind === 'dp')).toEqual(['policy-evaluation', 'policy-iteration', 'value-iteration', 'async-dp']);
  });

  it('documents every config field with a default, a doc line and its allowed values', () => {
    for (const name of TABULAR_AGENT_NAMES) {
      const entry = getTabularAgent(name);
      expect(entry.docs.map((d) => d.key)).toEqual(Object.keys(entry.defaults));
      for (const doc of entry.docs) {
        expect(doc.doc.length).toBeGreaterThan(10);
        expect(doc.default).toBe((entry.defaults as Record<string, unknown>)[doc.key]);
      }
    }
    const alpha = TABULAR_AGENTS['q-learning'].docs.find((d) => d.key === 'alpha');
    expect(alpha).toMatchObject({ type: 'number', default: 0.1, range: '(0, 1]', min: 0, max: 1 });
    const variant = TABULAR_AGENTS['monte-carlo'].docs.find((d) => d.key === 'variant');
    expect(variant?.options).toEqual(['exploring-starts', 'on-policy', 'off-policy']);
  });

  it('builds every agent from its defaults', () => {
    const model = presetModel('fig-19-10');
    for (const name of TABULAR_AGENT_NAMES) {
      const entry = getTabularAgent(name);
      if (entry.kind === 'dp') expect(createDpSolver(entry.name, model).method).toBe(name);
      else expect(createLearner(entry.name, model).name).toBe(name);
    }
    expect(() => getTabularAgent('sarsa-lambda')).toThrow("unknown tabular agent 'sarsa-lambda'; agents are policy-evaluation, policy-iteration");
  });
});

describe('--set key=value parsing', () => {
  it('parses and type-checks values against the field table', () => {
    expect(parseConfigValue('q-learning', 'alpha', '0.25')).toBe(0.25);
    expect(parseConfigValue('q-learning', 'epsilonDecay', 'linear')).toBe('linear');
    expect(parseConfigValue('monte-carlo', 'bootstrapTruncated', 'false')).toBe(false);
    expect(parseConfigValue('value-iteration', 'maxSweeps', '2')).toBe(2);
    expect(parseConfigValue('q-learning', 'initialQ', '-1e-3')).toBe(-0.001);
  });

  it('gives precise errors', () => {
    expect(() => parseConfigValue('q-learning', 'alhpa', '0.2')).toThrow("unknown option 'alhpa' for q-learning; options are gamma, alpha, alphaEnd, alphaDecay");
    expect(() => parseConfigValue('q-learning', 'alpha', '1.5')).toThrow('q-learning config: alpha must be in (0, 1], got 1.5');
    expect(() => parseConfigValue('q-learning', 'alpha', 'fast')).toThrow("q-learning config: alpha must be a number, got 'fast'");
    expect(() => parseConfigValue('q-learning', 'alpha', '')).toThrow("alpha must be a number, got ''");
    expect(() => parseConfigValue('q-learning', 'exploration', 'softmax')).toThrow("exploration must be one of epsilon-greedy, boltzmann, got 'softmax'");
    expect(() => parseConfigValue('monte-carlo', 'bootstrapTruncated', 'yes')).toThrow("bootstrapTruncated must be true or false, got 'yes'");
    expect(() => parseConfigValue('value-iteration', 'maxSweeps', '2.5')).toThrow('maxSweeps must be an integer, got 2.5');
    expect(() => parseConfigValue('value-iteration', 'maxSweeps', '0')).toThrow('maxSweeps must be an integer in [1, inf), got 0');
  });

  it('applyOverrides returns a new validated config and leaves the input alone', () => {
    const base = TABULAR_AGENTS['q-learning'].defaults;
    const config = applyOverrides('q-learning', base, { alpha: '0.5', epsilonDecay: 'exponential' });
    expect(config).toMatchObject({ alpha: 0.5, epsilonDecay: 'exponential', gamma: 0.9 });
    expect(base.alpha).toBe(0.1);
    expect(applyOverrides('sarsa', undefined, { gamma: '1' }).gamma).toBe(1);
    expect(() => applyOverrides('q-learning', base, { alhpa: '0.2' })).toThrow("unknown option 'alhpa' for q-learning; options are gamma, alpha");
    expect(new QLearning({ nS: 2, nA: 2 }, config).config.alpha).toBe(0.5);
  });
});

describe('learner configs are validated on construction', () => {
  const dims = { nS: 4, nA: 2 };
  it('with messages that name the option and the value', () => {
    expect(() => new QLearning(dims, { alpha: 1.5 })).toThrow('q-learning config: alpha must be in (0, 1], got 1.5');
    expect(() => new QLearning(dims, { alpha: 0 })).toThrow('alpha must be in (0, 1], got 0');
    expect(() => new QLearning(dims, { epsilon: -0.1 })).toThrow('epsilon must be in [0, 1], got -0.1');
    expect(() => new QLearning(dims, { temperature: 0 })).toThrow('temperature must be in (0, inf), got 0');
    expect(() => new QLearning(dims, { gamma: Number.NaN })).toThrow('gamma must be a finite number, got NaN');
    expect(() => new QLearning(dims, { epsilonDecaySteps: 0 })).toThrow('epsilonDecaySteps must be an integer in [1, inf), got 0');
    expect(() => new MonteCarlo(dims, { visit: 'last' as never })).toThrow("monte-carlo config: visit must be one of first, every, got 'last'");
    expect(() => new QLearning({ nS: 0, nA: 2 })).toThrow('q-learning: nS must be a positive integer, got 0');
    expect(() => new QLearning(dims, { lambda: 0.9 } as never)).toThrow("unknown option 'lambda' for q-learning");
  });
});
