import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { contains } from '../../environments/core/spaces';
import { buildModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { pomdpObserver, resolvePomdpObservationConfig, type PomdpObservationConfig } from '../../environments/pomdp/observation';

// The book's 4x4 layout: 'S...', '....', '.HH.', '..HF' (holes 9, 10, 14; fish 15).
const fig10 = buildModel(GRIDWORLD_PRESETS['fig-19-10'].spec);
const frozen = buildModel(GRIDWORLD_PRESETS['frozen-lake-4x4'].spec); // 'SFFF', 'FHFH', 'FFFH', 'HFFG'

describe('resolvePomdpObservationConfig', () => {
  it('fills in the defaults: radius 1, nothing hidden, no noise, no position', () => {
    expect(resolvePomdpObservationConfig()).toEqual({ radius: 1, hiddenLooks: [], noise: 0, showPosition: false });
    expect(resolvePomdpObservationConfig({ radius: 2, noise: undefined })).toEqual({ radius: 2, hiddenLooks: [], noise: 0, showPosition: false });
  });

  it('rejects bad input with one message naming the field', () => {
    const cases: [unknown, string][] = [
      [null, 'pomdp observation config must be an object, got null'],
      [[1], 'pomdp observation config must be an object, got [1]'],
      [{ radus: 1 }, "unknown pomdp observation field 'radus'; known: radius, hiddenLooks, noise, showPosition"],
      [{ radius: 1.5 }, 'pomdp observation radius must be an integer in 0..64, got 1.5'],
      [{ radius: -1 }, 'pomdp observation radius must be an integer in 0..64, got -1'],
      [{ radius: '1' }, 'pomdp observation radius must be an integer in 0..64, got "1"'],
      [{ noise: 1.5 }, 'pomdp observation noise must be a probability in [0, 1], got 1.5'],
      [{ noise: NaN }, 'pomdp observation noise must be a probability in [0, 1], got NaN'],
      [{ showPosition: 'yes' }, 'pomdp observation showPosition must be true or false, got "yes"'],
      [{ hiddenLooks: 'hole' }, 'pomdp observation hiddenLooks must be a list of looks, got "hole"'],
      [{ hiddenLooks: ['hole', 'ice'] }, "pomdp observation hiddenLooks[1] must be one of 'hole', 'fish', 'goal', got \"ice\""],
      [{ hiddenLooks: ['fish', 'fish'] }, "pomdp observation hiddenLooks[1] repeats 'fish'"],
    ];
    for (const [input, message] of cases) expect(() => resolvePomdpObservationConfig(input)).toThrow(message);
  });
});

describe('pomdpObserver: the window', () => {
  const observer = pomdpObserver(fig10, { radius: 1 });

  it('sizes: K = 5 readings, W = 9 cells, a vector of 45 in [0, 1]', () => {
    expect(observer.alphabet).toEqual(['ice', 'hole', 'fish', 'wall', 'goal']);
    expect(observer.windowCells).toBe(9);
    expect(observer.vectorLength).toBe(45);
    expect(observer.vectorSpace).toEqual({ kind: 'box', shape: [45], low: 0, high: 1 });
  });

  it('reads the 3x3 tiles around the penguin, off-grid cells as wall', () => {
    expect(observer.key(observer.vector(0))).toBe('###/#../#..');
    expect(observer.key(observer.vector(10))).toBe('.../HH./.HF');
    expect(observer.key(observer.vector(15))).toBe('H.#/HF#/###');
    expect(observer.rows(observer.vector(10))).toEqual(['...', 'HH.', '.HF']);
  });

  it('encodes one one-hot block of K per window cell, row-major, in alphabet order', () => {
    const obs = observer.vector(0);
    expect(obs).toBeInstanceOf(Float32Array);
    const hot = Array.from({ length: 9 }, (_, i) => Array.from(obs.subarray(i * 5, i * 5 + 5)).indexOf(1));
    // wall wall wall / wall ice ice / wall ice ice
    expect(hot).toEqual([3, 3, 3, 3, 0, 0, 3, 0, 0]);
    expect(obs.reduce((a, b) => a + b, 0)).toBe(9);
    expect(Array.from(observer.trueReadings(0))).toEqual(hot);
    expect(observer.vector(0)).not.toBe(obs); // fresh arrays
  });

  it('radius 0 sees only the tile underfoot; radius 2 on a 4x4 grid sees the edges two deep', () => {
    const own = pomdpObserver(fig10, { radius: 0 });
    expect(own.vectorLength).toBe(5);
    expect([0, 9, 15].map((cell) => own.key(own.vector(cell)))).toEqual(['.', 'H', 'F']);
    const wide = pomdpObserver(fig10, { radius: 2 });
    expect(wide.rows(wide.vector(0))).toEqual(['#####', '#####', '##...', '##...', '##.HH']);
  });

  it('hides looks under snow: hidden holes and fish read as ice and leave the alphabet', () => {
    const snowy = pomdpObserver(fig10, { hiddenLooks: ['hole', 'fish'] });
    expect(snowy.alphabet).toEqual(['ice', 'wall', 'goal']);
    expect(snowy.vectorLength).toBe(27);
    expect(snowy.key(snowy.vector(10))).toBe('.../.../...');
    const lake = pomdpObserver(frozen, { hiddenLooks: ['hole'] });
    expect(lake.key(lake.vector(15))).toBe('..#/.G#/###');
  });

  it('shows the position as a one-hot over the cells when asked', () => {
    const located = pomdpObserver(fig10, { showPosition: true });
    expect(located.vectorLength).toBe(45 + 16);
    const obs = located.vector(6);
    expect(Array.from(obs.subarray(45))).toEqual(Array.from({ length: 16 }, (_, s) => (s === 6 ? 1 : 0)));
    expect(located.key(obs)).toBe('.../.../HH.@6');
    expect(located.nIds).toBe(16);
  });
});

describe('pomdpObserver: tabular ids', () => {
  it('numbers the distinct noiseless views 0..k-1 in order of their first cell', () => {
    const snowy = pomdpObserver(fig10, { hiddenLooks: ['hole', 'fish'] });
    // Under snow the 4x4 grid shows 9 views: 4 corners, 4 edges, the interior.
    expect(snowy.nIds).toBe(9);
    expect(snowy.idSpace).toEqual({ kind: 'discrete', n: 9 });
    expect(Array.from(snowy.idOfCell)).toEqual([0, 1, 1, 2, 3, 4, 4, 5, 3, 4, 4, 5, 6, 7, 7, 8]);
    expect(snowy.cellsOfId[4]).toEqual([5, 6, 9, 10]);
    expect(snowy.keyOfId[0]).toBe('###/#../#..');
    for (let cell = 0; cell < 16; cell++) expect(snowy.id(snowy.vector(cell))).toBe(snowy.idOfCell[cell]);
  });

  it('gives walls no id', () => {
    const walled = buildModel({ ...GRIDWORLD_PRESETS['fig-19-10'].spec, map: ['S#', '.F'] });
    const observer = pomdpObserver(walled);
    expect(Array.from(observer.idOfCell)).toEqual([0, -1, 1, 2]);
  });

  it('maps an observation that no state shows to the nearest noiseless view, ties to the smaller id', () => {
    const snowy = pomdpObserver(fig10, { hiddenLooks: ['hole', 'fish'] });
    const K = snowy.alphabet.length;
    // The interior view (id 4) with its centre read as wall: one cell away from id 4 only.
    const noisy = snowy.vector(5);
    noisy.fill(0, 4 * K, 5 * K);
    noisy[4 * K + 1] = 1;
    expect(snowy.key(noisy)).toBe('.../.#./...');
    expect(snowy.id(noisy)).toBe(4);
    // The top-left corner's view with its top row read as ice: 3 cells from its own id 0
    // ('###/#../#..') but 1 from the left edge's id 3 ('#../#../#..').
    const corner = snowy.vector(0);
    for (const i of [0, 1, 2]) {
      corner.fill(0, i * K, (i + 1) * K);
      corner[i * K] = 1;
    }
    expect(snowy.key(corner)).toBe('.../#../#..');
    expect(snowy.id(corner)).toBe(3);
    // Equally far from id 0 ('###/#../#..') and id 1 ('###/.../...'): the smaller id wins.
    const between = snowy.vector(0);
    between.fill(0, 3 * K, 4 * K);
    between[3 * K] = 1; // left cell of the middle row: ice
    expect(snowy.key(between)).toBe('###/.../#..');
    expect(snowy.id(between)).toBe(0);
  });

  it('rejects vectors that are not observations', () => {
    const observer = pomdpObserver(fig10);
    expect(() => observer.key(new Float32Array(44))).toThrow('pomdp observation must have length 45, got 44');
    const twoHot = observer.vector(0);
    twoHot[4] = 1;
    expect(() => observer.id(twoHot)).toThrow('pomdp observation window cell 0 must be a one-hot block of 5, got 0,0,0,1,1');
    expect(() => observer.likelihood(new Float32Array(45), 0)).toThrow('pomdp observation window cell 0 must be a one-hot block of 5, got all zeros');
    expect(() => observer.vector(16)).toThrow('pomdp observation needs a cell index in 0..15, got 16');
    expect(() => observer.key('x' as unknown as Float32Array)).toThrow('pomdp observation must be a Float32Array of length 45, got "x"');
  });
});

describe('pomdpObserver: noise and the likelihood O(o | s)', () => {
  it('without noise: O(o | s) is 1 for the state’s own view and 0 for any other, and sampling draws nothing', () => {
    const observer = pomdpObserver(fig10);
    expect(observer.likelihood(observer.vector(5), 5)).toBe(1);
    expect(observer.likelihood(observer.vector(5), 6)).toBe(0); // 5 and 6 see the holes at different places
    expect(observer.likelihood(observer.vector(1), 2)).toBe(1); // 1 and 2 look alike
    const rng = createRng('quiet');
    const before = rng.state();
    expect(Array.from(observer.sample(5, rng))).toEqual(Array.from(observer.vector(5)));
    expect(rng.state()).toEqual(before);
  });

  it('with noise p: (1 - p) per right reading and p / (K - 1) per wrong one', () => {
    const p = 0.2;
    const observer = pomdpObserver(fig10, { noise: p });
    expect(observer.likelihood(observer.vector(5), 5)).toBeCloseTo((1 - p) ** 9, 15);
    // Cell 5 sees '.../.../.HH' and cell 6 '.../.../HH.': two window cells differ.
    const a = observer.trueReadings(5);
    const b = observer.trueReadings(6);
    const differing = a.reduce((n, r, i) => n + (r === b[i] ? 0 : 1), 0);
    expect(differing).toBe(2);
    expect(observer.likelihood(observer.vector(6), 5)).toBeCloseTo((1 - p) ** 7 * (p / 4) ** 2, 15);
  });

  it('sums to 1 over every possible observation (radius 0; and radius 1 with K = 3, 3^9 views)', () => {
    const own = pomdpObserver(fig10, { radius: 0, noise: 0.3 });
    for (const cell of [0, 9, 15]) {
      let total = 0;
      for (let k = 0; k < 5; k++) total += own.likelihood(Float32Array.from({ length: 5 }, (_, i) => (i === k ? 1 : 0)), cell);
      expect(total).toBeCloseTo(1, 14);
    }
    const snowy = pomdpObserver(fig10, { hiddenLooks: ['hole', 'fish'], noise: 0.3 });
    const obs = new Float32Array(27);
    let total = 0;
    for (let code = 0; code < 3 ** 9; code++) {
      obs.fill(0);
      let rest = code;
      for (let i = 0; i < 9; i++) {
        obs[i * 3 + (rest % 3)] = 1;
        rest = Math.floor(rest / 3);
      }
      total += snowy.likelihood(obs, 6);
    }
    expect(Math.abs(total - 1)).toBeLessThan(1e-12);
  });

  it('samples each reading with the frequencies the likelihood gives, one draw per window cell', () => {
    const p = 0.3;
    const observer = pomdpObserver(fig10, { radius: 0, noise: p });
    const rng = createRng('noise-frequencies');
    const n = 40_000;
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < n; i++) counts[observer.sample(9, rng).indexOf(1)]++;
    // Cell 9 is a hole (reading 1): kept with 0.7, each other reading 0.075.
    const expected = [0.075, 0.7, 0.075, 0.075, 0.075];
    counts.forEach((count, k) => expect(Math.abs(count / n - expected[k])).toBeLessThan(0.01));
    // Exactly one draw per window cell: 9 for a radius-1 window.
    const wide = pomdpObserver(fig10, { radius: 1, noise: p });
    const a = createRng('draws');
    const b = createRng('draws');
    wide.sample(5, a);
    for (let i = 0; i < 9; i++) b.next();
    expect(a.state()).toEqual(b.state());
  });

  it('never leaves the observation space, and the same seed gives the same observations', () => {
    const config: PomdpObservationConfig = { radius: 1, noise: 0.5, showPosition: true };
    const observer = pomdpObserver(frozen, config);
    const first = createRng(7);
    const second = createRng(7);
    for (let i = 0; i < 200; i++) {
      const obs = observer.sample(i % 16, first);
      expect(contains(observer.vectorSpace, obs)).toBe(true);
      expect(Array.from(obs)).toEqual(Array.from(observer.sample(i % 16, second)));
      expect(observer.id(obs)).toBe(observer.idOfCell[i % 16]); // the position decides the id
    }
  });
});
