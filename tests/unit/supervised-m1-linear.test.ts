/**
 * M1 linear regression (supervised/m1/linear-regression.ts) on the 12 points of Appendix A.1:
 * the book’s check L = 12.367 at phi = [0.6, -0.2], the gradient of Problem 2.1 against finite
 * differences, the closed form of Problem 2.2 (L = 0.20, fig. 2.2d) and the inverse fit of
 * Problem 2.3.
 */
import { describe, expect, it } from 'vitest';
import {
  LINEAR_REGRESSION_DATA,
  LINEAR_START,
  closedFormFit,
  inverseFit,
  lineThrough,
  linearGradient,
  linearLoss,
  linearObjective,
  linearResiduals,
} from '../../supervised/m1';
import { batchGradient, batchLoss } from '../../supervised/core';

describe('linear regression on the book’s 12 points', () => {
  it('L = 12.367 at phi = [0.6, -0.2] (A.1)', () => {
    expect(LINEAR_START).toEqual([0.6, -0.2]);
    expect(linearLoss(LINEAR_START)).toBeCloseTo(12.367, 3);
    expect(Number(linearLoss(LINEAR_START).toFixed(3))).toBe(12.367);
  });

  it('the gradient of Problem 2.1 matches central differences', () => {
    for (const phi of [LINEAR_START, [1.2, 0.3], [-0.4, 1.1]] as [number, number][]) {
      const [g0, g1] = linearGradient(phi);
      const h = 1e-6;
      const d0 = (linearLoss([phi[0] + h, phi[1]]) - linearLoss([phi[0] - h, phi[1]])) / (2 * h);
      const d1 = (linearLoss([phi[0], phi[1] + h]) - linearLoss([phi[0], phi[1] - h])) / (2 * h);
      expect(g0).toBeCloseTo(d0, 5);
      expect(g1).toBeCloseTo(d1, 5);
    }
  });

  it('the closed form of Problem 2.2 zeroes the gradient; its loss is fig. 2.2d’s 0.20', () => {
    const best = closedFormFit();
    expect(best[0]).toBeCloseTo(0.82595, 5);
    expect(best[1]).toBeCloseTo(0.52223, 5);
    const [g0, g1] = linearGradient(best);
    expect(Math.abs(g0)).toBeLessThan(1e-12);
    expect(Math.abs(g1)).toBeLessThan(1e-12);
    expect(Number(linearLoss(best).toFixed(2))).toBe(0.2);
    // Any nudge makes it worse.
    for (const [a, b] of [[0.01, 0], [0, 0.01], [-0.01, 0.005]]) expect(linearLoss([best[0] + a, best[1] + b])).toBeGreaterThan(linearLoss(best));
  });

  it('the inverse fit of Problem 2.3 is a different, worse line in the vertical loss', () => {
    const inverse = inverseFit();
    const best = closedFormFit();
    expect(Math.abs(inverse[1] - best[1])).toBeGreaterThan(0.05);
    expect(linearLoss(inverse)).toBeGreaterThan(linearLoss(best));
    // It minimises horizontal distances: x = a + b y fitted by least squares has zero mean residual in x.
    const xResiduals = LINEAR_REGRESSION_DATA.y.map((y, i) => (y - inverse[0]) / inverse[1] - LINEAR_REGRESSION_DATA.x[i]);
    expect(Math.abs(xResiduals.reduce((s, r) => s + r, 0))).toBeLessThan(1e-12);
  });

  it('residuals, the per-point objective and the two-handle line agree with the loss', () => {
    const residuals = linearResiduals(LINEAR_START);
    expect(residuals).toHaveLength(12);
    expect(residuals.reduce((s, r) => s + r * r, 0)).toBeCloseTo(linearLoss(LINEAR_START), 12);
    const objective = linearObjective();
    const phi = Float64Array.from(LINEAR_START);
    expect(batchLoss(objective, phi, undefined, 'sum')).toBeCloseTo(12.366904, 10);
    expect(Array.from(batchGradient(objective, phi, undefined, 'sum'))).toEqual(linearGradient(LINEAR_START).map((g) => expect.closeTo(g, 12)));
    expect(lineThrough([0, 0.6], [2, 0.2])).toEqual([0.6, expect.closeTo(-0.2, 15)]);
    expect(() => lineThrough([1, 0], [1, 2])).toThrow('two different x');
  });
});
