/**
 * The /backends page's worker: all of TensorFlow.js runs here, so the page stays responsive while
 * the blocking timing loops run. On start it reports the backend tfjs picks by default; each 'run'
 * message then checks the listed backends in turn, posting every result as soon as it exists:
 * updates per second of the MLP and the conv net (Floe's and bare tfjs), decision-transformer
 * training steps per second, then the DQN parity check.
 */
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../../lib/loop/deep-runtime';
import { bareUpdateStep, floeUpdateStep, MLP, SMALL_CONV, type DeepNet } from '../../../agents/deep/update-bench';
import { decisionTransformerStep } from './dt-step';
import { measureRate } from './measure';
import { compareTraces, runParityDqn, type DqnTrace } from './parity';
import type { BackendName, FromWorker, Impl, NetId, ToWorker } from './protocol';

const post = (message: FromWorker): void => postMessage(message);
const NETS: readonly [NetId, DeepNet][] = [['mlp', MLP], ['conv', SMALL_CONV]];
const STEPS: readonly [Impl, (net: DeepNet) => ReturnType<typeof floeUpdateStep>][] = [['floe', floeUpdateStep], ['bare', bareUpdateStep]];

/** Switches to `backend`; false when it does not initialise (initBackend then falls back to another). */
async function use(backend: BackendName): Promise<boolean> {
  return (await startBackend(backend)) === backend;
}

async function checkBackend(backend: BackendName, cpuTrace: () => Promise<DqnTrace>): Promise<void> {
  if (!(await use(backend))) {
    post({ type: 'init', backend, ok: false, note: `tfjs fell back to ${tf.getBackend()}` });
    return;
  }
  post({ type: 'init', backend, ok: true });
  for (const [net, spec] of NETS) {
    for (const [impl, make] of STEPS) post({ type: 'rate', backend, net, impl, result: measureRate(() => make(spec)) });
  }
  // The decision transformer has no bare tf.layers twin: Floe's model only.
  post({ type: 'rate', backend, net: 'dt', impl: 'floe', result: measureRate(() => decisionTransformerStep()) });
  if (backend === 'cpu') {
    post({ type: 'parity', backend, result: 'reference' });
    return;
  }
  const trace = runParityDqn();
  post({ type: 'parity', backend, result: compareTraces(trace, await cpuTrace()) });
}

async function run(backends: readonly BackendName[]): Promise<void> {
  // cpu's DQN trace is computed once per run, when the first other backend needs it.
  let reference: DqnTrace | null = null;
  const cpuTrace = async (): Promise<DqnTrace> => {
    if (reference === null) {
      const current = tf.getBackend() as BackendName;
      await use('cpu');
      reference = runParityDqn();
      await use(current);
    }
    return reference;
  };
  for (const backend of backends) {
    try {
      await checkBackend(backend, cpuTrace);
    } catch (error) {
      post({ type: 'failed', backend, message: error instanceof Error ? error.message : String(error) });
    }
  }
}

// One job at a time: a 'run' that arrives during another waits for it.
let queue: Promise<void> = startBackend('auto').then(
  (backend) => post({ type: 'default', backend }),
  (error: unknown) => post({ type: 'failed', backend: null, message: String(error) }),
);

addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type !== 'run') return;
  queue = queue.then(() => run(message.backends)).then(() => post({ type: 'done' }));
});
