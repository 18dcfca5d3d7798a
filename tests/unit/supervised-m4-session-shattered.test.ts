/**
 * The 'shattered-gradients' module session and the depth sweep behind it
 * (supervised/m4-session/depth-sweep.ts, shattered-session.ts): grown one layer at a time, the
 * four networks equal supervised/m4's shatteredGradientSweep at every depth bit for bit; the
 * session registers, steps a layer per unit, reports rho(1) per variant against depth, stops at
 * maxDepth, and names the field of every bad config. At the book's width, batch norm without
 * skip connections shatters the gradient while the residual network keeps it correlated.
 */
import { describe, expect, it } from 'vitest';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { shatteredGradientSweep } from '../../supervised/m4';
import '../../supervised/m4-session/register';
import {
  correlationKey,
  DEPTH_SWEEP_VARIANTS,
  DepthSweep,
  ShatteredGradientsSession,
  sweepOptionsAt,
  type ShatteredSnapshot,
} from '../../supervised/m4-session';

const config = (options: Record<string, unknown> = {}, seed = 0): ModuleRunConfig => ({ module: 'shattered-gradients', world: {}, agent: 'depth-sweep', options, seed });

describe('the depth sweep', () => {
  it('equals shatteredGradientSweep at every depth, for all four variants, bit for bit', () => {
    const sweep = new DepthSweep({ width: 12, points: 24, seed: 5, range: [-1, 3] });
    for (let depth = 1; depth <= 7; depth++) {
      if (depth > 1) sweep.deepen();
      expect(sweep.depth).toBe(depth);
      for (const reading of sweep.sweeps()) {
        const reference = shatteredGradientSweep(sweepOptionsAt(sweep.options, reading.variant, depth));
        expect(Array.from(reading.gradient)).toEqual(reference.gradient);
        expect(Array.from(reading.y)).toEqual(reference.y);
        expect(reading.autocorrelation).toEqual(reference.autocorrelation);
      }
    }
    expect(sweep.x).toEqual(shatteredGradientSweep({ width: 12, points: 24, range: [-1, 3] }).x);
  });

  it('reading the sweeps twice changes nothing (the readout is drawn from a copy of the stream)', () => {
    const sweep = new DepthSweep({ width: 8, points: 16, seed: 1 });
    sweep.deepen();
    const first = sweep.sweeps().map((s) => Array.from(s.gradient));
    expect(sweep.sweeps().map((s) => Array.from(s.gradient))).toEqual(first);
    sweep.deepen();
    const reference = shatteredGradientSweep({ width: 8, points: 16, seed: 1, depth: 3, architecture: 'residual', batchNorm: true });
    expect(Array.from(sweep.sweeps()[3].gradient)).toEqual(reference.gradient);
  });

  it('names the field of a bad option', () => {
    expect(() => new DepthSweep({ width: 0 })).toThrow('depth sweep: width must be an integer in [1, 1000], got 0');
    expect(() => new DepthSweep({ range: [2, 1] })).toThrow('depth sweep: range must be [low, high] with finite low < high, got [2,1]');
    expect(() => new DepthSweep({ gain: -1 })).toThrow('depth sweep: gain must be a finite number > 0, got -1');
    expect(() => new DepthSweep({ depth: 3 } as never)).toThrow("depth sweep: unknown option 'depth'");
  });
});

describe('the shattered-gradients session', () => {
  it('registers, grows one layer per step, reports rho(1) of each variant against depth and stops at maxDepth', () => {
    const session = createModuleSession(config({ width: 16, points: 32, maxDepth: 4 })) as ShatteredGradientsSession;
    expect(session).toBeInstanceOf(ShatteredGradientsSession);
    expect(session.units).toEqual(['step']);
    const start = session.snapshot();
    expect(start).toMatchObject({ kind: 'shattered-gradients', depth: 1, maxDepth: 4, done: false });
    expect(start.variants.map((v) => v.id)).toEqual(DEPTH_SWEEP_VARIANTS.map((v) => v.id));
    expect(start.x).toHaveLength(32);
    // Lags up to Delta x = 1 on [-2, 2] with 32 points: steps of 4 / 31, so lags 0..7.
    expect(start.lags).toHaveLength(8);
    expect(start.variants[0].autocorrelation).toHaveLength(8);

    const rows = session.step(2);
    // Depth 1's row first (so a series' k-th point is depth k), then depths 2 and 3.
    expect(rows.map((r) => r.global_step)).toEqual([1, 2, 3]);
    const snapshot: ShatteredSnapshot = session.snapshot();
    expect(snapshot.depth).toBe(3);
    for (const variant of snapshot.variants) {
      const reference = shatteredGradientSweep({ width: 16, points: 32, seed: 0, depth: 3, architecture: variant.architecture, batchNorm: variant.batchNorm });
      expect(variant.gradient).toEqual(reference.gradient);
      expect(variant.neighbourCorrelation).toBe(reference.autocorrelation[1]);
      expect(rows[2][correlationKey(variant.id)]).toBe(reference.autocorrelation[1]);
    }
    expect(session.step(10)).toHaveLength(1); // only depth 4 is left
    expect(session.done()).toBe(true);
    expect(session.snapshot().done).toBe(true);
    expect(session.step(1)).toEqual([]);
    session.dispose();
    expect(() => session.snapshot()).toThrow('used after dispose');
  });

  it('at the book’s width (200) and 24 layers: batch norm without skips shatters dy/dx, with skips it stays correlated (fig. 11.3)', () => {
    const session = new ShatteredGradientsSession(config({ maxDepth: 24 }));
    session.step(23);
    const byId = Object.fromEntries(session.snapshot().variants.map((v) => [v.id, v.neighbourCorrelation]));
    expect(session.snapshot().depth).toBe(24);
    // supervised/m4's measured bands (its module comment): about 0 for plain + BN, 0.7-0.8 for residual + BN.
    expect(Math.abs(byId['plain-batchnorm'])).toBeLessThan(0.2);
    expect(byId['residual-batchnorm']).toBeGreaterThan(0.6);
    expect(byId['residual-batchnorm']).toBeLessThan(0.9);
    session.dispose();
  }, 60_000);

  it('same seed, same rows; another seed, other rows', () => {
    const rowsOf = (seed: number) => new ShatteredGradientsSession(config({ width: 10, points: 16, maxDepth: 5 }, seed)).step(5);
    expect(rowsOf(3)).toEqual(rowsOf(3));
    expect(rowsOf(3)).not.toEqual(rowsOf(4));
  });

  it('names the field of a bad config', () => {
    const bad = (patch: Partial<ModuleRunConfig>) => () => new ShatteredGradientsSession({ ...config(), ...patch } as ModuleRunConfig);
    expect(bad({ agent: 'grow' })).toThrow("shattered gradients: agent must be 'depth-sweep', got \"grow\"");
    expect(bad({ world: { depth: 3 } })).toThrow('shattered gradients: the sweep has no world: world must be {}, got {"depth":3}');
    expect(bad({ seed: -1 })).toThrow('shattered gradients: seed must be a whole number from 0 to 2147483647, got -1');
    expect(bad({ options: { maxDepth: 65 } })).toThrow('shattered gradients: maxDepth must be an integer in [1, 64], got 65');
    expect(bad({ options: { width: 2.5 } })).toThrow('shattered gradients: options: depth sweep: width must be an integer in [1, 1000], got 2.5');
    expect(bad({ options: { seed: 3 } })).toThrow("shattered gradients: options: the weights' seed is the config's seed, not an option");
    const session = new ShatteredGradientsSession(config({ width: 4, points: 8 }));
    expect(() => session.step(1.5)).toThrow('shattered gradients: step needs a whole number of layers up to 64, got 1.5');
    expect(() => session.step(1, 'episode')).toThrow("shattered gradients: a step adds one layer; unit 'episode' does not apply");
    expect(() => session.saveRun()).toThrow('shattered gradients: a sweep is not saved to a file');
    expect(() => session.backupState()).toThrow('no Bellman backup');
  });
});
