import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, DEFAULT_PRESET, GridworldPageState } from '../../src/pages/gridworld/page-state.svelte';
import { paintTile, resizeGrid } from '../../src/pages/gridworld/map-edits';
import { decodeHashState, encodeHashState } from '../../src/lib/url-state';
import { GRIDWORLD_PRESETS, parseGridworldSpec, type GridworldSpec } from '../../environments/gridworld';
import { createRng } from '../../environments/core/rng';
import { mutate, mutateText, pick, type Json, type Vocabulary } from './json-mutations';
import { isTabularAgentName } from '../../agents/tabular/registry';
import { createGridSession } from '../../agents/runner/grid-session';

const MAX_SEED = 2 ** 31 - 1;
const lake = GRIDWORLD_PRESETS['frozen-lake-4x4'].spec;
const fig = GRIDWORLD_PRESETS[DEFAULT_PRESET].spec;

/** Plain JSON copies (presets are frozen). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const textHash = (text: string) => '#s=' + Buffer.from(text, 'utf8').toString('base64url');

const validLink = () => ({ v: 1, world: json(lake), agent: 'q-learning', options: { alpha: 0.2, epsilon: 0.05 }, seed: 7 });

function parsed(spec: unknown): GridworldSpec {
  const result = parseGridworldSpec(spec);
  if (!result.ok) throw new Error(result.error);
  return result.spec;
}

/** The fields a link may change. */
function capture(page: GridworldPageState) {
  return { spec: page.spec, presetId: page.presetId, agent: page.agent, options: page.options, seed: page.seed };
}

function expectUnchanged(page: GridworldPageState, before: ReturnType<typeof capture>) {
  const after = capture(page);
  expect(after.spec).toBe(before.spec);
  expect(after.presetId).toBe(before.presetId);
  expect(after.agent).toBe(before.agent);
  expect(after.options).toBe(before.options);
  expect(after.seed).toBe(before.seed);
}

/** A page holding a loaded link (not the defaults), so "unchanged" means something. */
function loadedPage(): GridworldPageState {
  const page = new GridworldPageState();
  page.loadHash(encodeHashState({ v: 1, world: json(fig), agent: 'sarsa', options: { alpha: 0.4 }, seed: 99 }));
  expect(page.message).toBeNull();
  expect(page.agent).toBe('sarsa');
  return page;
}

describe('GridworldPageState defaults', () => {
  it('starts on the default preset and agent, with a model built from the spec', () => {
    const page = new GridworldPageState();
    expect(page.spec).toBe(fig);
    expect(page.presetId).toBe(DEFAULT_PRESET);
    expect(page.agent).toBe(DEFAULT_AGENT);
    expect(page.options).toEqual({});
    expect(page.seed).toBe(1);
    expect(page.message).toBeNull();
    expect(page.model.nS).toBe(16);
    expect(page.canUndo).toBe(false);
    expect(page.canRedo).toBe(false);
    expect(page.sessionConfig).toEqual({ world: fig, agent: DEFAULT_AGENT, options: {}, seed: 1 });
  });
});

describe('GridworldPageState.loadHash', () => {
  it('applies a valid link and recognises a preset world', () => {
    const page = new GridworldPageState();
    page.loadHash(encodeHashState(validLink()));
    expect(page.message).toBeNull();
    expect(page.spec).toEqual(parsed(lake));
    expect(page.presetId).toBe('frozen-lake-4x4');
    expect(page.agent).toBe('q-learning');
    expect(page.options).toEqual({ alpha: 0.2, epsilon: 0.05 });
    expect(page.seed).toBe(7);
    expect(page.model.nS).toBe(16);
    expect(() => createGridSession(page.sessionConfig)).not.toThrow();
  });

  it('a preset with its defaults left out is still that preset; an edited one is not', () => {
    const page = new GridworldPageState();
    const { stepReward: _s, ...bare } = json(lake);
    page.loadHash(encodeHashState({ ...validLink(), world: { ...bare, slip: { model: 'perpendicular' } } }));
    expect(page.message).toBeNull();
    expect(page.presetId).toBe('frozen-lake-4x4');
    page.loadHash(encodeHashState({ ...validLink(), world: { ...json(lake), maxSteps: 99 } }));
    expect(page.message).toBeNull();
    expect(page.presetId).toBeNull();
    expect(page.spec.maxSteps).toBe(99);
  });

  it('page.hash round-trips through loadHash', () => {
    const page = loadedPage();
    page.edit(paintTile(page.spec, 5, '#'));
    page.setAgent('expected-sarsa');
    page.setOption('epsilon', 0.3);
    page.seed = 12345;
    const other = new GridworldPageState();
    other.loadHash(page.hash);
    expect(other.message).toBeNull();
    expect(other.spec).toEqual(page.spec);
    expect(other.agent).toBe('expected-sarsa');
    expect(other.options).toEqual({ epsilon: 0.3 });
    expect(other.seed).toBe(12345);
    expect(other.presetId).toBeNull();
  });

  it('a deep agent, its options and list fields round-trip through page.hash and loadHash', () => {
    const page = loadedPage();
    page.setAgent('dqn');
    page.setOption('hidden', '32,16');
    page.setOption('learningRate', 0.005);
    page.setOption('double', true);
    page.setOption('loss', 'squared');
    page.seed = 4242;
    const other = new GridworldPageState();
    other.loadHash(page.hash);
    expect(other.message).toBeNull();
    expect(other.spec).toEqual(page.spec);
    expect(other.agent).toBe('dqn');
    expect(other.options).toEqual({ hidden: '32,16', learningRate: 0.005, double: true, loss: 'squared' });
    expect(other.seed).toBe(4242);

    page.setAgent('ppo');
    page.setOption('nEnvs', 2);
    page.setOption('architecture', 'shared');
    const third = new GridworldPageState();
    third.loadHash(page.hash);
    expect(third.message).toBeNull();
    expect(third.agent).toBe('ppo');
    expect(third.options).toEqual({ nEnvs: 2, architecture: 'shared' });
    expect(third.seed).toBe(4242);
  });

  it('an empty hash changes nothing and says nothing', () => {
    const page = loadedPage();
    const before = capture(page);
    page.loadHash('');
    page.loadHash('#');
    expect(page.message).toBeNull();
    expectUnchanged(page, before);
  });

  it('a valid link after a rejected one clears the old message', () => {
    const page = loadedPage();
    page.loadHash('#nonsense');
    expect(page.message).not.toBeNull();
    page.loadHash(encodeHashState(validLink()));
    expect(page.message).toBeNull();
    expect(page.agent).toBe('q-learning');
  });

  it('a link to a smaller world drops a selection that no longer exists', () => {
    const page = new GridworldPageState();
    page.loadHash(encodeHashState({ ...validLink(), world: json(GRIDWORLD_PRESETS['frozen-lake-8x8'].spec) }));
    page.selected = 60;
    page.loadHash(encodeHashState(validLink()));
    expect(page.model.nS).toBe(16);
    expect(page.selected).toBeNull();
    page.selected = 3;
    page.loadHash(encodeHashState({ ...validLink(), seed: 8 }));
    expect(page.selected).toBe(3); // still a cell: kept
  });

  const world = JSON.stringify(lake);
  const linkText = (extra: string, { agent = '"q-learning"', options = '{}', seed = '1', v = '1', w = world } = {}) =>
    `{"v":${v},"world":${w},"agent":${agent},"options":${options},"seed":${seed}${extra}}`;
  const worldError = (w: unknown) => {
    const result = parseGridworldSpec(w);
    if (result.ok) throw new Error('expected an invalid world');
    return `link not loaded: ${result.error}`;
  };
  const seedError = `link not loaded: seed must be an integer in [0, ${MAX_SEED}]`;

  const hostile: [string, string, string][] = [
    ['__proto__ at the top level', textHash(linkText(',"__proto__":{"polluted":true}')), "link not loaded: unknown field '__proto__'"],
    ['constructor at the top level', textHash(linkText(',"constructor":{"prototype":{"polluted":true}}')), "link not loaded: unknown field 'constructor'"],
    ['prototype at the top level', textHash(linkText(',"prototype":1')), "link not loaded: unknown field 'prototype'"],
    ['an unknown top-level key', textHash(linkText(',"extra":1')), "link not loaded: unknown field 'extra'"],
    ['__proto__ in options', textHash(linkText('', { options: '{"__proto__":{"alpha":1}}' })), "link not loaded: unknown option '__proto__' for q-learning"],
    ['constructor in options', textHash(linkText('', { options: '{"constructor":1}' })), "link not loaded: unknown option 'constructor' for q-learning"],
    ['an option of another agent', textHash(linkText('', { agent: '"value-iteration"', options: '{"alpha":0.5}' })), "link not loaded: unknown option 'alpha' for value-iteration"],
    ['__proto__ in the world', textHash(linkText('', { w: world.replace('{', '{"__proto__":{"polluted":true},') })), worldError(JSON.parse(world.replace('{', '{"__proto__":{"polluted":true},')))],
    ['an unknown agent', textHash(linkText('', { agent: '"dqnn"' })), 'link not loaded: unknown agent "dqnn"'],
    ['an inherited property name as agent', textHash(linkText('', { agent: '"toString"' })), 'link not loaded: unknown agent "toString"'],
    ['__proto__ as agent', textHash(linkText('', { agent: '"__proto__"' })), 'link not loaded: unknown agent "__proto__"'],
    ['a number as agent', textHash(linkText('', { agent: '42' })), 'link not loaded: unknown agent 42'],
    ['an unknown deep option', textHash(linkText('', { agent: '"dqn"', options: '{"gama":0.9}' })), "link not loaded: unknown option 'gama' for dqn"],
    ['__proto__ in deep options', textHash(linkText('', { agent: '"dqn"', options: '{"__proto__":{"hidden":"8"}}' })), "link not loaded: unknown option '__proto__' for dqn"],
    ['constructor in deep options', textHash(linkText('', { agent: '"ppo"', options: '{"constructor":1}' })), "link not loaded: unknown option 'constructor' for ppo"],
    ['a tabular option on a deep agent', textHash(linkText('', { agent: '"reinforce"', options: '{"alpha":0.5}' })), "link not loaded: unknown option 'alpha' for reinforce"],
    ['a deep option of the wrong type', textHash(linkText('', { agent: '"dqn"', options: '{"learningRate":"0.01"}' })), 'link not loaded: dqn config: learningRate must be a finite number, got \'0.01\''],
    ['a deep option out of range', textHash(linkText('', { agent: '"ppo"', options: '{"clipCoef":2}' })), 'link not loaded: ppo config: clipCoef must be in (0, 1], got 2'],
    ['a bad deep enum option', textHash(linkText('', { agent: '"actor-critic"', options: '{"advantage":"mc"}' })), "link not loaded: actor-critic config: advantage must be one of td, n-step, gae, got 'mc'"],
    ['a PPO batch the minibatches do not divide', textHash(linkText('', { agent: '"ppo"', options: '{"minibatches":7}' })), 'link not loaded: ppo config: minibatches 7 must divide the batch nEnvs * rolloutLength = 512'],
    ['hidden sizes that are not integers', textHash(linkText('', { agent: '"dqn"', options: '{"hidden":"64,x"}' })), "link not loaded: dqn config: hidden must be comma-separated positive integers (e.g. 64,64), got '64,x'"],
    ['hidden sizes as a number', textHash(linkText('', { agent: '"dqn"', options: '{"hidden":64}' })), 'link not loaded: dqn config: hidden must be comma-separated positive integers (e.g. 64,64), got 64'],
    ['a hidden size of 0', textHash(linkText('', { agent: '"dqn"', options: '{"hidden":"64,0"}' })), 'link not loaded: dqn config: hidden[1] must be an integer in [1, 65536], got 0'],
    ['an array of hidden sizes', textHash(linkText('', { agent: '"dqn"', options: '{"hidden":[64,64]}' })), "link not loaded: option 'hidden' must be a number, string or boolean"],
    ['a list field on an agent without one', textHash(linkText('', { agent: '"ppo"', options: '{"hidden":"64"}' })), "link not loaded: unknown option 'hidden' for ppo"],
    ['a negative seed', textHash(linkText('', { seed: '-1' })), seedError],
    ['a fractional seed', textHash(linkText('', { seed: '1.5' })), seedError],
    ['a seed past 2^31 - 1', textHash(linkText('', { seed: String(2 ** 31) })), seedError],
    ['a string seed', textHash(linkText('', { seed: '"7"' })), seedError],
    ['a null seed', textHash(linkText('', { seed: 'null' })), seedError],
    ['an infinite seed (1e999)', textHash(linkText('', { seed: '1e999' })), seedError],
    ['a null option (NaN once stringified)', textHash(linkText('', { options: '{"alpha":null}' })), "link not loaded: option 'alpha' must be a number, string or boolean"],
    ['an infinite option (1e999)', textHash(linkText('', { options: '{"alpha":1e999}' })), "link not loaded: option 'alpha' must be finite"],
    ['"NaN" as an option', textHash(linkText('', { options: '{"alpha":"NaN"}' })), "link not loaded: q-learning config: alpha must be a finite number, got 'NaN'"],
    ['an array as an option', textHash(linkText('', { options: '{"alpha":[0.5]}' })), "link not loaded: option 'alpha' must be a number, string or boolean"],
    ['an option out of range', textHash(linkText('', { options: '{"epsilon":2}' })), 'link not loaded: q-learning config: epsilon must be in [0, 1], got 2'],
    ['a bad enum option', textHash(linkText('', { options: '{"exploration":"random"}' })), 'link not loaded: q-learning config: exploration must be one of epsilon-greedy, boltzmann, got \'random\''],
    ['options as an array', textHash(linkText('', { options: '[]' })), 'link not loaded: options must be an object'],
    ['options as a string', textHash(linkText('', { options: '"alpha=1"' })), 'link not loaded: options must be an object'],
    ['a ragged map', textHash(linkText('', { w: world.replace('"SFFF"', '"SFF"') })), worldError(JSON.parse(world.replace('"SFFF"', '"SFF"')))],
    ['a world without a start', textHash(linkText('', { w: world.replace('"SFFF"', '"FFFF"') })), worldError(JSON.parse(world.replace('"SFFF"', '"FFFF"')))],
    ['an infinite gamma in the world', textHash(linkText('', { w: world.replace('"gamma":0.99', '"gamma":1e999') })), worldError(JSON.parse(world.replace('"gamma":0.99', '"gamma":1e999')))],
    ['a null world', textHash(linkText('', { w: 'null' })), worldError(null)],
    ['a missing world', textHash('{"v":1,"agent":"q-learning","options":{},"seed":1}'), worldError(undefined)],
    ['version 2', textHash(linkText('', { v: '2' })), 'link not loaded: version 2 is not supported (this Floe reads version 1)'],
    ['version "1"', textHash(linkText('', { v: '"1"' })), 'link not loaded: version "1" is not supported (this Floe reads version 1)'],
    ['no version', textHash(`{"world":${world},"agent":"q-learning","options":{},"seed":1}`), 'link not loaded: version undefined is not supported (this Floe reads version 1)'],
    ['an array state', textHash('[1,2]'), 'link not loaded: state must be an object'],
    ['a null state', textHash('null'), 'link not loaded: state must be an object'],
    ['a number state', textHash('5'), 'link not loaded: state must be an object'],
    ['not a Floe hash', '#section-2', 'link does not hold a Floe state (expected #s=...)'],
    ['bad base64', '#s=A', 'link state is not valid base64url-encoded UTF-8'],
    ['invalid UTF-8', '#s=' + Buffer.from([0xff, 0xfe]).toString('base64url'), 'link state is not valid base64url-encoded UTF-8'],
    ['an over-long hash', '#s=' + 'A'.repeat(70_000), 'link is 70003 characters; the largest accepted is 65536'],
  ];

  for (const [name, hash, message] of hostile) {
    it(`rejects ${name} with one message and changes nothing`, () => {
      const page = loadedPage();
      const before = capture(page);
      page.loadHash(hash);
      expect(page.message).toBe(message);
      expectUnchanged(page, before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }

  it('rejects non-JSON text, quoting the parser', () => {
    const page = loadedPage();
    const before = capture(page);
    page.loadHash(textHash('{"v":1,'));
    expect(page.message).toMatch(/^link state is not valid JSON: \S/);
    expectUnchanged(page, before);
  });
});

describe('GridworldPageState.edit, undo and redo', () => {
  it('rejects an invalid spec with the validator message, leaving the spec and the history alone', () => {
    const page = new GridworldPageState();
    const noStart = paintTile(page.spec, 0, '.'); // paints over the only start
    expect(page.edit(noStart)).toBe(false);
    expect(page.message).toBe('edit not applied: map has no start tile: mark at least one legend entry with "start": true and use it in the map');
    expect(page.spec).toBe(fig);
    expect(page.presetId).toBe(DEFAULT_PRESET);
    expect(page.canUndo).toBe(false);

    // With history: a rejected edit adds no undo step.
    expect(page.edit(paintTile(page.spec, 5, '#'))).toBe(true);
    expect(page.message).toBeNull();
    const edited = page.spec;
    expect(page.edit(paintTile(page.spec, 0, '.'))).toBe(false);
    expect(page.spec).toBe(edited);
    page.undo();
    expect(page.spec).toBe(fig);
    expect(page.canUndo).toBe(false);
  });

  it('an edit that changes nothing is accepted and records nothing', () => {
    const page = new GridworldPageState();
    expect(page.edit(paintTile(page.spec, 1, '.'))).toBe(true);
    expect(page.canUndo).toBe(false);
    expect(page.presetId).toBe(DEFAULT_PRESET);
  });

  it('a valid edit stores the validated spec, forgets the preset and clears the message', () => {
    const page = new GridworldPageState();
    page.message = 'old problem';
    expect(page.edit(paintTile(page.spec, 5, '#'))).toBe(true);
    expect(page.spec.map).toEqual(['S...', '.#..', '.HH.', '..HF']);
    expect(page.spec).toEqual(parsed(page.spec));
    expect(page.presetId).toBeNull();
    expect(page.message).toBeNull();
  });

  it('undoes and redoes edits in order; a new edit clears redo', () => {
    const page = new GridworldPageState();
    page.edit(paintTile(page.spec, 1, '#'));
    page.edit(paintTile(page.spec, 2, '#'));
    const two = page.spec;
    expect(page.spec.map[0]).toBe('S##.');
    page.undo();
    expect(page.spec.map[0]).toBe('S#..');
    expect(page.canRedo).toBe(true);
    page.undo();
    expect(page.spec).toBe(fig);
    expect(page.canUndo).toBe(false);
    page.undo(); // nothing left: no change
    expect(page.spec).toBe(fig);
    page.redo();
    page.redo();
    expect(page.spec).toBe(two);
    expect(page.canRedo).toBe(false);
    page.undo();
    page.edit(paintTile(page.spec, 3, '#'));
    expect(page.spec.map[0]).toBe('S#.#');
    expect(page.canRedo).toBe(false);
    page.redo();
    expect(page.spec.map[0]).toBe('S#.#');
  });

  it('edit(next, true) folds a stroke into one undo step', () => {
    const page = new GridworldPageState();
    page.edit(paintTile(page.spec, 12, '#'));
    const beforeStroke = page.spec;
    page.edit(paintTile(page.spec, 1, '#')); // the stroke's first cell opens a step
    page.edit(paintTile(page.spec, 2, '#'), true);
    page.edit(paintTile(page.spec, 3, '#'), true);
    page.edit(paintTile(page.spec, 7, '#'), true);
    expect(page.spec.map.slice(0, 2)).toEqual(['S###', '...#']);
    page.undo();
    expect(page.spec).toBe(beforeStroke);
    page.redo();
    expect(page.spec.map.slice(0, 2)).toEqual(['S###', '...#']);
    page.undo();
    page.undo();
    expect(page.spec).toBe(fig);
  });

  it('a merged edit with nothing to merge into still makes an undo step', () => {
    const page = new GridworldPageState();
    page.edit(paintTile(page.spec, 1, '#'), true);
    expect(page.canUndo).toBe(true);
    page.undo();
    expect(page.spec).toBe(fig);
  });

  it('drops the selection when an edit or undo removes its cell', () => {
    const page = new GridworldPageState();
    page.selected = 15;
    page.edit(resizeGrid(page.spec, 2, 2));
    expect(page.selected).toBeNull();
    page.undo();
    page.selected = 15;
    page.redo();
    expect(page.selected).toBeNull();
  });
});

// ---- fuzz -------------------------------------------------------------------------------------

/** What the mutations put into links: values and keys a gridworld link could trip over. */
const GRID_VOCABULARY: Vocabulary = {
  pool: [null, true, false, 0, -1, 1, 0.5, 1.5, 7, 1e308, -1e308, 2 ** 31, 2 ** 53, '', 'x', 'S', 'NaN', '__proto__', 'q-learning', 'book', [], [1], ['S.'], {}, { model: 'book' }],
  keys: ['__proto__', 'constructor', 'prototype', 'extra', 'alpha', 'epsilon', 'gamma', 'v', 'seed', 'legend', 'S', '.', 'start', 'stepReward', 'probability'],
};

describe('GridworldPageState.loadHash fuzz', () => {
  it('2,000 mutated links: never throws; applies a fully valid state or changes nothing', () => {
    const rng = createRng('page-state fuzz');
    const bases = [
      validLink(),
      { v: 1, world: json(fig), agent: 'value-iteration', options: {}, seed: 3 },
      { v: 1, world: json(GRIDWORLD_PRESETS['cliff-walk'].spec), agent: 'monte-carlo', options: { epsilon: 0.2 }, seed: 0 },
    ];
    const page = new GridworldPageState();
    let applied = 0;
    let rejected = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const link = json(pick(rng, bases)) as unknown as Json;
      const edits = 1 + rng.int(3);
      for (let i = 0; i < edits; i++) mutate(link, rng, GRID_VOCABULARY);
      let text = JSON.stringify(link);
      if (rng.next() < 0.15) text = mutateText(text, rng);
      let hash = textHash(text);
      if (rng.next() < 0.1) hash = hash.slice(0, rng.int(hash.length + 1)); // a truncated link

      page.message = null;
      const before = capture(page);
      expect(() => page.loadHash(hash)).not.toThrow();
      const decoded = decodeHashState(hash);
      if (page.message !== null || decoded.ok === 'empty') {
        rejected++;
        expectUnchanged(page, before);
        continue;
      }
      // Applied: everything came from the link, and all of it is valid.
      applied++;
      expect(decoded.ok).toBe(true);
      const value = (decoded as { value: Record<string, unknown> }).value;
      const reparsed = parseGridworldSpec(page.spec);
      expect(reparsed.ok).toBe(true);
      expect(reparsed.ok && reparsed.spec).toEqual(page.spec); // already complete: parsing adds nothing
      expect(page.spec).toEqual(parsed(value.world));
      expect(page.agent).toBe(value.agent);
      expect(isTabularAgentName(page.agent)).toBe(true);
      expect(page.options).toEqual(value.options ?? {});
      expect(Object.getPrototypeOf(page.options)).toBe(Object.prototype);
      expect(page.seed).toBe(value.seed);
      expect(Number.isInteger(page.seed) && page.seed >= 0 && page.seed <= MAX_SEED).toBe(true);
      const session = createGridSession(page.sessionConfig);
      session.step(3);
      session.dispose();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Both paths were exercised a fair amount.
    expect(applied).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(1000);
  });
});
