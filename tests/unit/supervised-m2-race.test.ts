/**
 * M2 optimiser race: the landscapes' book numbers, their gradients and Hessians against central
 * differences, the loss grid, the race runner (determinism, common random numbers, batches
 * without replacement, divergence) and the book behaviour of the presets (fig. 6.9).
 */
import { describe, expect, it } from 'vitest';
import {
  ANISOTROPIC_BOWL_LANDSCAPE,
  classifyCurvature,
  EpochBatcher,
  evaluateLossGrid,
  GABOR_LANDSCAPE,
  IMPLICIT_REGULARISATION_LANDSCAPE,
  LANDSCAPE_IDS,
  landscapeById,
  LINEAR_REGRESSION_LANDSCAPE,
  OptimiserRace,
  RACE_PRESETS,
  racePresetById,
  runRace,
  type Landscape,
  type RaceConfig,
} from '../../supervised/m2';
import { createRng } from '../../environments/core/rng';

function centralGradient(landscape: Landscape, phi: [number, number], h = 1e-6): [number, number] {
  const at = (d0: number, d1: number): number => landscape.loss([phi[0] + d0, phi[1] + d1]);
  return [(at(h, 0) - at(-h, 0)) / (2 * h), (at(0, h) - at(0, -h)) / (2 * h)];
}

function centralHessian(landscape: Landscape, phi: [number, number], h = 1e-5): number[][] {
  const g = (d0: number, d1: number): Float64Array => landscape.gradient([phi[0] + d0, phi[1] + d1]);
  const column0 = [0, 1].map((k) => (g(h, 0)[k] - g(-h, 0)[k]) / (2 * h));
  const column1 = [0, 1].map((k) => (g(0, h)[k] - g(0, -h)[k]) / (2 * h));
  return [
    [column0[0], column1[0]],
    [column0[1], column1[1]],
  ];
}

describe('landscapes', () => {
  it('give the notebooks’ loss checks: 12.367 (linear, A.1) and 16.419 (Gabor, A.2) at phi = [0.6, -0.2]', () => {
    expect(LINEAR_REGRESSION_LANDSCAPE.loss([0.6, -0.2])).toBeCloseTo(12.367, 3);
    expect(GABOR_LANDSCAPE.loss([0.6, -0.2])).toBeCloseTo(16.419, 3);
  });

  it('put the minima where the book says: A.3 at (0.7, 0) with loss 0, A.6 zero on the whole line phi1 = 0', () => {
    expect(ANISOTROPIC_BOWL_LANDSCAPE.loss([0.7, 0])).toBe(0);
    expect(Array.from(ANISOTROPIC_BOWL_LANDSCAPE.gradient([0.7, 0]))).toEqual([0, 0]);
    for (const phi0 of [-0.8, -0.3, 0, 0.4]) expect(IMPLICIT_REGULARISATION_LANDSCAPE.loss([phi0, 0])).toBe(0);
    // At notebook 9.2's start, s = exp(-2 (0.7)^2) and L = 1 - exp(-0.75^2 / (2 s^2)).
    const s = Math.exp(-2 * 0.49);
    expect(IMPLICIT_REGULARISATION_LANDSCAPE.loss([-0.7, -0.75])).toBeCloseTo(1 - Math.exp(-(0.75 ** 2) / (2 * s * s)), 14);
  });

  it('have gradients and Hessians that match central differences', () => {
    const points: Record<string, [number, number][]> = {
      'linear-regression': [
        [0.6, -0.2],
        [1.6, -0.5],
      ],
      gabor: [
        [-1.5, 8.5],
        [3.5, 6.5],
        [0.2, 15],
      ],
      'anisotropic-bowl': [
        [-0.7, -0.9],
        [0.3, 0.2],
      ],
      'implicit-regularisation': [
        [-0.7, -0.75],
        [-0.2, 0.1],
        [0.3, -0.4],
      ],
    };
    for (const id of LANDSCAPE_IDS) {
      const landscape = landscapeById(id);
      for (const phi of points[id]) {
        const g = landscape.gradient(phi);
        const numeric = centralGradient(landscape, phi);
        const scale = Math.max(1, Math.abs(numeric[0]), Math.abs(numeric[1]));
        expect(Math.abs(g[0] - numeric[0]) / scale, `${id} dL/dphi0 at ${phi}`).toBeLessThan(1e-6);
        expect(Math.abs(g[1] - numeric[1]) / scale, `${id} dL/dphi1 at ${phi}`).toBeLessThan(1e-6);
        const hessian = landscape.hessian(phi);
        const numericHessian = centralHessian(landscape, phi);
        const hScale = Math.max(1, ...numericHessian.flat().map(Math.abs));
        for (const [r, c] of [
          [0, 0],
          [0, 1],
          [1, 0],
          [1, 1],
        ]) {
          expect(Math.abs(hessian[r][c] - numericHessian[r][c]) / hScale, `${id} H${r}${c} at ${phi}`).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('sum per-example terms whose gradients add up to the full gradient (what SGD samples)', () => {
    const phi = Float64Array.of(-1.5, 8.5);
    const total = [0, 0];
    for (let i = 0; i < GABOR_LANDSCAPE.objective.terms; i++) {
      const g = GABOR_LANDSCAPE.objective.termGradient(phi, i);
      total[0] += g[0];
      total[1] += g[1];
    }
    const full = GABOR_LANDSCAPE.gradient(phi);
    expect(total[0]).toBeCloseTo(full[0], 12);
    expect(total[1]).toBeCloseTo(full[1], 12);
    expect(GABOR_LANDSCAPE.objective.terms).toBe(30);
    expect(ANISOTROPIC_BOWL_LANDSCAPE.objective.terms).toBe(1);
  });

  it('classify curvature by the Hessian eigenvalues (section 6.1.2)', () => {
    expect(classifyCurvature([
      [2, 0],
      [0, 1],
    ])).toEqual({ eigenvalues: [1, 2], kind: 'minimum' });
    expect(classifyCurvature([
      [-2, 0],
      [0, -1],
    ]).kind).toBe('maximum');
    expect(classifyCurvature([
      [0, 1],
      [1, 0],
    ])).toEqual({ eigenvalues: [-1, 1], kind: 'saddle' });
    expect(classifyCurvature([
      [1, 0],
      [0, 0],
    ]).kind).toBe('degenerate');
    // The anisotropic bowl's minimum: curvature 1/4 along phi0, 4 across.
    const bowl = classifyCurvature(ANISOTROPIC_BOWL_LANDSCAPE.hessian([0.7, 0]));
    expect(bowl.kind).toBe('minimum');
    expect(bowl.eigenvalues[0]).toBeCloseTo(0.25, 12);
    expect(bowl.eigenvalues[1]).toBeCloseTo(4, 12);
  });

  it('refuse bad ids and bad phi with a message naming the field', () => {
    expect(() => landscapeById('bowl')).toThrow(/landscape: id must be one of 'linear-regression'/);
    expect(() => GABOR_LANDSCAPE.loss([1])).toThrow('gabor landscape: phi must have 2 numbers [phi0, phi1], got 1');
    expect(() => LINEAR_REGRESSION_LANDSCAPE.gradient([NaN, 0])).toThrow('linear-regression landscape: phi must be finite');
  });
});

describe('the loss grid', () => {
  it('samples an n x n grid row by row, ends included', () => {
    const grid = evaluateLossGrid((phi) => LINEAR_REGRESSION_LANDSCAPE.loss(phi), LINEAR_REGRESSION_LANDSCAPE.window, 3);
    expect(grid.phi0s).toEqual([0, 1, 2]);
    expect(grid.phi1s).toEqual([-1, 0, 1]);
    expect(grid.values[0]).toBe(LINEAR_REGRESSION_LANDSCAPE.loss([0, -1]));
    expect(grid.values[1 * 3 + 2]).toBe(LINEAR_REGRESSION_LANDSCAPE.loss([2, 0]));
    expect(grid.values[2 * 3 + 0]).toBe(LINEAR_REGRESSION_LANDSCAPE.loss([0, 1]));
    expect(grid.min).toBe(Math.min(...grid.values));
  });

  it('finds the Gabor global minimum near phi = [0, 16] with loss about 0.65 (fig. 6.4: 0.64 on the text’s 28 points)', () => {
    const grid = evaluateLossGrid((phi) => GABOR_LANDSCAPE.loss(phi), GABOR_LANDSCAPE.window, 201);
    expect(grid.argmin).toEqual([0, 16]);
    expect(grid.min).toBeGreaterThan(0.6);
    expect(grid.min).toBeLessThan(0.7);
    expect(classifyCurvature(GABOR_LANDSCAPE.hessian(grid.argmin!)).kind).toBe('minimum');
  });

  it('keeps non-finite values out of min and max, and refuses bad windows', () => {
    const grid = evaluateLossGrid((phi) => (phi[0] > 0 ? Infinity : phi[1]), { phi0: [-1, 1], phi1: [0, 1] }, 2);
    expect(grid.min).toBe(0);
    expect(grid.max).toBe(1);
    expect(() => evaluateLossGrid(() => 0, { phi0: [1, 1], phi1: [0, 1] }, 3)).toThrow('loss grid: window.phi0 must have low < high, got [1, 1]');
    expect(() => evaluateLossGrid(() => 0, { phi0: [0, 1], phi1: [0, 1] }, 1)).toThrow('loss grid: resolution must be an integer in [2, 1000], got 1');
  });
});

describe('batches without replacement', () => {
  it('use every example once per epoch, the last batch holding the remainder', () => {
    const batcher = new EpochBatcher(12, 5, createRng('batches'));
    const epoch = [batcher.next(), batcher.next(), batcher.next()];
    expect(epoch.map((b) => b.length)).toEqual([5, 5, 2]);
    expect(epoch.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(batcher.epoch).toBe(1);
    batcher.next();
    expect(batcher.epoch).toBe(2);
    expect(() => new EpochBatcher(12, 13, createRng(1))).toThrow('epoch batcher: batchSize must be an integer in [1, 12], got 13');
  });
});

describe('the optimiser race', () => {
  const momentum = racePresetById('gabor-momentum');

  it('is deterministic: same seed and config, the same trajectories bit for bit', () => {
    const a = runRace(momentum.race, momentum.steps);
    const b = runRace(momentum.race, momentum.steps);
    expect(b).toEqual(a);
    const other = runRace({ ...momentum.race, seed: 2 }, momentum.steps);
    expect(other.trajectories[0].points).not.toEqual(a.trajectories[0].points);
  });

  it('gives racers with the same batch size the same batches (common random numbers), drawn epoch by epoch', () => {
    const { trajectories } = runRace(momentum.race, 12);
    expect(trajectories[1].batches).toEqual(trajectories[0].batches);
    expect(trajectories[2].batches).toEqual(trajectories[0].batches);
    const firstEpoch = trajectories[0].batches!.slice(0, 6).flat().sort((a, b) => a - b);
    expect(firstEpoch).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('records each step: points, full losses, the batch gradient, the learning rate, and a description of the form', () => {
    const race = new OptimiserRace(racePresetById('gabor-gradient-descent').race);
    const rows = race.step(3);
    expect(rows.map((r) => r['race/step'])).toEqual([1, 2, 3]);
    const { trajectories } = race.snapshot();
    const fixed = trajectories[1];
    expect(fixed.points).toHaveLength(4);
    const g0 = GABOR_LANDSCAPE.gradient([-1.5, 8.5]);
    expect(fixed.gradients[0]).toEqual([g0[0], g0[1]]);
    expect(fixed.points[1]).toEqual([-1.5 - 0.2 * g0[0], 8.5 - 0.2 * g0[1]]);
    expect(fixed.losses[1]).toBe(GABOR_LANDSCAPE.loss(fixed.points[1]));
    expect(fixed.learningRates).toEqual([0.2, 0.2, 0.2]);
    expect(fixed.batches).toBeNull();
    expect(rows[0]['losses/GD α = 0.2']).toBe(fixed.losses[1]);
    expect(fixed.description).toBe('SGD (eq. 6.10: φ ← φ − αg), α = 0.2, batch sum');
    expect(trajectories[0].description).toMatch(/^GD with line search \(fig\. 6\.10 bracketing, α in \[0, 2\]/);
  });

  it('line search never increases the loss on the linear bowl and gets close in a few steps (fig. 6.1)', () => {
    const { trajectories } = runRace(racePresetById('linear-line-search').race, 10);
    const losses = trajectories[0].losses;
    for (let t = 1; t < losses.length; t++) expect(losses[t]).toBeLessThanOrEqual(losses[t - 1]);
    expect(losses[4]).toBeLessThan(0.7);
    expect(losses[10]).toBeLessThan(0.25);
  });

  it('shows fig. 6.9: slow small steps, oscillating large ones, bouncing normalised steps, smooth Adam', () => {
    const preset = racePresetById('anisotropic-adam');
    const [slow, large, normalised, adam] = runRace(preset.race, preset.steps).trajectories;
    expect([slow, large, normalised, adam].map((t) => t.points.length - 1)).toEqual([200, 40, 40, 60]);
    const signChanges = (points: [number, number][]): number => points.slice(1).filter((p, i) => Math.sign(p[1]) !== Math.sign(points[i][1])).length;
    // (a) alpha = 0.08: the loss never rises, but after 40 steps phi0 is still far from 0.7.
    for (let t = 1; t < slow.losses.length; t++) expect(slow.losses[t]).toBeLessThanOrEqual(slow.losses[t - 1]);
    expect(slow.points[40][0]).toBeLessThan(0.1);
    // (b) alpha = 1.0: phi1 flips sign at almost every step.
    expect(signChanges(large.points)).toBeGreaterThanOrEqual(35);
    expect(large.losses[40]).toBeGreaterThan(0.05);
    // (c) normalised: every coordinate moves by alpha each step, ending in a 2-cycle.
    for (let t = 1; t <= 40; t++) {
      expect(Math.abs(normalised.points[t][0] - normalised.points[t - 1][0])).toBeCloseTo(0.08, 9);
      expect(Math.abs(normalised.points[t][1] - normalised.points[t - 1][1])).toBeCloseTo(0.08, 9);
    }
    expect(normalised.points[40][0]).toBeCloseTo(normalised.points[38][0], 9);
    expect(normalised.points[40][1]).toBeCloseTo(normalised.points[38][1], 9);
    // (d) Adam: few flips across the valley and close to the minimum after 60 steps.
    expect(signChanges(adam.points)).toBeLessThanOrEqual(5);
    expect(Math.abs(adam.points[60][0] - 0.7)).toBeLessThan(0.05);
    expect(Math.abs(adam.points[60][1])).toBeLessThan(0.05);
  });

  it('has presets that all run, with the notebooks’ starts and the book form', () => {
    expect(RACE_PRESETS.map((p) => p.race.start)).toEqual([
      [1.6, -0.5],
      [-1.5, 8.5],
      [3.5, 6.5],
      [-1.5, 6.5],
      [-0.7, -0.9],
    ]);
    for (const preset of RACE_PRESETS) {
      const snapshot = runRace(preset.race, preset.steps);
      for (const trajectory of snapshot.trajectories) {
        expect(trajectory.stopped, `${preset.id} ${trajectory.label}`).toBeNull();
        expect(trajectory.description).toMatch(/batch sum$/);
      }
    }
    expect(() => racePresetById('nope')).toThrow(/race preset: id must be one of 'linear-line-search'/);
  });

  it('stops a diverging racer with a reason and keeps the others going', () => {
    const config: RaceConfig = {
      landscape: 'linear-regression',
      start: [1.6, -0.5],
      racers: [
        { label: 'too large', optimiser: { kind: 'sgd', learningRate: 10 } },
        { label: 'fine', optimiser: { kind: 'sgd', learningRate: 0.01 } },
      ],
    };
    const { trajectories } = runRace(config, 400);
    expect(trajectories[0].stopped).toMatch(/^diverged at step \d+: /);
    expect(trajectories[0].points.length).toBeLessThan(400);
    expect(trajectories[1].stopped).toBeNull();
    expect(trajectories[1].points).toHaveLength(401);
  });

  it('refuses bad configs with a message naming the field', () => {
    const base: RaceConfig = { landscape: 'gabor', start: [0, 10], racers: [{ label: 'a', optimiser: { kind: 'sgd', learningRate: 0.1 } }] };
    expect(() => new OptimiserRace({ ...base, landscape: 'nope' as never })).toThrow(/landscape: id must be one of/);
    expect(() => new OptimiserRace({ ...base, start: [0, NaN] })).toThrow('optimiser race: start must be [phi0, phi1] with finite numbers, got [0,null]');
    expect(() => new OptimiserRace({ ...base, racers: [] })).toThrow('optimiser race: racers must be an array of 1 to 12 racers, got 0');
    expect(() => new OptimiserRace({ ...base, racers: [base.racers[0], base.racers[0]] })).toThrow("optimiser race: racers[1].label 'a' is used twice");
    expect(() => new OptimiserRace({ ...base, racers: [{ ...base.racers[0], batchSize: 31 }] })).toThrow('optimiser race: racers[0].batchSize must be an integer in [1, 30] (the gabor landscape has 30 examples), got 31');
    expect(() => new OptimiserRace({ ...base, racers: [{ label: 'm', optimiser: { kind: 'momentum', learningRate: 0.1, beta: 1 } }] })).toThrow(
      "optimiser race: racers[0] ('m'): momentum config: beta must be in [0, 1), got 1",
    );
    expect(() => new OptimiserRace(base).step(-1)).toThrow('optimiser race: step count must be a non-negative integer, got -1');
  });
});
