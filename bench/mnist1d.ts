/**
 * MNIST-1D training steps per second (issue 8, section 4): the networks of chapters 8 and 10 as
 * Floe trains them (supervised/mnist1d-models: raw tf.variables, the im2col 1-D conv, the
 * book-exact TfOptimiser, Mnist1dTrainer.step) next to a bare tfjs loop of the same network and
 * batch in the same run (tf.layers with tf.train.sgd and tf.losses.softmaxCrossEntropy), per
 * backend in Node (wasm and cpu; tfjs-node is not installed).
 *
 * One step, both sides: the next minibatch of 100 rows of the default 4,000-sequence training
 * set (a seeded permutation per epoch, rows gathered from the uploaded set), forward, softmax
 * cross-entropy, backward, an SGD update, and the loss read back (the trainer reports it every
 * step). Floe runs the book form (loss summed, alpha 0.001); bare tfjs the mean with lr 0.1: the
 * same path, so the same work. The trainer's own measurements (every `evalEvery` steps) are
 * kept out of the timing. tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so the bare
 * conv net (tf.layers.conv1d) cannot train on wasm: that gap is why Floe has its own conv.
 */
import { initBackend, type BackendName } from '../agents/core/tf-backend';
import { generateMnist1d, type Mnist1dDataset } from '../supervised/data';
import type { UpdateStep } from '../agents/deep/update-bench';
import { BOOK_MLP, CONV_COMPARISON_MLP, CONV_NET, MNIST1D_BENCH_BATCH, mnist1dBareStep, mnist1dFloeStep, parameterCount, SplitTensors, type Mnist1dNetworkSpec } from '../supervised/mnist1d-models';
import { rate, table } from './report';
import { interleavedRates, type RateRun } from './timing';


const NETWORKS: readonly { readonly name: string; readonly spec: Mnist1dNetworkSpec }[] = [
  { name: 'MLP 40-100-100-10 (section 8.1)', spec: BOOK_MLP },
  { name: 'conv net 3 x (15 ch, k 3, s 2) -> 10 (fig. 10.7)', spec: CONV_NET },
  { name: 'MLP 40-285-135-60-10 (fig. 10.8)', spec: CONV_COMPARISON_MLP },
];

/** Steps until `ms` have passed (at least two); steps per second. */
function rateOf(runner: UpdateStep): RateRun {
  return (ms: number) => {
    const start = performance.now();
    let n = 0;
    while (n < 2 || performance.now() - start < ms) {
      runner.step();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  };
}

export interface Mnist1dBenchRow {
  readonly backend: BackendName;
  readonly network: string;
  readonly parameters: number;
  readonly floe: number;
  /** null where the bare loop cannot train on this backend. */
  readonly bare: number | null;
  readonly bareError?: string;
}

export async function mnist1dRates(backends: readonly BackendName[], runs: number, runMs: number, progress: (text: string) => void = () => undefined): Promise<Mnist1dBenchRow[]> {
  const dataset: Mnist1dDataset = generateMnist1d();
  const rows: Mnist1dBenchRow[] = [];
  for (const wanted of backends) {
    const backend = await initBackend(wanted);
    if (backend !== wanted) continue;
    const train = new SplitTensors(dataset.train.inputs, dataset.train.labels, dataset.sequenceLength, dataset.classes);
    const test = new SplitTensors(dataset.test.inputs, dataset.test.labels, dataset.sequenceLength, dataset.classes);
    for (const { name, spec } of NETWORKS) {
      progress(`MNIST-1D ${name} on ${backend}`);
      const floe = mnist1dFloeStep(spec, train, test);
      let bare: UpdateStep | null = null;
      let bareError: string | undefined;
      try {
        bare = mnist1dBareStep(spec, train);
        bare.step(); // fails at once where the backend lacks a gradient kernel
      } catch (error) {
        bare?.dispose();
        bare = null;
        bareError = (error as Error).message.split('\n')[0];
      }
      const rates = interleavedRates(bare ? [rateOf(floe), rateOf(bare)] : [rateOf(floe)], runs, runMs, 300);
      rows.push({ backend, network: name, parameters: parameterCount(spec), floe: rates[0].median, bare: bare ? rates[1].median : null, bareError });
      floe.dispose();
      bare?.dispose();
    }
    train.dispose();
    test.dispose();
  }
  return rows;
}

export async function mnist1dTable(backends: readonly BackendName[], progress: (text: string) => void, runs = 5, runMs = 1000): Promise<string> {
  const rows = await mnist1dRates(backends, runs, runMs, progress);
  return [
    `## MNIST-1D: training steps per second (batch ${MNIST1D_BENCH_BATCH}, SGD, loss read back every step)`,
    '',
    'Floe: supervised/mnist1d-models (raw variables, im2col 1-D conv, book-form SGD through TfOptimiser, Mnist1dTrainer.step). ' +
      'Bare: tf.layers with the same shapes, tf.train.sgd and tf.losses.softmaxCrossEntropy, minibatches gathered the same way. ' +
      `Default dataset (4,000 training sequences of 40). Median of ${runs} runs of ${runMs / 1000} s, interleaved, after a warm-up. ` +
      'In Node only wasm and cpu exist; the browser backends (webgl, webgpu) are not measured for MNIST-1D yet.',
    '',
    table(
      ['backend', 'network', 'parameters', 'Floe steps/s', 'bare tfjs steps/s', 'Floe / bare', 'Floe examples/s'],
      rows.map((r) => [
        r.backend,
        r.network,
        r.parameters.toLocaleString('en-US'),
        rate(r.floe),
        r.bare === null ? `cannot train (${r.bareError})` : rate(r.bare),
        r.bare === null ? '-' : (r.floe / r.bare).toFixed(2),
        rate(r.floe * MNIST1D_BENCH_BATCH),
      ]),
    ),
  ].join('\n');
}
