/** The seam between the one training loop and everything it trains (ARCHITECTURE.md section 2). */
import type { Metrics } from '../../environments/core/types';

/**
 * What a single step of the loop means for a given trainable: an environment step, an episode, a
 * Bellman backup or sweep (dynamic programming), or a module's own step ('step': one gradient
 * step of an offline learner or a side module, one layer of a growing network, ...; the module's
 * page says which).
 */
export type StepUnit = 'env-step' | 'backup' | 'sweep' | 'episode' | 'step';

export interface Trainable<Snapshot = unknown> {
  /** Advance by `n` units of `unit` (default: the trainable's natural unit); returns the metrics rows produced. */
  step(n: number, unit?: StepUnit): Metrics[];
  /** Plain data for the renderer and the UI; safe to structured-clone. */
  snapshot(): Snapshot;
  /** True when there is nothing left to do (DP converged). */
  done?(): boolean;
  dispose(): void;
}
