/**
 * Messages between the /backends page and its worker. Types only (and one constant), so the page
 * never loads TensorFlow.js: it runs only in backends.worker.ts.
 */
import type { BackendName } from '../../../agents/core/tf-backend';

export type { BackendName };

/** The order tfjs-backend.ts tries them in. A copy, not an import: that module loads tfjs. */
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** The MLP and the conv net (update-bench.ts), the decision transformer at its default config (dt-step.ts), and the MNIST-1D MLP of section 8.1 (supervised/mnist1d-models/step-bench.ts). */
export type NetId = 'mlp' | 'conv' | 'dt' | 'mnist1d';
export type Impl = 'floe' | 'bare';

/** Updates per second, or null with the reason when that step cannot run on the backend. */
export interface RateResult {
  readonly rate: number | null;
  readonly note?: string;
}

/** The DQN run on one backend against the same run on cpu (see parity.ts for the tolerance). */
export interface ParityResult {
  readonly updates: number;
  /** Max absolute difference of the per-update TD losses. */
  readonly lossDiff: number;
  /** Max absolute difference of the final online-network weights. */
  readonly weightDiff: number;
  /** The absolute tolerance applied to each (relative tolerance times the reference's scale). */
  readonly lossTolerance: number;
  readonly weightTolerance: number;
  readonly pass: boolean;
}

export type ToWorker = { readonly type: 'run'; readonly backends: readonly BackendName[] };

export type FromWorker =
  | { readonly type: 'default'; readonly backend: BackendName }
  | { readonly type: 'init'; readonly backend: BackendName; readonly ok: boolean; readonly note?: string }
  | { readonly type: 'rate'; readonly backend: BackendName; readonly net: NetId; readonly impl: Impl; readonly result: RateResult }
  | { readonly type: 'parity'; readonly backend: BackendName; readonly result: ParityResult | 'reference' }
  | { readonly type: 'failed'; readonly backend: BackendName | null; readonly message: string }
  | { readonly type: 'done' };
