/**
 * Freeway's rules, case by case (shared/reference/minatar-rules.md section 4.9), with states built
 * by hand and exact cells, rewards and timers checked.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_ACTION } from '../../environments/arcade/arcade-env';
import { FREEWAY_EPISODE_STEPS, makeFreeway, observeFreeway, resetFreeway, stepFreeway, type FreewayCar, type FreewayState } from '../../environments/arcade/freeway';
import { createRng } from '../../environments/core/rng';

const { noop, up, down } = ARCADE_ACTION;
const C = 7;

function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}

/** Eight cars far from column 4 that stay there for a while (slow, moving away from it). */
const parked = (): FreewayCar[] => Array.from({ length: 8 }, () => ({ col: 0, speed: -5, countdown: 5 }));
function scene(extra: Partial<FreewayState>): FreewayState {
  return { chickenRow: 9, moveCooldown: 0, cars: parked(), timeLeft: 2500, terminal: false, ...extra };
}
const withCar = (row: number, car: FreewayCar): FreewayCar[] => parked().map((c, i) => (i + 1 === row ? car : c));

describe('Freeway reset', () => {
  it('puts the chicken at (9, 4) and every car at column 0 with its trail behind it', () => {
    const s = resetFreeway(createRng('freeway-reset'));
    expect([s.chickenRow, s.moveCooldown, s.timeLeft]).toEqual([9, 3, 2500]);
    const obs = observeFreeway(s);
    expect(lit(obs, 0)).toEqual([[9, 4]]);
    expect(lit(obs, 1)).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 0]));
    s.cars.forEach((car, i) => {
      const magnitude = Math.abs(car.speed);
      expect(magnitude).toBeGreaterThanOrEqual(1);
      expect(magnitude).toBeLessThanOrEqual(5);
      expect(car.countdown).toBe(magnitude);
      const trailCol = car.speed > 0 ? 9 : 1;
      expect(obs[((i + 1) * 10 + trailCol) * C + 1 + magnitude]).toBe(1);
    });
    // One trail per car, in exactly one speed channel.
    const trails = [2, 3, 4, 5, 6].reduce((n, ch) => n + lit(obs, ch).length, 0);
    expect(trails).toBe(8);
  });

  it('draws every speed and both directions over a few seeds', () => {
    const speeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) for (const car of resetFreeway(createRng(seed)).cars) speeds.add(car.speed);
    expect([...speeds].sort((a, b) => a - b)).toEqual([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]);
  });
});

describe('Freeway chicken', () => {
  it('moves up once every 3 steps while up is held', () => {
    let s = { ...scene({}), moveCooldown: 3 };
    const rows: number[] = [];
    for (let t = 1; t <= 10; t++) {
      s = stepFreeway(s, up, createRng(t)).game;
      rows.push(s.chickenRow);
    }
    expect(rows).toEqual([9, 9, 9, 8, 8, 8, 7, 7, 7, 6]);
  });

  it('reaching the top pays +1, sends the chicken back and re-randomises the cars', () => {
    const rng = createRng('crossing');
    const cars = parked().map((c, i) => ({ ...c, col: i }));
    const { game, reward } = stepFreeway(scene({ chickenRow: 1, cars }), up, rng);
    expect(reward).toBe(1);
    expect(game.chickenRow).toBe(9);
    expect(game.moveCooldown).toBe(2);
    game.cars.forEach((car, i) => {
      // Columns kept (no car is due to move: each countdown is reloaded then ticks once).
      expect(car.col).toBe(i);
      expect(car.countdown).toBe(Math.abs(car.speed) - 1);
    });
  });

  it('a full crossing with up held pays on step 28', () => {
    let s = { ...scene({}), moveCooldown: 3 };
    const rng = createRng('walk');
    const rewards: number[] = [];
    for (let t = 1; t <= 28; t++) {
      const r = stepFreeway(s, up, rng);
      rewards.push(r.reward);
      s = r.game;
    }
    expect(rewards.flatMap((r, i) => (r > 0 ? [i + 1] : []))).toEqual([28]);
    expect(s.chickenRow).toBe(9);
  });

  it('a car moving onto the chicken sends it back to row 9, with no penalty', () => {
    const s = scene({ chickenRow: 5, moveCooldown: 2, cars: withCar(5, { col: 3, speed: 1, countdown: 0 }) });
    const { game, reward } = stepFreeway(s, noop, createRng(1));
    expect([game.chickenRow, reward]).toEqual([9, 0]);
    expect(game.cars[4].col).toBe(4);
  });

  it('walking into a car sends the chicken back, and the cooldown stands', () => {
    const s = scene({ chickenRow: 6, cars: withCar(5, { col: 4, speed: 3, countdown: 2 }) });
    const { game } = stepFreeway(s, up, createRng(1));
    expect([game.chickenRow, game.moveCooldown]).toEqual([9, 2]);
  });

  it('down in row 9 spends the cooldown without moving', () => {
    const { game } = stepFreeway(scene({}), down, createRng(1));
    expect([game.chickenRow, game.moveCooldown]).toEqual([9, 2]);
  });
});

describe('Freeway cars', () => {
  it('a car with |v| = k moves every k + 1 steps, wrapping round the row', () => {
    let s = scene({
      chickenRow: 9,
      cars: parked().map((c, i) => (i === 0 ? { col: 0, speed: 1, countdown: 1 } : i === 1 ? { col: 0, speed: -5, countdown: 5 } : c)),
    });
    const fast: number[] = [];
    const slow: number[] = [];
    for (let t = 1; t <= 12; t++) {
      s = stepFreeway(s, noop, createRng(t)).game;
      fast.push(s.cars[0].col);
      slow.push(s.cars[1].col);
    }
    expect(fast).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    expect(slow).toEqual([0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 8]);
  });

  it('draws the trail across the wrap, in the speed channel', () => {
    const s = scene({ cars: withCar(1, { col: 9, speed: 2, countdown: 0 }) });
    const game = stepFreeway(s, noop, createRng(1)).game;
    expect(game.cars[0].col).toBe(0);
    const obs = observeFreeway(game);
    expect(obs[(1 * 10 + 0) * C + 1]).toBe(1);
    expect(lit(obs, 3)).toEqual([[1, 9]]);
  });
});

describe('Freeway time limit', () => {
  it('the episode terminates (not truncates) on step 2501 exactly, even with the registry wrapper', () => {
    expect(FREEWAY_EPISODE_STEPS).toBe(2501);
    const env = makeFreeway({ stickyProbability: 0 });
    const rng = createRng('freeway-clock');
    let { state } = env.reset(rng);
    let total = 0;
    let steps = 0;
    for (;;) {
      const r = env.step(state, 0, rng);
      steps++;
      total += r.reward;
      state = r.state;
      expect(r.truncated).toBe(false);
      if (r.terminated) break;
    }
    expect(steps).toBe(2501);
    expect(total).toBe(0);
    expect(state.inner.game.chickenRow).toBe(9);
    expect(state.inner.game.timeLeft).toBe(-1);
  });
});
