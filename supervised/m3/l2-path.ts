/**
 * L2 regularisation of the simplified model (eq. 9.5, fig. 9.2): the closed-form fit for each
 * lambda of a sweep, with its training loss and its expected test error (fit-quality.ts). Small
 * lambda passes through the data, middling lambda is smooth and close to the truth, large lambda
 * flattens the fit towards a constant (the bias is not penalised).
 */
import { checkCapacity, fitHinge } from './hinge-model';
import { TestErrorIntegral, meanSquaredError } from './fit-quality';
import { checkSigma, type ToyData } from './toy-data';

export interface L2PathPoint {
  readonly lambda: number;
  readonly phi: Float64Array;
  readonly trainLoss: number;
  readonly testError: number;
}

/** lambda from `low` to `high` with `count` values evenly spaced in log10 (both ends included). */
export function logSpaced(low: number, high: number, count: number): number[] {
  if (!(low > 0 && high > low && Number.isFinite(high))) throw new Error(`log spaced: need 0 < low < high, got ${low} and ${high}`);
  if (!(Number.isInteger(count) && count >= 2 && count <= 10_000)) throw new Error(`log spaced: count must be a whole number from 2 to 10,000, got ${count}`);
  const a = Math.log10(low);
  const b = Math.log10(high);
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? high : 10 ** (a + ((b - a) * k) / (count - 1))));
}

/** The L2 fit, training loss and test error at each lambda. */
export function l2Path(data: ToyData, capacity: number, lambdas: readonly number[], sigma: number): L2PathPoint[] {
  checkCapacity(capacity, 'L2 path');
  const integral = new TestErrorIntegral(checkSigma(sigma, 'L2 path'));
  return lambdas.map((lambda) => {
    const phi = fitHinge(data, capacity, { lambda });
    return { lambda, phi, trainLoss: meanSquaredError(phi, data), testError: integral.of(phi) };
  });
}
