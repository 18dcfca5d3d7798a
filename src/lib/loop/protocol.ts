/**
 * The typed messages between the page and the training worker (ARCHITECTURE.md section 4).
 * Per-step data never flows through the XState machine: snapshots and metrics go straight to
 * the page's client object; the machine only sees lifecycle events.
 */
import type { StepUnit } from '../../../agents/runner/trainable';
import type { SessionConfig, SessionSnapshot } from '../../../agents/runner/grid-session';
import type { SeriesSet } from '../../../agents/runner/metrics';

import type { Speed } from '../../../agents/runner/pacer';

export type { Speed };

export type ToWorker =
  | { readonly type: 'configure'; readonly config: SessionConfig }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step'; readonly unit: StepUnit }
  /** Dynamic programming only: apply the Bellman backup to one chosen state (the stepper). */
  | { readonly type: 'backup-state'; readonly state: number }
  | { readonly type: 'speed'; readonly speed: Speed }
  /** The page has drawn the last frame: the worker may send the next routine one. */
  | { readonly type: 'frame-ack' }
  | { readonly type: 'reset' };

export type FromWorker =
  | { readonly type: 'configured'; readonly units: readonly StepUnit[] }
  | { readonly type: 'frame'; readonly snapshot: SessionSnapshot; readonly series: SeriesSet; readonly running: boolean; readonly stepsPerSecond: number }
  | { readonly type: 'paused' }
  | { readonly type: 'stepped' }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };
