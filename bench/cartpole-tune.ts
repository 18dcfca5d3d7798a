/**
 * Tuning aid for the CartPole presets: one preset (or its options with overrides) over chosen
 * seeds, with a progress line per evaluation. Not part of `npm run bench`.
 *
 *   node --import tsx bench/cartpole-tune.ts --preset cartpole-dqn [--seeds 1,2] [--budget 50000]
 *        [--set '{"learningRate":1e-3}'] [--eval-every 2500] [--train-average] [--verbose]
 */
import { initBackend } from '../agents/core/tf-backend';
import { getPreset, type DeepPreset } from '../agents/deep/config/presets';
import { perSeedText, solvePreset, stepsText, secondsText, summarise, DEFAULT_SETTINGS } from './cartpole-solve';
import * as tf from '@tensorflow/tfjs';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

tf.env().set('PROD', true);
const backend = await initBackend('wasm');
const base = getPreset(arg('preset') ?? 'cartpole-dqn');
const overrides = JSON.parse(arg('set') ?? '{}') as Record<string, unknown>;
const preset: DeepPreset = { ...base, options: { ...base.options, ...overrides } };
const seeds = (arg('seeds') ?? '1').split(',').map(Number);
const budget = Number(arg('budget') ?? base.steps);
const settings = {
  ...DEFAULT_SETTINGS,
  evalEvery: Number(arg('eval-every') ?? DEFAULT_SETTINGS.evalEvery),
  movingAverageFactor: process.argv.includes('--train-average') ? 2 : 0,
  onEvaluation: process.argv.includes('--verbose') ? (text: string) => process.stderr.write(`  ${text}\n`) : undefined,
};
const started = performance.now();
const result = solvePreset(preset, seeds, settings, budget);
const s = summarise(result);
process.stdout.write(
  `${preset.id} ${JSON.stringify(overrides)} on ${backend}: solved ${s.solvedSeeds}/${seeds.length}, median ${stepsText(s.medianSteps, budget)} / ${secondsText(s.medianSeconds)}; ` +
    `moving-average median ${s.medianMovingAverageStep === null ? '-' : stepsText(s.medianMovingAverageStep, budget)}\n  ${perSeedText(result)}\n` +
    `  eval s: ${result.runs.map((r) => r.evalSeconds.toFixed(1)).join(', ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
