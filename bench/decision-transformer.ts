/**
 * The decision transformer's throughput (agents/offline/decision-transformer/): training steps
 * per second at the default config (context 20 timesteps = 60 tokens, width 64, 2 heads, 2
 * layers, batch 32 windows, Adam with clipping), and acting decisions per second (one window
 * forward and one read-back, as the runtime does at every env step), per backend in Node (wasm
 * and cpu; tfjs-node is not installed), next to the model's size in parameters.
 *
 * Two inputs, since the state embedding is the part that grows with the observation: the
 * penguin gridworld (one-hot over 16 cells) and MinAtar Breakout (10x10x4 planes, 400 numbers).
 * The datasets are random-action episodes (the content does not change the work of a step);
 * the timestep table has the default 1000 rows in both.
 */
import { initBackend, type BackendName } from '../agents/core/tf-backend';
import { DecisionTransformerTrainer, DECISION_TRANSFORMER_DEFAULTS } from '../agents/offline/decision-transformer';
import type { Dataset } from '../agents/offline/dataset-types';
import { randomDataset } from '../agents/offline/random-dataset';
import type { Observation } from '../agents/deep/types';
import { requireWorld } from '../environments/core/registry';
import { deriveRng } from '../environments/core/rng';
import type { Env } from '../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld } from '../environments/gridworld';
import '../environments/arcade/register';
import { rate, table } from './report';
import { interleavedRates, type RateRun } from './timing';

function benchDatasets(): { name: string; dataset: Dataset }[] {
  const grid = makeGridworld(GRIDWORLD_PRESETS['fig-19-10'].spec);
  const breakout = requireWorld('arcade/breakout').create() as Env<unknown, Observation, number> & { planes: { height: number; width: number; channels: number }; actionNames: readonly string[] };
  return [
    { name: 'penguin 4x4 (one-hot 16)', dataset: randomDataset({ world: 'fig-19-10', env: grid as unknown as Env<unknown, Observation, number>, input: { kind: 'one-hot', size: 16 }, nActions: 4, episodes: 50, maxSteps: 100 }) },
    { name: 'Breakout (planes 10x10x4)', dataset: randomDataset({ world: 'arcade/breakout', env: breakout, input: { kind: 'planes', ...breakout.planes }, nActions: breakout.actionNames.length, episodes: 50, maxSteps: 200 }) },
  ];
}

/** Runs `work` until `ms` have passed (at least twice: a step may take longer than a run); returns calls per second. */
function rateOf(work: () => void): RateRun {
  return (ms: number) => {
    const start = performance.now();
    let n = 0;
    while (n < 2 || performance.now() - start < ms) {
      work();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  };
}

export interface DecisionTransformerBenchRow {
  readonly backend: BackendName;
  readonly input: string;
  readonly parameters: number;
  readonly trainSteps: number;
  readonly decisions: number;
}

export async function decisionTransformerRates(backends: readonly BackendName[], runs: number, runMs: number): Promise<DecisionTransformerBenchRow[]> {
  const rows: DecisionTransformerBenchRow[] = [];
  const datasets = benchDatasets();
  for (const wanted of backends) {
    const backend = await initBackend(wanted);
    if (backend !== wanted) continue;
    for (const { name, dataset } of datasets) {
      const trainer = new DecisionTransformerTrainer(dataset, {});
      const runtime = trainer.runtime(0);
      const episode = dataset.episodes[0];
      const actRng = deriveRng(1, 'bench/decision-transformer/act');
      let t = 0;
      // One decision as an env step needs it: act on the next recorded observation, then its reward.
      const decide = () => {
        if (t === episode.actions.length) {
          runtime.reset(0);
          t = 0;
        }
        runtime.act(episode.observations[t], actRng, 'greedy');
        runtime.observe({ reward: episode.rewards[t++] });
      };
      const [train, act] = interleavedRates([rateOf(() => trainer.trainSteps(1)), rateOf(decide)], runs, runMs, runMs);
      rows.push({ backend, input: name, parameters: trainer.model.parameterCount(), trainSteps: train.median, decisions: act.median });
      trainer.dispose();
    }
  }
  return rows;
}

export async function decisionTransformerTable(backends: readonly BackendName[], runs = 3, runMs = 2000): Promise<string> {
  const rows = await decisionTransformerRates(backends, runs, runMs);
  const d = DECISION_TRANSFORMER_DEFAULTS;
  return [
    `## Decision transformer: training steps and decisions per second (defaults: context ${d.contextLength}, width ${d.width}, ${d.heads} heads, ${d.layers} layers, batch ${d.batchSize})`,
    '',
    `A training step: sample ${d.batchSize} windows of up to ${d.contextLength} timesteps (${3 * d.contextLength} tokens each), forward, masked cross-entropy, gradients, Adam with clipping, loss read back. ` +
      `A decision: the runtime's act on one window (forward, ${3 * d.contextLength} tokens) and the reward. Median of ${runs} runs of ${runMs / 1000} s, interleaved, after a warm-up. ` +
      'In Node only wasm and cpu exist; the /backends page measures the same training step on the browser backends (webgl, webgpu).',
    '',
    table(
      ['backend', 'input', 'parameters', 'training steps/s', 'windows/s', 'decisions/s'],
      rows.map((r) => [r.backend, r.input, r.parameters.toLocaleString('en-US'), rate(r.trainSteps), rate(r.trainSteps * d.batchSize), rate(r.decisions)]),
    ),
  ].join('\n');
}
