/**
 * The race as the optimisation page sets it up (supervised/m2-session/race-setup.ts): the book
 * presets become setups that run exactly the presets' paths; the batch slider turns gradient
 * descent into SGD; the library form with matchBook follows the book's path (SGD and momentum to
 * rounding), and without it runs the book's numbers in the library rule (a different path);
 * labels say what runs and stay unique.
 */
import { describe, expect, it } from 'vitest';
import { RACE_PRESETS, racePresetById } from '../../supervised/m2/race-presets';
import { MAX_RACERS, runRace } from '../../supervised/m2/optimiser-race';
import { createOptimisationSession } from '../../supervised/m2-session/session';
import {
  examplesIn,
  MAX_SETUP_RACERS,
  newRacer,
  raceRunConfig,
  racerConfigs,
  racerLabel,
  runningRate,
  setupFromPreset,
  type RaceSetup,
} from '../../supervised/m2-session/race-setup';
import type { RaceSessionSnapshot } from '../../supervised/m2-session/session-types';

function run(setup: RaceSetup): RaceSessionSnapshot {
  const session = createOptimisationSession(raceRunConfig(setup));
  session.step(setup.steps);
  return session.snapshot() as RaceSessionSnapshot;
}

describe('race setups from the book presets', () => {
  it('run every preset’s paths exactly (book form, the preset’s batches, starts, seeds and counts)', () => {
    for (const preset of RACE_PRESETS) {
      const setup = setupFromPreset(preset);
      expect(setup.form).toBe('book');
      expect(setup.steps).toBe(preset.steps);
      const ours = run(setup).trajectories.map((t) => t.points);
      const book = runRace(preset.race, preset.steps).trajectories.map((t) => t.points);
      expect(ours, preset.id).toEqual(book);
    }
  });

  it('take the batch size of the stochastic racers, or every example', () => {
    expect(setupFromPreset(racePresetById('gabor-momentum')).batchSize).toBe(5);
    expect(setupFromPreset(racePresetById('gabor-gradient-descent')).batchSize).toBe(30);
    expect(setupFromPreset(racePresetById('anisotropic-adam')).batchSize).toBe(1);
    expect(setupFromPreset(racePresetById('anisotropic-adam')).racers.map((r) => r.maxSteps)).toEqual([200, 40, 40, 60]);
  });
});

describe('labels and batches', () => {
  const gabor = setupFromPreset(racePresetById('gabor-gradient-descent'));

  it('call a full batch gradient descent and a smaller one SGD; only SGD, momentum and Nesterov take batches', () => {
    expect(racerConfigs(gabor).map((r) => r.label)).toEqual(['GD + line search', 'GD α = 0.2']);
    const batched = { ...gabor, batchSize: 5 };
    const racers = racerConfigs(batched);
    expect(racers.map((r) => r.label)).toEqual(['GD + line search', 'SGD α = 0.2, B = 5']);
    expect(racers.map((r) => r.batchSize)).toEqual([undefined, 5]);
    expect(racerLabel(batched, newRacer('gabor', 'momentum'))).toBe('momentum α = 0.6, β = 0.6, B = 5');
    expect(racerLabel(batched, newRacer('gabor', 'adam'))).toBe('Adam α = 0.2');
  });

  it('make two racers that would share a name unique', () => {
    const twice = { ...gabor, racers: [...gabor.racers, newRacer('gabor', 'line-search')] };
    expect(racerConfigs(twice).map((r) => r.label)).toEqual(['GD + line search', 'GD α = 0.2', 'GD + line search (2)']);
    expect(() => run({ ...twice, steps: 3 })).not.toThrow();
  });

  it('hand out new racers as copies of each landscape’s numbers', () => {
    const a = newRacer('anisotropic-bowl', 'adam');
    expect(a).toEqual({ kind: 'adam', rate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20 });
    (a as { rate: number }).rate = 9;
    expect(newRacer('anisotropic-bowl', 'adam').rate).toBe(0.05);
    expect(examplesIn('linear-regression')).toBe(12);
    expect(MAX_SETUP_RACERS).toBe(MAX_RACERS);
  });
});

describe('book and library forms', () => {
  const momentum = setupFromPreset(racePresetById('gabor-momentum'));

  it('with matchBook, rescale alpha (x |B|, and x (1 - beta) for momentum) so SGD and momentum follow the book’s path', () => {
    const library = { ...momentum, form: 'library' as const, matchBook: true };
    expect(momentum.racers.map((r) => runningRate(library, r))).toEqual([0.6 * 5, 0.6 * 0.4 * 5, 0.6 * 0.4 * 5]);
    const book = run(momentum).trajectories;
    const lib = run(library).trajectories;
    for (const k of [0, 1]) {
      book[k].points.forEach((p, t) => {
        expect(lib[k].points[t][0]).toBeCloseTo(p[0], 9);
        expect(lib[k].points[t][1]).toBeCloseTo(p[1], 9);
      });
    }
    expect(lib[1].description).toContain('library form (m ← βm + g)');
    expect(lib[1].description).toContain('batch mean');
    expect(book[1].description).toContain('book form');
  });

  it('without matchBook, run the book’s numbers in the library rule: another path', () => {
    const library = { ...momentum, form: 'library' as const, matchBook: false };
    expect(momentum.racers.map((r) => runningRate(library, r))).toEqual([0.6, 0.6, 0.6]);
    const book = run(momentum).trajectories;
    const lib = run(library).trajectories;
    expect(lib[1].points[5]).not.toEqual(book[1].points[5]);
    // Adam and normalised steps keep their alpha in both cases.
    const adam = setupFromPreset(racePresetById('anisotropic-adam'));
    expect(adam.racers.map((r) => runningRate({ ...adam, form: 'library', matchBook: true }, r))).toEqual([0.08, 1, 0.08, 0.05]);
  });

  it('give the session configs it accepts, with the form on every optimiser', () => {
    const config = raceRunConfig({ ...momentum, form: 'library' });
    expect(config).toMatchObject({ module: 'optimisation', agent: 'race', world: { landscape: 'gabor', start: [-1.5, 6.5] }, seed: 1 });
    const racers = (config.options as { racers: { optimiser: { form: string } }[] }).racers;
    expect(racers.every((r) => r.optimiser.form === 'library')).toBe(true);
  });
});
