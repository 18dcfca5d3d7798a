import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../environments/core/check-env';
import { listWorlds, requireWorld } from '../../environments/core/registry';
import { createRng } from '../../environments/core/rng';
import { gridworldEnv } from '../../environments/gridworld/env';
import { buildModel } from '../../environments/gridworld/model';
import { parseGridworldSpec } from '../../environments/gridworld/validate';
import { ACTIONS } from '../../environments/gridworld/spec';
import '../../environments/index';
import { makePomdpGridworld } from '../../environments/pomdp/env';
import { pomdpObserver } from '../../environments/pomdp/observation';
import { POMDP_PRESETS } from '../../environments/pomdp/presets';

const preset = POMDP_PRESETS['fig-19-4'];
const model = buildModel(preset.spec);
const observer = pomdpObserver(model, preset.observation);
const RIGHT = ACTIONS.indexOf('right');
/** The book numbers cells 1..16 row-major; Floe stores 0..15. */
const bookState = (n: number) => n - 1;

describe('the fig 19.4 preset', () => {
  it('is a valid, frozen gridworld spec with an id, a title and a description', () => {
    expect(parseGridworldSpec(preset.spec).ok).toBe(true);
    expect(preset.id).toBe('fig-19-4');
    expect(preset.title).toMatch(/fig 19\.4/);
    expect(preset.description.length).toBeGreaterThan(50);
    expect(Object.isFrozen(preset) && Object.isFrozen(preset.spec.map)).toBe(true);
    expect(model.starts).toEqual([bookState(3), bookState(9)]);
  });

  it('book states 3 and 9 (cells 2 and 8) show the same view, and no other cell does', () => {
    const [a, b] = [bookState(3), bookState(9)];
    expect(preset.aliasedCells).toEqual([a, b]);
    expect(observer.key(observer.vector(a))).toBe('###/#../#.#');
    expect(Array.from(observer.vector(a))).toEqual(Array.from(observer.vector(b)));
    expect(observer.cellsOfId[observer.idOfCell[a]]).toEqual([a, b]);
    // Every other open cell has a view of its own.
    const shared = observer.cellsOfId.filter((cells) => cells.length > 1);
    expect(shared).toEqual([[a, b]]);
  });

  it('moving right falls into a hole (-2) from book state 3 and reaches the fish (+3) from book state 9', () => {
    const env = gridworldEnv(model);
    const fromThree = env.step(bookState(3), RIGHT, createRng(1));
    expect(model.looks[fromThree.state]).toBe('hole');
    expect(fromThree.reward).toBe(-2);
    expect(fromThree.terminated).toBe(false);
    const fromNine = env.step(bookState(9), RIGHT, createRng(1));
    expect(model.looks[fromNine.state]).toBe('fish');
    expect(fromNine.reward).toBe(3);
    expect(fromNine.terminated).toBe(true);
  });

  it('hides the hole and the fish under snow: they read as ice next to the penguin', () => {
    expect(observer.alphabet).toEqual(['ice', 'wall', 'goal']);
    // The hole is to the right of cell 2, the fish to the right of cell 8: both show '.'.
    expect(observer.rows(observer.vector(bookState(3)))[1]).toBe('#..');
    expect(observer.rows(observer.vector(bookState(9)))[1]).toBe('#..');
  });

  it('is registered as pomdp/fig-19-4 with vector observations, after every other family, and passes checkEnv', () => {
    const world = requireWorld('pomdp/fig-19-4');
    expect(world.family).toBe('pomdp');
    expect(world.title).toBe(preset.title);
    expect(world.model?.().nS).toBe(16);
    const env = world.create();
    expect(env.id).toBe('pomdp/fig-19-4');
    expect(env.observationSpace).toEqual(observer.vectorSpace);
    expect(checkEnv(env, { seed: 'fig-19-4', steps: 2000, model: world.model?.() })).toEqual([]);
    expect(checkEnv(makePomdpGridworld(model, preset.observation, { encoding: 'id' }), { seed: 'fig-19-4', steps: 2000, model })).toEqual([]);
    const families = listWorlds().map((w) => w.family);
    expect(families[0]).toBe('gridworld');
    expect(families.indexOf('pomdp')).toBeGreaterThan(families.lastIndexOf('arcade'));
  });
});
