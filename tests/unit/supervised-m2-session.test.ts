/**
 * The optimisation page's module session (supervised/m2-session): registered as module
 * 'optimisation' with three tasks. The race runs supervised/m2's OptimiserRace step by step to its
 * budget (or until every racer rests or diverges); the backprop stepper computes the A.4 values
 * one per step; the initialisation explorer propagates one sigma^2 per step (fig. 7.7) and
 * answers profile questions. Snapshots, determinism, and one precise message for each bad config.
 * (Implicit regularisation is computed on the generalisation page: tests/unit/supervised-m3-page.)
 */
import { describe, expect, it } from 'vitest';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { initialisationProfile } from '../../supervised/m2/initialisation';
import { GABOR_LANDSCAPE } from '../../supervised/m2/landscapes';
import { runRace } from '../../supervised/m2/optimiser-race';
import { racePresetById } from '../../supervised/m2/race-presets';
import '../../supervised/m2-session/register';
import { BackpropSession, createOptimisationSession, InitialisationSession, RaceSession } from '../../supervised/m2-session/session';
import {
  runKey,
  type BackpropSessionSnapshot,
  type InitialisationSessionSnapshot,
  type RaceSessionSnapshot,
} from '../../supervised/m2-session/session-types';

const config = (agent: string, world: Record<string, unknown> = {}, options: Record<string, unknown> = {}, seed = 1): ModuleRunConfig => ({ module: 'optimisation', agent, world, options, seed });
const presetConfig = (id: string, steps?: number): ModuleRunConfig => {
  const preset = racePresetById(id);
  return config('race', { landscape: preset.race.landscape, start: preset.race.start }, { racers: preset.race.racers, steps: steps ?? preset.steps }, Number(preset.race.seed));
};

describe('the optimisation module session: the race', () => {
  it('registers as module "optimisation" and starts every racer at the start, with the book losses there', () => {
    const gabor = config('race', { landscape: 'gabor', start: [0.6, -0.2] }, { racers: [{ label: 'GD', optimiser: { kind: 'sgd', learningRate: 0.2 } }] });
    const session = createModuleSession(gabor) as RaceSession;
    expect(session).toBeInstanceOf(RaceSession);
    expect(session.units).toEqual(['step']);
    const s = session.snapshot();
    expect(s.kind).toBe('race');
    expect(s.runKey).toBe(runKey(gabor));
    expect(s.steps).toBe(0);
    expect(s.budget).toBe(100);
    expect(s.finished).toBe(false);
    // The notebooks' checks: 16.419 (Gabor, A.2) and 12.367 (the line, A.1), both at phi = [0.6, -0.2].
    expect(s.trajectories[0].losses[0].toFixed(3)).toBe('16.419');
    expect(s.trajectories[0].losses[0]).toBe(GABOR_LANDSCAPE.loss([0.6, -0.2]));
    const line = createOptimisationSession(config('race', { landscape: 'linear-regression', start: [0.6, -0.2] }, { racers: [{ label: 'GD', optimiser: { kind: 'sgd', learningRate: 0.01 } }] }));
    expect((line.snapshot() as RaceSessionSnapshot).trajectories[0].losses[0].toFixed(3)).toBe('12.367');
    session.dispose();
    expect(() => session.step(1)).toThrow('optimisation: the session was used after dispose()');
  });

  it('steps the book presets exactly as OptimiserRace does, one row per step, and stops at the budget', () => {
    const preset = racePresetById('gabor-momentum');
    const session = createOptimisationSession(presetConfig('gabor-momentum')) as RaceSession;
    const first = session.step(5);
    expect(first).toHaveLength(5);
    expect(first.map((r) => r['race/step'])).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(first[0]).sort()).toEqual(['losses/Nesterov β = 0.6', 'losses/SGD', 'losses/momentum β = 0.6', 'race/step']);
    const rest = session.step(1000);
    expect(rest).toHaveLength(preset.steps - 5);
    expect(session.done()).toBe(true);
    expect(session.step(10)).toEqual([]);
    const s = session.snapshot();
    expect(s.finished).toBe(true);
    expect(s.trajectories).toEqual(runRace(preset.race, preset.steps).trajectories);
    // Momentum smooths the batches' zig-zag: it ends lower than plain SGD from the same start and batches.
    const final = (k: number) => s.trajectories[k].losses[preset.steps];
    expect(final(1)).toBeLessThan(final(0));
  });

  it('ends early when every racer rests at its own count (fig. 6.9: 200, 40, 40 and 60 steps)', () => {
    const session = createOptimisationSession(presetConfig('anisotropic-adam', 1000));
    expect(session.step(1000)).toHaveLength(200);
    expect(session.done()).toBe(true);
    const s = session.snapshot() as RaceSessionSnapshot;
    expect(s.trajectories.map((t) => t.points.length - 1)).toEqual([200, 40, 40, 60]);
    const resting = createOptimisationSession(
      config('race', { landscape: 'anisotropic-bowl', start: [-0.7, -0.9] }, { racers: [{ label: 'Adam', optimiser: { kind: 'adam', learningRate: 0.05 }, maxSteps: 7 }], steps: 500 }),
    );
    expect(resting.step(500)).toHaveLength(7);
    expect(resting.done()).toBe(true);
  });

  it('ends early when every racer diverges, saying why', () => {
    const session = createOptimisationSession(
      config('race', { landscape: 'linear-regression', start: [0.6, -0.2] }, { racers: [{ label: 'GD α = 1', optimiser: { kind: 'sgd', learningRate: 1 } }], steps: 5000 }),
    );
    const rows = session.step(5000);
    expect(rows.length).toBeLessThan(5000);
    expect(session.done()).toBe(true);
    const t = (session.snapshot() as RaceSessionSnapshot).trajectories[0];
    expect(t.stopped).toMatch(/^diverged at step \d+/);
    // The last row is the step where it diverged: no loss in it.
    expect(rows[rows.length - 1]['losses/GD α = 1']).toBeUndefined();
    expect(rows[rows.length - 2]['losses/GD α = 1']).toBe(t.losses[t.losses.length - 1]);
  });

  it('is deterministic: the same config gives the same snapshot, another seed other batches', () => {
    const run = (seed: number) => {
      const c = presetConfig('gabor-sgd');
      const session = createOptimisationSession({ ...c, seed });
      session.step(41);
      return session.snapshot() as RaceSessionSnapshot;
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    expect(run(2).trajectories[0].points).not.toEqual(a.trajectories[0].points);
    // Plain data: survives the structured clone to the page.
    expect(structuredClone(a)).toEqual(a);
  });

  it('refuses bad configs with one message naming the field', () => {
    const racers = [{ label: 'GD', optimiser: { kind: 'sgd', learningRate: 0.1 } }];
    const world = { landscape: 'gabor', start: [-1.5, 8.5] };
    expect(() => createOptimisationSession({ ...config('race', world, { racers }), module: 'functions' })).toThrow("optimisation: module must be 'optimisation', got \"functions\"");
    expect(() => createOptimisationSession(config('sprint', world, { racers }))).toThrow("optimisation: agent must be one of 'race', 'backprop', 'initialisation', got \"sprint\"");
    // Implicit regularisation (section 9.2) is the generalisation page's, computed there.
    expect(() => createOptimisationSession(config('implicit-regularisation'))).toThrow("optimisation: agent must be one of 'race', 'backprop', 'initialisation', got \"implicit-regularisation\"");
    expect(() => createOptimisationSession(config('race', world, { racers }, -1))).toThrow('optimisation: seed must be a whole number from 0 to 2147483647, got -1');
    expect(() => createOptimisationSession(config('race', { ...world, landscape: 'bowl' }, { racers }))).toThrow("optimisation: world.landscape must be one of 'linear-regression', 'gabor'");
    expect(() => createOptimisationSession(config('race', { ...world, start: [1] }, { racers }))).toThrow('optimisation: world.start must be [phi0, phi1] with finite numbers, got [1]');
    expect(() => createOptimisationSession(config('race', { ...world, colour: 'red' }, { racers }))).toThrow('optimisation: world has an unknown field "colour"; it has landscape, start');
    expect(() => createOptimisationSession(config('race', world, { racers: 'all' }))).toThrow('optimisation: options.racers must be an array of racers');
    expect(() => createOptimisationSession(config('race', world, { racers, steps: 0 }))).toThrow('optimisation: options.steps must be a whole number from 1 to 5,000, got 0');
    expect(() => createOptimisationSession(config('race', world, { racers: [] }))).toThrow('optimisation: options.racers must be an array of 1 to 12 racers, got 0');
    expect(() => createOptimisationSession(config('race', world, { racers: [{ ...racers[0], batchSize: 31 }] }))).toThrow(
      'optimisation: options.racers[0].batchSize must be an integer in [1, 30] (the gabor landscape has 30 examples), got 31',
    );
    expect(() => createOptimisationSession(config('race', world, { racers: [{ label: 'GD', optimiser: { kind: 'sgd', learningRate: -1 } }] }))).toThrow(
      /^optimisation: options\.racers\[0\] \('GD'\): sgd config: learningRate/,
    );
    const session = createOptimisationSession(config('race', world, { racers }));
    expect(() => session.step(1, 'episode')).toThrow("optimisation: this session steps in one unit; unit 'episode' does not apply");
    expect(() => session.step(-1)).toThrow('optimisation: step needs a whole number of steps up to 100,000, got -1');
    expect(() => session.saveRun()).toThrow('not saved as a run file');
    expect(() => session.backupState(0)).toThrow('no Bellman backup');
  });
});

describe('the optimisation module session: the backprop stepper', () => {
  it('computes the A.4 values one per step, forward then backward then the parameters', () => {
    const session = createOptimisationSession(config('backprop')) as BackpropSession;
    let s = session.snapshot() as BackpropSessionSnapshot;
    expect(s.revealed).toEqual([]);
    expect(s.total).toBe(23);
    expect(s.upcoming.map((q) => q.name).slice(0, 3)).toEqual(['f0', 'h1', 'f1']);
    expect(s.upcoming[0]).toEqual({ name: 'f0', symbol: 'f_0', formula: String.raw`\beta_0 + \omega_0 x`, pass: 'forward' });
    expect(s.inputs).toEqual({ beta: [1, 2, -3, 0.4], omega: [0.1, -0.4, 2, 3], x: 2.3, y: 2 });

    const rows = session.step(3);
    expect(rows.map((r) => r['backprop/value'].toFixed(3))).toEqual(['1.230', '0.942', '1.623']);
    s = session.snapshot() as BackpropSessionSnapshot;
    expect(s.revealed.map((q) => q.name)).toEqual(['f0', 'h1', 'f1']);
    expect(s.upcoming).toHaveLength(20);
    expect('value' in s.upcoming[0]).toBe(false);

    session.step(100);
    expect(session.done()).toBe(true);
    s = session.snapshot() as BackpropSessionSnapshot;
    const value = (name: string) => s.revealed.find((q) => q.name === name)!.value.toFixed(3);
    // Appendix A.4, to the reference's 3 decimals.
    expect(['f0', 'h1', 'f1', 'h2', 'f2', 'h3', 'f3'].map(value)).toEqual(['1.230', '0.942', '1.623', '5.068', '7.137', '0.657', '2.372']);
    expect(['dl/df3', 'dl/dh3', 'dl/df2', 'dl/dh2', 'dl/df1', 'dl/dh1', 'dl/df0'].map(value)).toEqual(['0.745', '2.234', '-1.683', '-3.366', '-17.060', '6.824', '2.281']);
    expect(s.upcoming).toEqual([]);
    // Each parameter derivative sits beside its finite difference, and they agree.
    for (const q of s.revealed) {
      if (q.pass !== 'parameter') expect(q.finiteDifference).toBeNull();
      else expect(Math.abs(q.value - q.finiteDifference!) / Math.max(1, Math.abs(q.value)), q.name).toBeLessThan(1e-6);
    }
    expect(s.revealed.filter((q) => q.pass === 'parameter')).toHaveLength(8);
    expect(session.step(1)).toEqual([]);
  });

  it('takes other inputs, and refuses bad ones by name', () => {
    const session = createOptimisationSession(config('backprop', { x: 0, beta: [0.5, 2, -3, 0.4] }));
    session.step(1);
    expect((session.snapshot() as BackpropSessionSnapshot).revealed[0].value).toBe(0.5);
    expect(() => createOptimisationSession(config('backprop', { beta: [1, 2, 3] }))).toThrow('optimisation: world.beta must be an array of 4 numbers, got [1,2,3]');
    expect(() => createOptimisationSession(config('backprop', { omega: [1, 2, 'a', 4] }))).toThrow('optimisation: world.omega[2] must be a finite number, got "a"');
    expect(() => createOptimisationSession(config('backprop', { y: null }))).toThrow('optimisation: world.y must be a finite number, got null');
    expect(() => createOptimisationSession(config('backprop', {}, { speed: 2 }))).toThrow('optimisation: options has an unknown field "speed"; it has none');
  });
});

describe('the optimisation module session: initialisation (fig. 7.7)', () => {
  it('propagates one weight variance per step: He (0.02) holds steady, smaller vanish, larger explode', () => {
    const session = createOptimisationSession(config('initialisation')) as InitialisationSession;
    expect((session.snapshot() as InitialisationSessionSnapshot).profiles).toEqual([]);
    const rows = session.step(1);
    expect(Object.keys(rows[0]).sort()).toEqual(['init/activation_variance_last', 'init/gradient_variance_first']);
    expect(session.step(10)).toHaveLength(4);
    expect(session.done()).toBe(true);
    const s = session.snapshot() as InitialisationSessionSnapshot;
    expect(s.weightVariances).toEqual([0.001, 0.01, 0.02, 0.1, 1]);
    expect(s.heVariance).toBe(0.02);
    expect(s.layers).toBe(50);
    const spread = (values: number[]) => values[values.length - 1] / values[0];
    const [tiny, small, he, large, huge] = s.profiles;
    expect(he.weightVariance).toBe(0.02);
    for (const p of [tiny, small]) {
      expect(spread(p.activationVariance)).toBeLessThan(1e-10);
      expect(spread(p.gradientVariance)).toBeGreaterThan(1e10); // gradients shrink going back, towards layer 1
    }
    for (const p of [large, huge]) {
      expect(spread(p.activationVariance)).toBeGreaterThan(1e10);
      expect(spread(p.gradientVariance)).toBeLessThan(1e-10);
    }
    expect(spread(he.activationVariance)).toBeGreaterThan(1e-3);
    expect(spread(he.activationVariance)).toBeLessThan(1e3);
    expect(spread(he.gradientVariance)).toBeGreaterThan(1e-3);
    expect(spread(he.gradientVariance)).toBeLessThan(1e3);
    expect(he.activationVariance).toHaveLength(50);
  });

  it('answers profile questions on the run’s draws, is deterministic, and refuses bad configs', () => {
    const world = { layers: 8, width: 20, inputSize: 10, batch: 30 };
    const session = createOptimisationSession(config('initialisation', { ...world, weightVariances: [0.1, 0.2] }, {}, 3)) as InitialisationSession;
    session.step(2);
    const again = createOptimisationSession(config('initialisation', { ...world, weightVariances: [0.1, 0.2] }, {}, 3));
    again.step(2);
    expect(again.snapshot()).toEqual(session.snapshot());
    const answer = session.query({ kind: 'profile', weightVariance: 0.05 });
    expect(answer).toEqual(initialisationProfile(0.05, { ...world, seed: 3 }));
    expect(answer.expectedFactorPerLayer).toBeCloseTo((20 * 0.05) / 2, 15);
    expect(() => session.query({ kind: 'sweep' })).toThrow("optimisation: the initialisation session answers { kind: 'profile', weightVariance }");
    expect(() => session.query({ kind: 'profile', weightVariance: 0 })).toThrow('optimisation: question.weightVariance must be a number in (0, 100], got 0');
    expect(() => createOptimisationSession(config('initialisation', { weightVariances: [] }))).toThrow('optimisation: world.weightVariances must be an array of 1 to 8 numbers, got []');
    expect(() => createOptimisationSession(config('initialisation', { weightVariances: [0.02, -1] }))).toThrow('optimisation: world.weightVariances[1] must be a number in (0, 100], got -1');
    expect(() => createOptimisationSession(config('initialisation', { layers: 0 }))).toThrow('optimisation: world.layers must be a whole number from 1 to 200, got 0');
  });
});

