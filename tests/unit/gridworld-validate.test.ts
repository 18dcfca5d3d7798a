import { describe, expect, it } from 'vitest';
import { parseGridworldSpec } from '../../environments/gridworld/validate';
import { DEFAULT_LEGEND } from '../../environments/gridworld/spec';

/** A minimal valid spec as plain JSON data; each test breaks one thing. */
const base = () => ({
  version: 1,
  name: 'test',
  map: ['S...', '....', '.HH.', '..HF'],
  rewardTiming: 'leave',
  slip: { model: 'book' },
  mode: 'mdp',
  gamma: 0.9,
  maxSteps: 100,
});

const errorOf = (input: unknown) => {
  const result = parseGridworldSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.error;
};

describe('parseGridworldSpec: good specs', () => {
  it('accepts a JSON string and an object alike, filling every default', () => {
    for (const input of [base(), JSON.stringify(base())]) {
      const result = parseGridworldSpec(input);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(result.spec.legend).toEqual(DEFAULT_LEGEND);
      expect(result.spec.stepReward).toBe(0);
      expect(result.spec.slip).toEqual({ model: 'book', probability: 0.5 });
    }
  });

  it('fills the slip probability per model and keeps one that is given', () => {
    const probability = (model: string, given?: number) => {
      const result = parseGridworldSpec({ ...base(), slip: given === undefined ? { model } : { model, probability: given } });
      return result.ok ? result.spec.slip.probability : 'rejected';
    };
    expect(probability('book')).toBe(0.5);
    expect(probability('notebook')).toBe(0.85);
    expect(probability('perpendicular')).toBe(1 / 3);
    expect(probability('deterministic')).toBe(1);
    expect(probability('random-walk')).toBeUndefined();
    expect(probability('book', 0.8)).toBe(0.8);
    expect(probability('book', 0)).toBe(0);
    expect(probability('book', 1)).toBe(1);
  });

  it('returns a fresh object that shares nothing with the input', () => {
    const input = { ...base(), legend: { S: { start: true }, '.': { reward: 0 } }, map: ['S.', '..'] };
    const result = parseGridworldSpec(input);
    if (!result.ok) throw new Error(result.error);
    expect(result.spec).not.toBe(input);
    expect(result.spec.map).not.toBe(input.map);
    expect(result.spec.legend).not.toBe(input.legend);
    expect(result.spec.legend?.S).not.toBe(input.legend.S);
    expect(result.spec.slip).not.toBe(input.slip);
    input.map[0] = 'XX';
    input.legend.S.start = false;
    expect(result.spec.map[0]).toBe('S.');
    expect(result.spec.legend?.S.start).toBe(true);
    // The default legend is copied too, so editing a parsed spec cannot change the default.
    const parsed = parseGridworldSpec(base());
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.spec.legend).not.toBe(DEFAULT_LEGEND);
    expect(parsed.spec.legend?.H).not.toBe(DEFAULT_LEGEND.H);
  });

  it('defaults a missing name and accepts boundary values', () => {
    const { name: _name, ...rest } = base();
    const result = parseGridworldSpec({ ...rest, gamma: 1, maxSteps: 1, stepReward: -1 });
    expect(result.ok && result.spec.name).toBe('Untitled map');
    expect(parseGridworldSpec({ ...base(), gamma: 0 }).ok).toBe(true);
    expect(parseGridworldSpec({ ...base(), map: ['S'.repeat(64)] }).ok).toBe(true);
  });

  it('accepts any single character, including one outside the BMP, as a legend key', () => {
    const result = parseGridworldSpec({ ...base(), map: ['🐧.'], legend: { '🐧': { start: true }, '.': {} } });
    expect(result.ok).toBe(true);
  });
});

describe('parseGridworldSpec: one precise message per kind of bad spec', () => {
  const cases: [string, unknown, string | RegExp][] = [
    ['not JSON', '{"version": 1,', /^spec is not valid JSON: /],
    ['not an object', '[1, 2]', 'spec must be a JSON object, got an array'],
    ['null', null, 'spec must be a JSON object, got null'],
    ['a number', 42, 'spec must be a JSON object, got 42'],
    ['missing version', { ...base(), version: undefined }, 'spec has no version; expected version 1'],
    ['wrong version', { ...base(), version: 2 }, 'spec version 2 is not supported; expected version 1'],
    ['string version', { ...base(), version: '1' }, 'spec version "1" is not supported; expected version 1'],
    ['ragged rows', { ...base(), map: ['S...', '....', '.....', '....'] }, 'map row 3 has 5 tiles, expected 4'],
    ['empty map', { ...base(), map: [] }, 'map is empty'],
    ['map of empty rows', { ...base(), map: ['', ''] }, 'map is empty'],
    ['map not strings', { ...base(), map: ['S...', 4] }, 'map must be an array of strings, one per row'],
    ['missing map', { ...base(), map: undefined }, 'spec has no map; expected an array of strings, one per row'],
    ['too tall', { ...base(), map: ['S...', ...Array<string>(69).fill('....')] }, 'map is 70x4; the largest allowed is 64x64'],
    ['too wide', { ...base(), map: ['S'.repeat(65)] }, 'map is 1x65; the largest allowed is 64x64'],
    ['unknown tile', { ...base(), map: ['S...', '..Q.', '....', '....'] }, "map row 2 column 3 has tile 'Q', which the legend does not define"],
    ['no start', { ...base(), map: ['....', '....', '.HH.', '..HF'] }, 'map has no start tile: mark at least one legend entry with "start": true and use it in the map'],
    ['probability above 1', { ...base(), slip: { model: 'book', probability: 1.5 } }, 'slip.probability must be a number in [0, 1], got 1.5'],
    ['probability below 0', { ...base(), slip: { model: 'notebook', probability: -0.1 } }, 'slip.probability must be a number in [0, 1], got -0.1'],
    ['probability NaN', { ...base(), slip: { model: 'book', probability: NaN } }, 'slip.probability must be a number in [0, 1], got NaN'],
    ['probability string', { ...base(), slip: { model: 'book', probability: '0.5' } }, 'slip.probability must be a number in [0, 1], got "0.5"'],
    ['NaN tile reward', { ...base(), legend: { ...DEFAULT_LEGEND, H: { reward: NaN } } }, "legend 'H' reward must be a finite number, got NaN"],
    ['infinite tile reward', { ...base(), legend: { ...DEFAULT_LEGEND, F: { reward: Infinity } } }, "legend 'F' reward must be a finite number, got Infinity"],
    ['string tile reward', { ...base(), legend: { ...DEFAULT_LEGEND, F: { reward: '3' } } }, 'legend \'F\' reward must be a finite number, got "3"'],
    ['NaN stepReward', { ...base(), stepReward: NaN }, 'stepReward must be a finite number, got NaN'],
    ['infinite stepReward', { ...base(), stepReward: -Infinity }, 'stepReward must be a finite number, got -Infinity'],
    ['string stepReward', { ...base(), stepReward: 'abc' }, 'stepReward must be a finite number, got "abc"'],
    ['gamma above 1', { ...base(), gamma: 1.2 }, 'gamma must be a number in [0, 1], got 1.2'],
    ['gamma below 0', { ...base(), gamma: -0.5 }, 'gamma must be a number in [0, 1], got -0.5'],
    ['gamma string', { ...base(), gamma: '0.9' }, 'gamma must be a number in [0, 1], got "0.9"'],
    ['missing gamma', { ...base(), gamma: undefined }, 'spec has no gamma; expected a number in [0, 1]'],
    ['maxSteps zero', { ...base(), maxSteps: 0 }, 'maxSteps must be a positive integer, got 0'],
    ['maxSteps fraction', { ...base(), maxSteps: 2.5 }, 'maxSteps must be a positive integer, got 2.5'],
    ['maxSteps infinite', { ...base(), maxSteps: Infinity }, 'maxSteps must be a positive integer, got Infinity'],
    ['missing maxSteps', { ...base(), maxSteps: undefined }, 'spec has no maxSteps; expected a positive integer'],
    ['unknown slip model', { ...base(), slip: { model: 'icy' } }, "slip.model \"icy\" is unknown; expected one of 'book', 'notebook', 'perpendicular', 'deterministic', 'random-walk'"],
    ['missing slip', { ...base(), slip: undefined }, 'spec has no slip; expected an object like { "model": "book" }'],
    ['unknown timing', { ...base(), rewardTiming: 'later' }, "rewardTiming \"later\" is unknown; expected one of 'leave', 'arrive'"],
    ['missing timing', { ...base(), rewardTiming: undefined }, "spec has no rewardTiming; expected one of 'leave', 'arrive'"],
    ['unknown mode', { ...base(), mode: 'pomdp' }, "mode \"pomdp\" is unknown; expected one of 'markov-process', 'markov-reward-process', 'mdp'"],
    ['long legend key', { ...base(), legend: { ...DEFAULT_LEGEND, HH: { reward: -1 } } }, 'legend key "HH" must be a single character'],
    ['empty legend key', { ...base(), legend: { ...DEFAULT_LEGEND, '': {} } }, 'legend key "" must be a single character'],
    ['__proto__ at the top', '{"version":1,"__proto__":{"polluted":true}}', "spec has the forbidden key '__proto__'"],
    ['__proto__ in the legend', `{"version":1,"map":["S"],"legend":{"__proto__":{"start":true}}}`, "legend has the forbidden key '__proto__'"],
    ['constructor in a tile', { ...base(), legend: { ...DEFAULT_LEGEND, S: { start: true, constructor: 1 } } }, "legend 'S' has the forbidden key 'constructor'"],
    ['prototype in slip', { ...base(), slip: { model: 'book', prototype: {} } }, "slip has the forbidden key 'prototype'"],
    ['unknown top-level key', { ...base(), colour: 'blue' }, "unknown key 'colour' in the top level; allowed keys are version, name, map, legend, rewardTiming, stepReward, slip, mode, gamma, maxSteps"],
    ['unknown tile key', { ...base(), legend: { ...DEFAULT_LEGEND, H: { reward: -2, deadly: true } } }, "unknown key 'deadly' in legend 'H'; allowed keys are reward, terminal, wall, start, returnToStart, look, name"],
    ['unknown slip key', { ...base(), slip: { model: 'book', p: 0.5 } }, "unknown key 'p' in slip; allowed keys are model, probability"],
    ['tile flag not boolean', { ...base(), legend: { ...DEFAULT_LEGEND, F: { terminal: 'yes' } } }, 'legend \'F\' terminal must be true or false, got "yes"'],
    ['unknown look', { ...base(), legend: { ...DEFAULT_LEGEND, F: { look: 'seal' } } }, "legend 'F' look \"seal\" is unknown; expected one of 'ice', 'hole', 'fish', 'wall', 'goal'"],
    ['wall start', { ...base(), legend: { ...DEFAULT_LEGEND, S: { start: true, wall: true } } }, "legend 'S' cannot be both a wall and start"],
    ['terminal returnToStart', { ...base(), legend: { ...DEFAULT_LEGEND, H: { terminal: true, returnToStart: true } } }, "legend 'H' cannot be both terminal and returnToStart"],
    ['legend not an object', { ...base(), legend: ['S'] }, 'legend must be a JSON object, got an array'],
    ['tile not an object', { ...base(), legend: { ...DEFAULT_LEGEND, H: -2 } }, "legend 'H' must be a JSON object, got -2"],
    ['name not a string', { ...base(), name: 7 }, 'name must be a string, got 7'],
  ];

  for (const [label, input, expected] of cases) {
    it(label, () => {
      const error = errorOf(input);
      if (typeof expected === 'string') expect(error).toBe(expected);
      else expect(error).toMatch(expected);
    });
  }

  it('never throws, even on hostile objects, and leaves Object.prototype alone', () => {
    const throwing = Object.defineProperty({ ...base() }, 'gamma', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(errorOf(throwing)).toBe('spec could not be read: boom');
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    expect(errorOf(proxy)).toBe('spec could not be read: no keys');
    expect(errorOf(undefined)).toBe('spec must be a JSON object, got nothing');
    expect(errorOf(new Date())).toBe('spec must be a plain JSON object');
    expect(errorOf('')).toMatch(/^spec is not valid JSON: /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
