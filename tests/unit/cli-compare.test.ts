/**
 * `rl compare --config experiment.json`: the same numbers as runTask + summarize, stdout byte
 * for byte the same on a second run, wall-clock seconds only with --timing, progress on stderr,
 * and one `rl: compare: ...` line for every kind of bad input. Runs `main` in-process.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { summarize } from '../../agents/runner/experiment/stats';
import { experimentTasks, runTask } from '../../agents/runner/experiment/task';
import { roundTo } from '../../scripts/cli/output';
import { rl, type Run } from './cli-run';

let dir = '';
const file = (name: string) => join(dir, name);

const experiment = {
  format: 'floe-experiment',
  version: 1,
  name: 'cliff',
  world: { kind: 'gridworld', preset: 'cliff-walk' },
  configs: [
    { label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5 } },
    { label: 'SARSA', agent: 'sarsa', options: { alpha: 0.5 } },
  ],
  seeds: 3,
  steps: 3000,
  points: 10,
  threshold: -40,
};

interface SpreadOut {
  n: number;
  mean: number | null;
  sd: number | null;
  ci95: number | null;
  reached?: number;
}
interface ConfigOut {
  label: string;
  results: Record<string, SpreadOut>;
  curve: { mean: (number | null)[] };
  perSeed?: { seed: number; curve: unknown[] }[];
  timing?: { wallSeconds: SpreadOut };
}

function ok(run: Run): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Exit 2, nothing on stdout, exactly one `rl: compare: ` line on stderr containing `message`. */
function badInput(run: Run, message: string): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  const lines = run.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith('rl: compare: '), lines[0]).toBe(true);
  expect(lines[0]).toContain(message);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'floe-cli-compare-'));
  writeFileSync(file('cliff.json'), JSON.stringify(experiment));
  writeFileSync(file('typo.json'), JSON.stringify({ ...experiment, configs: [...experiment.configs, { label: 'typo', agent: 'sarsaa' }] }));
  writeFileSync(file('broken.json'), '{"format": "floe-experiment", "configs": [');
  writeFileSync(file('deep.json'), JSON.stringify({ ...experiment, world: { kind: 'cartpole' }, configs: [{ label: 'dqn', agent: 'dqn', options: { hidden: [8], learningStarts: 50 } }, { label: 'reinforce', agent: 'reinforce', options: { hiddenUnits: 8 } }], seeds: [5], steps: 300 }));
  mkdirSync(file('folder'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rl compare', () => {
  it('prints the summary of runTask + summarize; the same stdout byte for byte on a second run', async () => {
    const first = await rl('compare', '--config', file('cliff.json'), '--quiet');
    expect(first.stderr).toBe('');
    const out = ok(first);
    expect(Object.keys(out)).toEqual(['name', 'world', 'steps', 'points', 'seeds', 'threshold', 'bucketEnds', 'configs']);
    expect(out.world).toEqual({ kind: 'gridworld', preset: 'cliff-walk' });
    expect(out.seeds).toEqual([0, 1, 2]);
    expect(out.bucketEnds).toEqual([300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000]);
    const configs = out.configs as ConfigOut[];
    expect(configs.map((c) => c.label)).toEqual(['Q-learning', 'SARSA']);
    expect(Object.keys(configs[0])).toEqual(['label', 'agent', 'options', 'results', 'curve']);
    expect(Object.keys(configs[0].results)).toEqual(['finalReturn', 'stepsToThreshold', 'auc', 'episodes']);
    expect(Object.keys(configs[0].curve)).toEqual(['mean', 'lower', 'upper', 'n']);

    // The same numbers as the library (what the page's workers run), rounded to 12 digits.
    const checked = checkExperiment(experiment);
    const summary = summarize(checked, experimentTasks(checked).map(({ configIndex, seedIndex }) => runTask(checked, configIndex, seedIndex)));
    summary.configs.forEach((config, c) => {
      expect(configs[c].results.finalReturn.mean).toBe(roundTo(config.results.finalReturn.mean as number, 12));
      expect(configs[c].results.auc.ci95).toBe(roundTo(config.results.auc.ci95 as number, 12));
      expect(configs[c].results.stepsToThreshold.reached).toBe(config.results.stepsToThreshold?.reached);
      expect(configs[c].curve.mean).toEqual(config.curve.mean.map((v) => (v === null ? null : roundTo(v, 12))));
    });

    const second = await rl('compare', '--config', file('cliff.json'), '--quiet');
    expect(second.stdout).toBe(first.stdout);
  });

  it('--timing adds the wall-clock seconds apart from the numbers; --per-seed each seed\'s curve; progress goes to stderr', async () => {
    const plain = await rl('compare', '--config', file('cliff.json'), '--quiet');
    const run = await rl('compare', '--config', file('cliff.json'), '--timing', '--per-seed');
    const out = ok(run);
    const configs = out.configs as ConfigOut[];
    expect(Object.keys(configs[0])).toEqual(['label', 'agent', 'options', 'results', 'curve', 'perSeed', 'timing']);
    expect(configs[0].timing?.wallSeconds.n).toBe(3);
    expect(configs[1].perSeed?.map((s) => s.seed)).toEqual([0, 1, 2]);
    expect(configs[1].perSeed?.[0].curve).toHaveLength(10);
    // Strip what the flags add: the rest is the plain output.
    const stripped = JSON.parse(run.stdout) as { configs: Record<string, unknown>[] };
    for (const config of stripped.configs) {
      delete config.timing;
      delete config.perSeed;
    }
    expect(stripped).toEqual(JSON.parse(plain.stdout));
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^compare: task 1\/6 \(Q-learning, seed 0\): done, \d+ episodes, final return -?[\d.]+ \([\d.]+ s\)$/);
    expect(lines[5]).toMatch(/^compare: task 6\/6 \(SARSA, seed 2\): done/);
  });

  it('runs deep agents on the backend asked for, and says which in the output', async () => {
    const first = await rl('compare', '--config', file('deep.json'), '--backend', 'cpu', '--quiet');
    const out = ok(first);
    expect(first.stderr).toBe('');
    expect(out.backend).toBe('cpu');
    expect(out.world).toEqual({ kind: 'cartpole' });
    const configs = out.configs as ConfigOut[];
    expect(configs.map((c) => c.results.episodes.n)).toEqual([1, 1]);
    expect((await rl('compare', '--config', file('deep.json'), '--backend', 'cpu', '--quiet')).stdout).toBe(first.stdout);
  });

  it('--help documents the experiment file', async () => {
    const run = await rl('compare', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"format": "floe-experiment"');
    expect((await rl('--help')).stdout).toMatch(/\n {2}compare +run an experiment/);
  });

  it('one line for every kind of bad input', async () => {
    badInput(await rl('compare'), 'compare: --config <experiment.json> is required');
    badInput(await rl('compare', '--config', file('missing.json')), `experiment file '${file('missing.json')}' does not exist`);
    badInput(await rl('compare', '--config', file('folder')), 'it is a directory');
    badInput(await rl('compare', '--config', file('broken.json')), 'rl: compare: experiment: not valid JSON: ');
    badInput(
      await rl('compare', '--config', file('typo.json')),
      "rl: compare: experiment: configs[2].agent 'sarsaa' is not an agent; agents are monte-carlo, sarsa, expected-sarsa, q-learning, double-q-learning, dqn, reinforce, actor-critic, ppo",
    );
    badInput(await rl('compare', '--config', file('cliff.json'), '--backend', 'cpu'), 'rl: compare: --backend applies to deep agents only');
    badInput(await rl('compare', '--config', file('deep.json'), '--backend', 'webgl'), "rl: compare: --backend must be wasm or cpu, got 'webgl'");
    badInput(await rl('compare', '--config', file('cliff.json'), '--seeds', '3'), "rl: compare: unknown option '--seeds'");
    badInput(await rl('compare', '--config', file('cliff.json'), '--digits', '0'), 'rl: compare: --digits must be an integer from 1 to 17');
  });
});
