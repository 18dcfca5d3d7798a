/**
 * The /backends page's worker: all of TensorFlow.js runs here, so the page stays responsive while
 * the blocking timing loops run. On start it reports the backend tfjs picks by default; each 'run'
 * message then checks the listed backends in turn, posting every result as soon as it exists:
 * updates per second of the MLP and the conv net (Floe's and bare tfjs), decision-transformer
 * training steps per second, MNIST-1D MLP training steps per second (Floe's and bare tfjs), then
 * the DQN parity check.
 */
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../../lib/loop/deep-runtime';
import { bareUpdateStep, floeUpdateStep, MLP, SMALL_CONV, type DeepNet } from '../../../agents/deep/update-bench';
import { generateMnist1d, type Mnist1dDataset } from '../../../supervised/data';
import { BOOK_MLP, mnist1dBareStep, mnist1dFloeStep, SplitTensors } from '../../../supervised/mnist1d-models';
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
  mnist1dRates(backend);
  if (backend === 'cpu') {
    post({ type: 'parity', backend, result: 'reference' });
    return;
  }
  const trace = runParityDqn();
  post({ type: 'parity', backend, result: compareTraces(trace, await cpuTrace()) });
}

/** The MNIST-1D dataset, generated once (about 150 ms) when the first backend needs it. */
let mnist1d: Mnist1dDataset | null = null;

/** Section 8.1's MLP on MNIST-1D, batch 100: Floe's trainer step and a bare tf.layers step, as bench/mnist1d.ts times them. */
function mnist1dRates(backend: BackendName): void {
  mnist1d ??= generateMnist1d();
  const { train: trainSplit, test: testSplit, sequenceLength, classes } = mnist1d;
  const train = new SplitTensors(trainSplit.inputs, trainSplit.labels, sequenceLength, classes);
  const test = new SplitTensors(testSplit.inputs, testSplit.labels, sequenceLength, classes);
  try {
    post({ type: 'rate', backend, net: 'mnist1d', impl: 'floe', result: measureRate(() => mnist1dFloeStep(BOOK_MLP, train, test)) });
    post({ type: 'rate', backend, net: 'mnist1d', impl: 'bare', result: measureRate(() => mnist1dBareStep(BOOK_MLP, train)) });
  } finally {
    train.dispose();
    test.dispose();
  }
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
