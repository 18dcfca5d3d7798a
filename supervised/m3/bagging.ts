/**
 * Ensembling by bagging (section 9.3.2, fig. 9.7): K bootstrap resamples of the training set (N
 * draws with replacement each), one closed-form fit per resample, and the ensemble's output, the
 * mean of the K outputs. The simplified model is linear in phi, so the mean of the outputs is
 * itself the model with the mean phi; the ensemble is smoother than a single fit because the
 * resamples disagree most where the single fit wiggles to reach individual points.
 */
import type { Rng } from '../../environments/core/rng';
import { checkCapacity, checkLambda, fitHinge } from './hinge-model';
import type { ToyData } from './toy-data';

/** The most models an ensemble may have. */
export const MAX_ENSEMBLE = 200;

export interface BaggedModel {
  /** How many times each training point was drawn into this resample (N draws in all). */
  readonly counts: Int32Array;
  readonly phi: Float64Array;
}

export interface Ensemble {
  readonly models: readonly BaggedModel[];
  /** The mean of the models' phis: the ensemble's output is f[x, mean phi]. */
  readonly meanPhi: Float64Array;
}

/** N indices drawn uniformly with replacement, as draw counts per point. */
export function bootstrapCounts(n: number, rng: Rng): Int32Array {
  const counts = new Int32Array(n);
  for (let k = 0; k < n; k++) counts[rng.int(n)]++;
  return counts;
}

/** K bootstrap fits of the given capacity (and L2 lambda, default 0) and their mean. */
export function bagging(data: ToyData, capacity: number, models: number, rng: Rng, lambda = 0): Ensemble {
  checkCapacity(capacity, 'bagging');
  checkLambda(lambda, 'bagging');
  if (!(Number.isInteger(models) && models >= 1 && models <= MAX_ENSEMBLE)) throw new Error(`bagging: models must be a whole number from 1 to ${MAX_ENSEMBLE}, got ${JSON.stringify(models)}`);
  const fitted = Array.from({ length: models }, (): BaggedModel => {
    const counts = bootstrapCounts(data.x.length, rng);
    return { counts, phi: fitHinge(data, capacity, { lambda, weights: counts }) };
  });
  const meanPhi = new Float64Array(capacity + 1);
  for (const model of fitted) for (let k = 0; k <= capacity; k++) meanPhi[k] += model.phi[k] / models;
  return { models: fitted, meanPhi };
}
