import { describe, expect, it } from 'vitest';
import { buildModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { DEFAULT_LEGEND } from '../../environments/gridworld/spec';
import { parseGridworldSpec } from '../../environments/gridworld/validate';

const EXPECTED_IDS = [
  'fig-19-1-markov-process',
  'fig-19-2-reward-process',
  'fig-19-3-mdp',
  'fig-19-10',
  'fig-19-11-monte-carlo',
  'notebook-td',
  'frozen-lake-4x4',
  'frozen-lake-8x8',
  'cliff-walk',
  'sutton-barto-4x4',
];

const model = (id: string) => buildModel(GRIDWORLD_PRESETS[id].spec);
const cellsWhere = (id: string, pred: (s: number) => boolean) => {
  const m = model(id);
  return Array.from({ length: m.nS }, (_, s) => s).filter(pred);
};

describe('gridworld presets', () => {
  it('has the expected kebab-case ids, each keyed by its own id', () => {
    expect(Object.keys(GRIDWORLD_PRESETS)).toEqual(EXPECTED_IDS);
    for (const [key, preset] of Object.entries(GRIDWORLD_PRESETS)) {
      expect(preset.id).toBe(key);
      expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(preset.title.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(20);
    }
  });

  it('passes parseGridworldSpec unchanged apart from filled defaults', () => {
    for (const preset of Object.values(GRIDWORLD_PRESETS)) {
      const result = parseGridworldSpec(preset.spec);
      if (!result.ok) throw new Error(`${preset.id}: ${result.error}`);
      expect(result.spec).toEqual(preset.spec);
      // And survives a JSON round trip, as a saved or shared map would.
      expect(parseGridworldSpec(JSON.stringify(preset.spec))).toEqual(result);
    }
  });

  it('is frozen all the way down', () => {
    const preset = GRIDWORLD_PRESETS['fig-19-10'];
    expect(Object.isFrozen(preset.spec.map)).toBe(true);
    expect(Object.isFrozen(preset.spec.legend?.H)).toBe(true);
    expect(Object.isFrozen(preset.spec.slip)).toBe(true);
  });

  it('puts the book layout where the book does: start 0, holes 9, 10, 14, fish 15', () => {
    for (const id of ['fig-19-1-markov-process', 'fig-19-3-mdp', 'fig-19-10', 'fig-19-11-monte-carlo', 'notebook-td']) {
      const m = model(id);
      expect(m.starts).toEqual([0]);
      expect(cellsWhere(id, (s) => m.looks[s] === 'hole')).toEqual([9, 10, 14]);
      expect(cellsWhere(id, (s) => m.looks[s] === 'fish')).toEqual([15]);
    }
  });

  it('gives each book figure its rules', () => {
    const fig10 = GRIDWORLD_PRESETS['fig-19-10'].spec;
    expect(fig10).toMatchObject({ rewardTiming: 'leave', slip: { model: 'book', probability: 0.5 }, mode: 'mdp', gamma: 0.9 });
    expect(fig10.legend).toEqual(DEFAULT_LEGEND);
    expect(GRIDWORLD_PRESETS['fig-19-3-mdp'].spec).toEqual({ ...fig10, name: GRIDWORLD_PRESETS['fig-19-3-mdp'].spec.name });

    const markov = model('fig-19-1-markov-process');
    expect(markov.nA).toBe(1);
    expect(markov.spec.mode).toBe('markov-process');
    for (let s = 0; s < 16; s++) {
      expect(markov.r(s, 0)).toBe(0);
      expect(markov.terminal(s)).toBe(false);
    }

    const mrp = model('fig-19-2-reward-process');
    expect(mrp.nA).toBe(1);
    expect(cellsWhere('fig-19-2-reward-process', (s) => mrp.tileReward(s) === 1)).toEqual([3, 8, 10]);
    expect(cellsWhere('fig-19-2-reward-process', (s) => mrp.terminal(s))).toEqual([]);
    expect(mrp.r(2, 0)).toBeCloseTo(1 / 3, 12); // from 2: to 1, 3, 6 with 1/3 each; only 3 is a fish
    expect(mrp.r(7, 0)).toBeCloseTo(1 / 3, 12); // from 7: to 3, 6, 11

    const mc = model('fig-19-11-monte-carlo');
    expect([mc.tileReward(9), mc.tileReward(10), mc.tileReward(14), mc.tileReward(15)]).toEqual([-1, -1, -1, 1]);
    expect(mc.terminal(15)).toBe(true);

    const td = GRIDWORLD_PRESETS['notebook-td'].spec;
    expect(td).toMatchObject({ rewardTiming: 'arrive', slip: { model: 'notebook', probability: 0.85 } });
  });

  it('has the standard frozen lakes', () => {
    const small = GRIDWORLD_PRESETS['frozen-lake-4x4'].spec;
    expect(small.map).toEqual(['SFFF', 'FHFH', 'FFFH', 'HFFG']);
    expect(small).toMatchObject({ rewardTiming: 'arrive', slip: { model: 'perpendicular', probability: 1 / 3 }, gamma: 0.99, maxSteps: 100 });
    const m = model('frozen-lake-4x4');
    expect(cellsWhere('frozen-lake-4x4', (s) => m.terminal(s))).toEqual([5, 7, 11, 12, 15]);
    expect(m.tileReward(15)).toBe(1);
    expect(m.r(14, 1)).toBeCloseTo(1 / 3, 12);
    const big = GRIDWORLD_PRESETS['frozen-lake-8x8'].spec;
    expect(big.map).toHaveLength(8);
    expect(big.map.join('').split('H')).toHaveLength(11);
    expect(big.maxSteps).toBe(200);
  });

  it('has the cliff along the bottom row between start and goal', () => {
    const m = model('cliff-walk');
    expect([m.rows, m.cols]).toEqual([4, 12]);
    expect(m.starts).toEqual([36]);
    expect(cellsWhere('cliff-walk', (s) => m.tiles[s].returnToStart === true)).toEqual([37, 38, 39, 40, 41, 42, 43, 44, 45, 46]);
    expect(cellsWhere('cliff-walk', (s) => m.terminal(s))).toEqual([47]);
    expect(m.spec).toMatchObject({ stepReward: -1, rewardTiming: 'arrive', slip: { model: 'deterministic' }, gamma: 1 });
  });

  it('sizes the time limits sensibly', () => {
    for (const { spec } of Object.values(GRIDWORLD_PRESETS)) {
      const cells = spec.map.length * spec.map[0].length;
      expect(spec.maxSteps).toBeGreaterThanOrEqual(4 * Math.sqrt(cells));
      expect(spec.maxSteps).toBeLessThanOrEqual(500);
    }
  });
});
