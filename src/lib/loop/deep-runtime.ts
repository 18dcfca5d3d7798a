/**
 * What the training worker loads only when a deep agent is chosen (a dynamic import, so tabular
 * runs never load TensorFlow.js): the backend start-up and the deep sessions (gridworlds, CartPole and the arcade games).
 *
 * In a Vite build the wasm backend cannot find its binaries next to its script, so their
 * bundled URLs are passed explicitly.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, type BackendName } from '../../../agents/core/tf-backend';
import type { BackendPreference } from './protocol';

export { createGridDeepSession, loadGridDeepSession } from '../../../agents/runner/grid-deep-session';
export { createWorldDeepSession, loadWorldDeepSession, loadWorldPolicy } from '../../../agents/runner/world-deep-session';
export { createModuleSession } from '../../../agents/runner/worker-session';
import '../../../agents/runner/offline-session';
import '../../../agents/runner/pomdp-session';
import '../../../supervised/mnist1d-models/register';
import '../../../supervised/m1/session';
import '../../../supervised/m2-session/register';
import '../../../supervised/m3-session/register';
import '../../../supervised/m4-session/register';

/** Starts the preferred backend ('auto': webgpu, webgl, wasm, cpu, the first that initialises); returns the one running. */
export function startBackend(preferred: BackendPreference): Promise<BackendName> {
  return initBackend(preferred === 'auto' ? undefined : preferred, {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
    },
  });
}
