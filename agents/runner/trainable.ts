/** The seam between the one training loop and everything it trains (ARCHITECTURE.md section 2). */
import type { Metrics } from '../../environments/core/types';

/** What a single step of the loop means for a given trainable. */
export type StepUnit = 'env-step' | 'backup' | 'sweep' | 'episode';

export interface Trainable<Snapshot = unknown> {
  /** Advance by `n` units of `unit` (default: the trainable's natural unit); returns the metrics rows produced. */
  step(n: number, unit?: StepUnit): Metrics[];
  /** Plain data for the renderer and the UI; safe to structured-clone. */
  snapshot(): Snapshot;
  /** True when there is nothing left to do (DP converged). */
  done?(): boolean;
  dispose(): void;
}
