/**
 * The functions page's pure view helpers (src/pages/functions/*-view.ts): the run configs they
 * build are ones the module session accepts, dragging a handle moves the line through the other
 * handle, stale snapshots are ignored, and the loss lab's likelihood bars are the NLL's terms.
 */
import { describe, expect, it } from 'vitest';
import { createFunctionsSession } from '../../supervised/m1/session';
import { FIG_3_8_NETWORK, HEAD_IDS, LINEAR_START, linearLoss, type LinearRegressionSnapshot, type LossLabSnapshot } from '../../supervised/m1';
import { dragHandle, handlePoints, lineCurve, linearRunConfig, linearSurface, residualSegments, snapshotFor } from '../../src/pages/functions/linear-view';
import { DEFAULT_LAB_SETTINGS, breakWraps, distributionSlice, labPlot, labRunConfig, likelihoodBars, weightMatrix } from '../../src/pages/functions/lab-view';
import { hingeSegments, patternColor, sampleXs } from '../../src/pages/functions/shallow-view';

describe('linear regression view', () => {
  it('builds configs the session accepts, for both methods', () => {
    for (const method of ['gd', 'line-search'] as const) {
      const session = createFunctionsSession(linearRunConfig({ start: [1, 0.5], method, learningRate: 0.02 }));
      const snapshot = session.snapshot() as LinearRegressionSnapshot;
      expect(snapshot.start).toEqual([1, 0.5]);
      expect(snapshot.optimiser).toContain(method === 'gd' ? 'α = 0.02' : 'line search');
      expect(snapshotFor(snapshot, [1, 0.5])).toBe(snapshot);
      // A snapshot from before the line was dragged elsewhere is not shown.
      expect(snapshotFor(snapshot, [1, 0.6])).toBeNull();
      expect(snapshotFor(null, [1, 0.5])).toBeNull();
    }
  });

  it('dragging one end moves the line through the other end', () => {
    const phi = LINEAR_START;
    const moved = dragHandle(phi, 'right', 1.5);
    const before = handlePoints(phi);
    const after = handlePoints(moved);
    expect(after.left[1]).toBeCloseTo(before.left[1], 12);
    expect(after.right[1]).toBeCloseTo(1.5, 12);
    expect(lineCurve(moved).y).toEqual([expect.closeTo(0.6, 12), expect.closeTo(1.5, 12)]);
    // Residual bars: from each point to the line, 12 of them.
    const bars = residualSegments(phi);
    expect(bars).toHaveLength(48);
    let sum = 0;
    for (let k = 0; k < bars.length; k += 4) sum += (bars[k + 3] - bars[k + 1]) ** 2;
    expect(sum).toBeCloseTo(linearLoss(phi), 12);
  });

  it('the loss surface grid holds eq. 2.5 at its nodes', () => {
    const grid = linearSurface(11);
    expect(grid.values[0]).toBeCloseTo(linearLoss([grid.x[0], grid.y[0]]), 12);
    expect(grid.values[120]).toBeCloseTo(linearLoss([grid.x[1], grid.y[1]]), 12);
  });
});

describe('loss lab view', () => {
  it('builds a valid config for every head, and plots each', () => {
    for (const head of HEAD_IDS) {
      const session = createFunctionsSession(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head, hidden: 6 }));
      session.step(20);
      const snapshot = session.snapshot() as LossLabSnapshot;
      const plot = labPlot(snapshot);
      expect(plot.curves.length, head).toBeGreaterThan(0);
      expect(plot.points[0].x).toHaveLength(80);
      expect(plot.yDomain[0]).toBeLessThan(plot.yDomain[1]);
      const slice = distributionSlice(snapshot, 0.3);
      expect(slice.ys).toHaveLength(slice.values.length);
      // Probabilities sum to one (the Poisson slice stops 5 standard deviations above the rate).
      if (slice.kind === 'probability') expect(slice.values.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 3);
      // The NLL is minus the sum of the logs of the bars.
      const bars = likelihoodBars(snapshot);
      let nll = 0;
      for (let k = 0; k < bars.coordinates.length; k += 4) nll -= Math.log(bars.coordinates[k + 3]);
      expect(nll, head).toBeCloseTo(snapshot.nll, 8);
      // The weight matrix: one column per hidden unit; rows bias, slope, then one per output.
      const weights = weightMatrix(snapshot);
      expect(weights.columnLabels).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
      expect(weights.values.every((row) => row.length === 6)).toBe(true);
      expect(weights.values[0][2]).toBe(snapshot.phi[2]);
      expect(weights.values[1][2]).toBe(snapshot.phi[8]);
      // Output 1's weight from unit 3: Omega_1 starts after beta_0, omega_0 and beta_1.
      const outputs = weights.values.length - 2;
      expect(weights.values[2][2]).toBe(snapshot.phi[12 + outputs + 2]);
    }
    const mixture = weightMatrix(createFunctionsSession(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head: 'mixture', hidden: 4 })).snapshot() as LossLabSnapshot);
    expect(mixture.rowLabels).toEqual(['bias β₀', 'slope ω₀', 'to f1', 'to f2', 'to f3', 'to f4', 'to f5']);
    const learned = weightMatrix(createFunctionsSession(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head: 'normal-learned', hidden: 4 })).snapshot() as LossLabSnapshot);
    expect(learned.rowLabels).toEqual(['bias β₀', 'slope ω₀', 'to f1']);
  });

  it('passes the fixed sigma and kappa only to their heads', () => {
    expect(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head: 'normal-fixed', sigma: 0.3 }).world).toEqual({ head: 'normal-fixed', sigma: 0.3 });
    expect(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head: 'von-mises', kappa: 4 }).world).toEqual({ head: 'von-mises', kappa: 4 });
    expect(labRunConfig({ ...DEFAULT_LAB_SETTINGS, head: 'poisson' }).world).toEqual({ head: 'poisson' });
  });

  it('breaks angle curves where they wrap', () => {
    expect(breakWraps([3, 3.1, -3.1, -3])).toEqual([3, 3.1, Number.NaN, -3.1, -3]);
  });
});

describe('shallow network view', () => {
  it('samples x with the joints included, and clips hinges to the square', () => {
    const xs = sampleXs(0, 2, [0.5, 11 / 7, 3], 5);
    expect(xs).toEqual([0, 0.5, 0.5, 1, 1.5, 11 / 7, 2]);
    const hinges = hingeSegments(FIG_3_8_NETWORK);
    expect(hinges).toHaveLength(3);
    for (const [x1, y1, x2, y2] of hinges) {
      for (const v of [x1, y1, x2, y2]) expect(v).toBeGreaterThanOrEqual(-1e-12);
      for (const v of [x1, y1, x2, y2]) expect(v).toBeLessThanOrEqual(2 + 1e-12);
    }
    expect(patternColor([true, false, true])).not.toBe(patternColor([true, true, false]));
  });
});
