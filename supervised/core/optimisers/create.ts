/**
 * One float64 optimiser from any config (the optimiser race builds its racers from presets).
 * Throws the config's precise message when it is malformed.
 */
import { resolveOptimiserConfig, type OptimiserConfig } from './config';
import { Adam } from './adam';
import { Sgd } from './gradient-descent';
import { LineSearchGradientDescent } from './line-search';
import { Momentum } from './momentum';
import { Nesterov } from './nesterov';
import { NormalisedGradients } from './normalised';
import type { Optimiser } from './types';

export function createOptimiser(config: OptimiserConfig): Optimiser {
  const resolved = resolveOptimiserConfig(config);
  switch (resolved.kind) {
    case 'sgd':
      return new Sgd(resolved);
    case 'momentum':
      return new Momentum(resolved);
    case 'nesterov':
      return new Nesterov(resolved);
    case 'adam':
      return new Adam(resolved);
    case 'normalised':
      return new NormalisedGradients(resolved);
    case 'line-search':
      return new LineSearchGradientDescent(resolved);
  }
}
