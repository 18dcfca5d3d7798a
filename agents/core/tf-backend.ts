/**
 * Choosing the TensorFlow.js backend (ARCHITECTURE.md section 6, issue 4 section 1).
 *
 * Browser and worker: the preferred backend first, then webgpu, webgl, wasm, cpu, by what
 * actually initialises (`tf.setBackend` resolves false or throws when a backend cannot start).
 * Node: wasm, else cpu (`@tensorflow/tfjs-node` cannot install here). webgpu needs a browser, so
 * Node never loads it: it is imported lazily, only in the browser.
 *
 * The wasm backend is imported statically: it registers itself and loads its .wasm binary from
 * next to its script in Node. A browser bundle may need to say where the binaries are served
 * (`options.wasmPaths`, passed to `setWasmPaths`) before the first wasm initialisation.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface InitBackendOptions {
  /**
   * Where the wasm binaries are served, for bundled browser builds: a URL prefix (ending in '/')
   * or a map from binary name ('tfjs-backend-wasm.wasm', '...-simd.wasm',
   * '...-threaded-simd.wasm') to URL. Ignored in Node. Default: tfjs's own lookup.
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
}

interface NodeLikeGlobal {
  readonly process?: { readonly versions?: { readonly node?: string } };
  readonly window?: unknown;
  readonly WorkerGlobalScope?: unknown;
}

function isNode(): boolean {
  const versions = (globalThis as NodeLikeGlobal).process?.versions;
  return typeof versions?.node === 'string';
}

/** True in a browser page or a Web Worker; false in Node (also under jsdom, which runs in Node). */
export function isBrowser(): boolean {
  if (isNode()) return false;
  const scope = globalThis as NodeLikeGlobal;
  return scope.window !== undefined || scope.WorkerGlobalScope !== undefined;
}

/**
 * The webgpu module (which registers itself) is loaded only when a browser asks for it, as its
 * own chunk. webgl and cpu need nothing: '@tensorflow/tfjs' bundles them, and webgl registers
 * itself only in a browser.
 */
async function registerBrowserBackend(name: BackendName): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    if (isBrowser()) await registerBrowserBackend(name);
    if (tf.findBackendFactory(name) === null) return false;
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

let wasmPathsSet = false;

/**
 * Starts a backend and returns the name of the one now running. `preferred` goes first when
 * given; in Node only 'wasm' and 'cpu' are candidates (a GPU preference falls back to wasm).
 * Throws only when no backend at all initialises.
 */
export async function initBackend(preferred?: BackendName, options: InitBackendOptions = {}): Promise<BackendName> {
  if (preferred !== undefined && !BACKEND_NAMES.includes(preferred)) {
    throw new Error(`initBackend: unknown backend '${String(preferred)}'; backends are ${BACKEND_NAMES.join(', ')}`);
  }
  const browser = isBrowser();
  if (browser && options.wasmPaths !== undefined && !wasmPathsSet) {
    // setWasmPaths must run before the wasm backend first initialises; later calls are ignored.
    setWasmPaths(options.wasmPaths as Parameters<typeof setWasmPaths>[0]);
    wasmPathsSet = true;
  }
  const order: BackendName[] = browser ? ['webgpu', 'webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
  const candidates = preferred !== undefined && order.includes(preferred) ? [preferred, ...order.filter((name) => name !== preferred)] : order;
  const tried: string[] = [];
  for (const name of candidates) {
    if (tf.getBackend() === name && (await tf.ready().then(() => true, () => false))) return name;
    if (await trySetBackend(name)) return name;
    tried.push(name);
  }
  throw new Error(`initBackend: no TensorFlow.js backend initialised (tried ${tried.join(', ')})`);
}
