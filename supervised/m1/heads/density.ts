/**
 * Reading a predicted distribution (types.ts) the way the loss lab draws it: its density or
 * probability at y (the likelihood bars of fig. 5.4c-d), and a central curve with a band around
 * it (the +-2 standard deviation band of fig. 5.5).
 */
import { besselI0, wrapAngle } from './von-mises';
import { logFactorial } from './poisson';
import type { PredictedDistribution } from './types';

function normalDensity(y: number, mean: number, sd: number): number {
  const z = (y - mean) / sd;
  return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
}

/** Pr(y) under the distribution: a density for real and circular y, a probability otherwise. */
export function densityAt(distribution: PredictedDistribution, y: number): number {
  switch (distribution.kind) {
    case 'normal':
      return normalDensity(y, distribution.mean, distribution.sd);
    case 'bernoulli':
      return y === 1 ? distribution.p : y === 0 ? 1 - distribution.p : 0;
    case 'categorical':
      return Number.isInteger(y) ? (distribution.probabilities[y] ?? 0) : 0;
    case 'poisson':
      return Number.isInteger(y) && y >= 0 ? Math.exp(y * Math.log(distribution.rate) - distribution.rate - logFactorial(y)) : 0;
    case 'von-mises':
      return Math.exp(distribution.kappa * Math.cos(y - distribution.mean)) / (2 * Math.PI * besselI0(distribution.kappa));
    case 'mixture':
      return (
        distribution.weight * normalDensity(y, distribution.means[0], distribution.sds[0]) +
        (1 - distribution.weight) * normalDensity(y, distribution.means[1], distribution.sds[1])
      );
  }
}

/** A central value and a band: mean +- 2 sd (normal, von Mises with 1/sqrt(kappa)), the Poisson mean +- 2 sqrt(lambda). */
export interface CentralBand {
  readonly centre: number;
  readonly lo: number;
  readonly hi: number;
}

/** The band of a single-peaked distribution, or null (Bernoulli, categorical and mixtures are drawn otherwise). */
export function centralBand(distribution: PredictedDistribution): CentralBand | null {
  switch (distribution.kind) {
    case 'normal':
      return { centre: distribution.mean, lo: distribution.mean - 2 * distribution.sd, hi: distribution.mean + 2 * distribution.sd };
    case 'poisson': {
      const spread = 2 * Math.sqrt(distribution.rate);
      return { centre: distribution.rate, lo: Math.max(0, distribution.rate - spread), hi: distribution.rate + spread };
    }
    case 'von-mises': {
      const centre = wrapAngle(distribution.mean);
      const spread = 2 / Math.sqrt(distribution.kappa);
      return { centre, lo: centre - spread, hi: centre + spread };
    }
    default:
      return null;
  }
}
