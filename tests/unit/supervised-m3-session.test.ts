/**
 * M3's module session 'regularisers' (supervised/m3-session): registered with the worker; each
 * task (early stopping, dropout, input noise) starts from its book setup and trains; rows at the
 * measurements; snapshots; determinism; and one precise message for each bad config.
 */
import { describe, expect, it } from 'vitest';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import '../../supervised/m3-session/register';
import { REGULARISER_WORLD_DEFAULTS, RegulariserSession, TASK_DEFAULTS, regulariserData, type RegulariserSnapshot, type RegulariserTask } from '../../supervised/m3-session';
import { JITTER_COPIES } from '../../supervised/m3-session/regulariser-session';
import { evaluateHinge, expectedTestError, fitHinge, meanSquaredError } from '../../supervised/m3';

const config = (agent: RegulariserTask | string, options: Record<string, unknown> = {}, world: Record<string, unknown> = {}, seed = 1): ModuleRunConfig => ({ module: 'regularisers', world, agent, options, seed });

describe('the regularisers module session', () => {
  it('registers as module "regularisers"; early stopping starts from random weights on the bench data', () => {
    const session = createModuleSession(config('early-stopping')) as RegulariserSession;
    expect(session).toBeInstanceOf(RegulariserSession);
    expect(session.units).toEqual(['step']);
    const s = session.snapshot();
    expect(s.kind).toBe('regularisers');
    expect(s.task).toBe('early-stopping');
    expect(s.options).toEqual(TASK_DEFAULTS['early-stopping']);
    expect(s.world).toEqual(REGULARISER_WORLD_DEFAULTS);
    const data = regulariserData(REGULARISER_WORLD_DEFAULTS);
    expect(s.data.x).toEqual(Array.from(data.x));
    expect(s.trained).toEqual(s.data);
    expect(s.start).toHaveLength(15);
    expect(s.reference).toEqual(Array.from(fitHinge(data, 14)));
    expect(s.step).toBe(0);
    expect(s.latest).toBeNull();
    expect(s.description).toBe('SGD in book form (eq. 6.10: least-squares gradient summed over batches of 5), α = 0.05');
    expect(session.done()).toBe(false);
    session.dispose();
    expect(() => session.step(1)).toThrow('regularisers: the session was used after dispose()');
  });

  it('rows at step 0 and every evalEvery steps: training loss and expected test error of the fit', () => {
    const session = createModuleSession(config('early-stopping', { evalEvery: 5 })) as RegulariserSession;
    const rows = session.step(12);
    expect(rows.map((r) => r.global_step)).toEqual([0, 5, 10]);
    const s = session.snapshot();
    expect(s.step).toBe(12);
    const data = { x: Float64Array.from(s.data.x), y: Float64Array.from(s.data.y) };
    expect(s.latest!.trainLoss).toBeCloseTo(meanSquaredError(s.latest!.phi, data), 14);
    expect(s.latest!.testError).toBeCloseTo(expectedTestError(s.latest!.phi, 0.3), 14);
    expect(rows[2]['losses/test_loss']).toBe(s.latest!.testError);
    expect(s.checkpoints.map((c) => c.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 10]);
    expect(session.step(0)).toEqual([]);
  });

  it('the same config, the same numbers; another seed, other weights; the data seed alone sets the data', () => {
    const run = (seed: number, world: Record<string, unknown> = {}) => {
      const session = createModuleSession(config('early-stopping', { steps: 300, evalEvery: 10 }, world, seed)) as RegulariserSession;
      const rows = session.step(300);
      return { rows, snapshot: session.snapshot() };
    };
    const a = run(1);
    expect(run(1)).toEqual(a);
    const b = run(2);
    expect(b.snapshot.start).not.toEqual(a.snapshot.start);
    expect(b.snapshot.data).toEqual(a.snapshot.data);
    expect(run(1, { dataSeed: 5 }).snapshot.data).not.toEqual(a.snapshot.data);
    expect(a.snapshot.done).toBe(true);
  });

  it('dropout: trains on the points outside the kink, from the kinked fit, and removes the kink in 2,000 steps', () => {
    const session = createModuleSession(config('dropout')) as RegulariserSession;
    const s0 = session.snapshot();
    expect(s0.kink).toEqual({ units: [7, 8, 9], span: [6 / 14, 8 / 14] });
    expect(s0.trained.x.length).toBeLessThan(s0.data.x.length);
    expect(s0.trained.x.every((x) => x <= 6 / 14 || x >= 8 / 14)).toBe(true);
    expect(s0.description).toContain('removes one of the kink’s three units');
    const bump = (phi: readonly number[]) => evaluateHinge(phi, 0.5) - (evaluateHinge(phi, 6 / 14) + evaluateHinge(phi, 8 / 14)) / 2;
    // The start is the kinked network itself (fig. 9.9a): a triangle of height 0.8 over the fit.
    expect(bump(s0.start) - bump(s0.reference)).toBeCloseTo(0.8, 12);
    // Its first measurement uses dropout's weight scaling: the kink's three weights times 2/3.
    session.step(1);
    expect(bump(session.snapshot().checkpoints[0].phi) - bump(s0.reference)).toBeCloseTo((2 / 3) * 0.8, 1);
    while (!session.done()) session.step(500);
    const s = session.snapshot();
    expect(s.step).toBe(2000);
    expect(Math.abs(bump(s.phi) - bump(s.reference))).toBeLessThan(0.1);
    const independent = createModuleSession(config('dropout', { mode: 'independent', rate: 0.5 })) as RegulariserSession;
    expect(independent.snapshot().description).toContain('drops each unit with probability 0.5');
  });

  it('input noise: starts at the least-squares fit, carries ten jittered copies of each point, and smooths the fit', () => {
    const session = createModuleSession(config('input-noise')) as RegulariserSession;
    const s0 = session.snapshot();
    expect(s0.start).toEqual(s0.reference);
    expect(s0.jitter!.x).toHaveLength(15 * JITTER_COPIES);
    expect(s0.jitter!.y.slice(0, JITTER_COPIES)).toEqual(Array(JITTER_COPIES).fill(s0.data.y[0]));
    session.step(20_000);
    const s = session.snapshot();
    expect(s.done).toBe(true);
    expect(s.latest!.testError).toBeLessThan(expectedTestError(s.reference, 0.3) - 0.03);
  });

  it('one precise message for each bad config', () => {
    const bad = (c: ModuleRunConfig, message: string) => expect(() => createModuleSession(c)).toThrow(message);
    bad({ ...config('early-stopping'), module: 'regularisers', agent: 'l2' }, "regularisers: agent must be 'early-stopping', 'dropout', 'input-noise', got \"l2\"");
    bad(config('early-stopping', {}, {}, -1), 'regularisers: seed must be a whole number from 0');
    bad(config('early-stopping', { momentum: 0.9 }), "regularisers: options has an unknown field 'momentum'; fields are capacity, learningRate, steps, evalEvery, batchSize, initScale");
    bad(config('early-stopping', { learningRate: 0 }), 'regularisers: options.learningRate must be in (0, 10], got 0');
    bad(config('early-stopping', { batchSize: 20 }), 'regularisers: options.batchSize must be at most the 15 points, got 20');
    bad(config('early-stopping', {}, { points: 2 }), 'regularisers: world.points must be an integer in [4, 1000], got 2');
    bad(config('early-stopping', {}, { noise: 1 }), "regularisers: world has an unknown field 'noise'");
    bad(config('dropout', { kinkUnit: 13 }), "regularisers: options.kinkUnit must leave room for the kink's three units: at most 12 at capacity 14, got 13");
    bad(config('dropout', { mode: 'all' }), 'regularisers: options.mode must be one of kink, independent, got \'all\'');
    bad(config('input-noise', { inputNoise: -0.1 }), 'regularisers: options.inputNoise must be in [0, 1], got -0.1');
    bad(config('input-noise', [] as unknown as Record<string, unknown>), 'regularisers: options must be an object, got []');
    const session = createModuleSession(config('input-noise')) as RegulariserSession;
    expect(() => session.step(1.5)).toThrow('regularisers: step needs a whole number of steps');
    expect(() => session.step(1, 'episode')).toThrow("regularisers: steps are optimiser steps; unit 'episode' does not apply");
    expect(() => session.saveRun()).toThrow('regularisers: regulariser runs are not saved');
    expect(() => session.backupState()).toThrow('no Bellman backup');
  });

  it('snapshots are plain data (structured-clone safe)', () => {
    const session = createModuleSession(config('input-noise')) as RegulariserSession;
    session.step(50);
    const s: RegulariserSnapshot = session.snapshot();
    expect(structuredClone(s)).toEqual(s);
  });
});
