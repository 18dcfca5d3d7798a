/**
 * The command line with deep agents: `train` on CartPole and a gridworld (--backend, --save),
 * `play` of a saved agent, and one clear line for every bad agent file. Runs `main` in-process;
 * budgets are small (the learning itself is tested in deep-*.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rl, type Run } from './cli-run';
import { getPreset } from '../../agents/deep/config/presets';


function ok(run: Run): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Exit 2, nothing on stdout, exactly one `rl: ` line on stderr matching `message`. */
function badInput(run: Run, message: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  const lines = run.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^rl: /);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/);
}

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'floe-cli-deep-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rl train with deep agents', () => {
  it('ppo on cartpole: the same bytes twice for the same seed on the cpu backend', async () => {
    const args = ['train', '--env', 'cartpole', '--agent', 'ppo', '--steps', '1024', '--seed', '1', '--quiet', '--backend', 'cpu'];
    const first = await rl(...args);
    const second = await rl(...args);
    const out = ok(first);
    expect(first.stderr).toBe('');
    expect(Object.keys(out)).toEqual(['episodeReturns', 'backend']);
    expect(out.backend).toBe('cpu');
    expect((out.episodeReturns as number[]).length).toBeGreaterThan(10);
    expect((out.episodeReturns as number[]).every((r) => Number.isInteger(r) && r >= 1 && r <= 500)).toBe(true);
    expect(second.stdout).toBe(first.stdout);
  });

  it('CartPole with its velocities hidden: --history k stacks observations; play reads k off the saved agent', async () => {
    const saved = file('hidden.json');
    const args = ['train', '--env', 'cartpole-hidden-velocities', '--agent', 'reinforce', '--steps', '300', '--seed', '3', '--quiet', '--backend', 'cpu'];
    const first = ok(await rl(...args, '--history', '3', '--save', saved));
    expect((first.episodeReturns as number[]).length).toBeGreaterThan(3);
    const agent = JSON.parse(readFileSync(saved, 'utf8')) as { state: { input: { kind: string; size: number } } };
    expect(agent.state.input).toEqual({ kind: 'vector', size: 6 });
    const played = ok(await rl('play', '--agent', saved, '--env', 'pomdp/cartpole-hidden-velocities', '--episodes', '3', '--backend', 'cpu', '--quiet'));
    expect((played.episodeReturns as number[]).length).toBe(3);
    // The same agent on full CartPole: one message.
    badInput(await rl('play', '--agent', saved, '--env', 'cartpole', '--episodes', '1', '--backend', 'cpu'), /the reinforce agent takes input vector\(6\) and 2 actions, but classic\/cartpole gives vector\(4\)/);
    badInput(await rl(...args, '--history', '0'), /--history .* a whole number from 1 to 16/);
    badInput(await rl('train', '--env', 'cartpole', '--agent', 'ppo', '--steps', '10', '--history', '2'), /--history applies to cartpole-hidden-velocities only, not cartpole/);
  });

  it('names the backend and reports progress on stderr without --quiet; classic/cartpole works too', async () => {
    const run = await rl('train', '--env', 'classic/cartpole', '--agent', 'reinforce', '--steps', '200', '--seed', '2');
    const out = ok(run);
    expect(out.backend).toBe('wasm');
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('train: backend wasm');
    expect(lines.at(-1)).toMatch(/^train: 100% \(200\/200 steps, \d+ episodes\)$/);
  });

  it('dqn on fig-19-10: q and the greedy policy from the network, --save, then play the saved agent', async () => {
    const saved = file('dqn.json');
    const out = ok(await rl('train', '--env', 'fig-19-10', '--agent', 'dqn', '--steps', '2000', '--seed', '1', '--save', saved, '--quiet'));
    expect(Object.keys(out)).toEqual(['episodeReturns', 'q', 'policy', 'backend', 'agentFile']);
    const q = out.q as number[][];
    const policy = out.policy as number[];
    expect(q).toHaveLength(16);
    expect(policy).toHaveLength(16);
    q.forEach((row, s) => expect(policy[s]).toBe(row.indexOf(Math.max(...row))));
    expect(out.agentFile).toBe(saved);
    expect((JSON.parse(readFileSync(saved, 'utf8')) as { agent: string }).agent).toBe('dqn');

    const play = await rl('play', '--agent', saved, '--env', 'fig-19-10', '--episodes', '5');
    const result = ok(play);
    expect(play.stderr).toBe('play: backend wasm\n');
    expect(Object.keys(result)).toEqual(['episodeReturns', 'mean']);
    const returns = result.episodeReturns as number[];
    expect(returns).toHaveLength(5);
    expect(result.mean).toBeCloseTo(returns.reduce((a, b) => a + b, 0) / 5, 9);
    // Greedy and seeded: the same episodes again.
    expect((await rl('play', '--agent', saved, '--env', 'fig-19-10', '--episodes', '5')).stdout).toBe(play.stdout);
  });

  it('policy-gradient agents on a gridworld print the greedy policy of every cell', async () => {
    const out = ok(await rl('train', '--env', 'fig-19-10', '--agent', 'actor-critic', '--steps', '100', '--quiet', '--observation', 'coordinates'));
    expect(Object.keys(out)).toEqual(['episodeReturns', 'policy', 'backend']);
    expect((out.policy as number[]).every((a) => Number.isInteger(a) && a >= 0 && a < 4)).toBe(true);
    expect(out.policy as number[]).toHaveLength(16);
  });
});

describe('rl train --preset', () => {
  /** A preset's options as --set arguments (lists as 64,64). */
  const setArgs = (options: Readonly<Record<string, unknown>>) =>
    Object.entries(options).flatMap(([key, value]) => ['--set', `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`]);
  const common = ['--steps', '512', '--seed', '3', '--quiet', '--backend', 'cpu'];

  it("applies the preset's options: the same bytes as --env, --agent and every option given with --set", async () => {
    const preset = getPreset('cartpole-ppo');
    const viaPreset = await rl('train', '--preset', 'cartpole-ppo', ...common);
    const out = ok(viaPreset);
    expect(Object.keys(out)).toEqual(['episodeReturns', 'backend']);
    const explicit = await rl('train', '--env', 'cartpole', '--agent', 'ppo', ...common, ...setArgs(preset.options));
    expect(explicit.stdout).toBe(viaPreset.stdout);
    // --env and --agent that match the preset change nothing.
    expect((await rl('train', '--preset', 'cartpole-ppo', '--env', 'classic/cartpole', '--agent', 'ppo', ...common)).stdout).toBe(viaPreset.stdout);
    // Not the defaults: the preset really is applied.
    expect((await rl('train', '--env', 'cartpole', '--agent', 'ppo', ...common)).stdout).not.toBe(viaPreset.stdout);
  });

  it('--set overrides the preset, key by key, and is checked together with it', async () => {
    const preset = getPreset('cartpole-dqn');
    const args = ['--steps', '300', '--seed', '2', '--quiet', '--backend', 'cpu'];
    const overridden = await rl('train', '--preset', 'cartpole-dqn', ...args, '--set', 'epsilonStart=0.5', '--set', 'hidden=16');
    ok(overridden);
    const explicit = await rl('train', '--env', 'cartpole', '--agent', 'dqn', ...args, ...setArgs({ ...preset.options, epsilonStart: 0.5, hidden: [16] }));
    expect(explicit.stdout).toBe(overridden.stdout);
    expect((await rl('train', '--preset', 'cartpole-dqn', ...args, '--set', 'hidden=16')).stdout).not.toBe(overridden.stdout);
    // 16 minibatches divide the preset's batch with rolloutLength 2 (8 copies x 2) but not the defaults' (4 x 2): judged with the preset.
    ok(await rl('train', '--preset', 'cartpole-ppo', '--steps', '16', '--quiet', '--backend', 'cpu', '--set', 'rolloutLength=2', '--set', 'minibatches=16'));
  });

  it('train --help lists the presets', async () => {
    const help = (await rl('train', '--help')).stdout;
    expect(help).toContain('--preset <id>');
    for (const id of ['cartpole-dqn', 'cartpole-double-dqn', 'cartpole-a2c', 'cartpole-ppo']) expect(help).toMatch(new RegExp(`^ {2}${id} +--env cartpole --agent`, 'm'));
  });

  const cases: [string, string[], RegExp][] = [
    ['unknown preset', ['train', '--preset', 'cartpole-sac', '--steps', '10'], /^rl: train: unknown preset 'cartpole-sac'; presets are cartpole-dqn, cartpole-double-dqn, cartpole-a2c, cartpole-ppo$/],
    ['preset for another agent', ['train', '--preset', 'cartpole-dqn', '--agent', 'ppo', '--steps', '10'], /^rl: train: preset cartpole-dqn is for --agent dqn, not 'ppo'; leave --agent out/],
    ['preset with a tabular agent', ['train', '--preset', 'cartpole-dqn', '--agent', 'sarsa', '--steps', '10'], /^rl: train: preset cartpole-dqn is for --agent dqn, not 'sarsa'/],
    ['preset for another world', ['train', '--preset', 'cartpole-ppo', '--env', 'fig-19-10', '--steps', '10'], /^rl: train: preset cartpole-ppo is tuned for --env cartpole, not 'fig-19-10'; leave --env out/],
    ['--set that breaks the preset', ['train', '--preset', 'cartpole-ppo', '--steps', '10', '--set', 'minibatches=7'], /ppo config: minibatches 7 must divide the batch nEnvs \* rolloutLength = 256/],
    ['--set unknown to the agent', ['train', '--preset', 'cartpole-a2c', '--steps', '10', '--set', 'epochs=3'], /unknown option 'epochs' for actor-critic; options are/],
    ['bad --steps with a preset', ['train', '--preset', 'cartpole-a2c', '--steps', 'many'], /--steps must be a non-negative integer, got 'many'/],
  ];

  it.each(cases)('%s: exit 2 and one line', async (_name, argv, message) => {
    badInput(await rl(...argv), message);
  });
});

describe('bad deep input: exit 2 and exactly one line on stderr', () => {
  beforeAll(async () => {
    ok(await rl('train', '--env', 'fig-19-10', '--agent', 'ppo', '--steps', '8', '--quiet', '--save', file('ppo.json'), '--set', 'rolloutLength=2', '--set', 'minibatches=2'));
    const text = readFileSync(file('ppo.json'), 'utf8');
    writeFileSync(file('truncated.json'), text.slice(0, Math.floor(text.length / 2)));
    const agentFile = JSON.parse(text) as { agent: string; state: Record<string, unknown> };
    writeFileSync(file('wrong-name.json'), JSON.stringify({ ...agentFile, agent: 'ppo2' }));
    // Cut the end off the first weights' base64 data, wherever the file layout keeps it.
    const cut = (value: unknown): boolean => {
      if (typeof value !== 'object' || value === null) return false;
      const record = value as Record<string, unknown>;
      if (typeof record.data === 'string' && Array.isArray(record.shapes)) {
        record.data = record.data.slice(0, -8);
        return true;
      }
      return Object.values(record).some(cut);
    };
    expect(cut(agentFile.state)).toBe(true);
    writeFileSync(file('corrupt.json'), JSON.stringify(agentFile));
  });

  const cases: [string, string[], RegExp][] = [
    ['truncated agent file', ['play', '--agent', '@truncated.json', '--env', 'fig-19-10'], /agent file '.*truncated.json' is not valid JSON/],
    ['unknown agent in the file', ['play', '--agent', '@wrong-name.json', '--env', 'fig-19-10'], /unknown deep agent 'ppo2'; deep agents are dqn, reinforce, actor-critic, ppo/],
    ['corrupted weights', ['play', '--agent', '@corrupt.json', '--env', 'fig-19-10'], /agent file '.*corrupt.json': ppo file: state\.\w+/],
    ['missing agent file', ['play', '--agent', '@nope.json', '--env', 'fig-19-10'], /agent file '.*nope.json' does not exist/],
    ['agent that does not fit the world', ['play', '--agent', '@ppo.json', '--env', 'cartpole'], /takes input one-hot\(16\) and 4 actions, but classic\/cartpole gives vector\(4\)/],
    ['tabular agent on cartpole', ['train', '--env', 'cartpole', '--agent', 'q-learning', '--steps', '10'], /train: q-learning is a tabular agent and needs a gridworld.*use a deep agent: dqn/],
    ['bad backend', ['train', '--env', 'cartpole', '--agent', 'ppo', '--steps', '10', '--backend', 'webgpu'], /--backend must be wasm or cpu, got 'webgpu'/],
    ['bad deep --set', ['train', '--env', 'cartpole', '--agent', 'dqn', '--steps', '10', '--set', 'gama=0.9'], /unknown option 'gama' for dqn; options are/],
    ['config the agent rejects', ['train', '--env', 'cartpole', '--agent', 'ppo', '--steps', '10', '--set', 'minibatches=7'], /ppo config: minibatches 7 must divide/],
    ['backend flag on a tabular agent', ['train', '--env', 'fig-19-10', '--agent', 'sarsa', '--steps', '10', '--backend', 'cpu'], /--backend applies to deep agents only/],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    badInput(await rl(...argv.map((arg) => (arg.startsWith('@') ? file(arg.slice(1)) : arg))), message);
  });
});

describe('help', () => {
  it('train --help lists the deep agents and --backend; play --help its options', async () => {
    const train = await rl('train', '--help');
    expect(train.code).toBe(0);
    for (const name of ['dqn', 'reinforce', 'actor-critic', 'ppo', '--backend', '--save', 'cartpole']) expect(train.stdout).toContain(name);
    const play = await rl('play', '--help');
    expect(play.stdout).toMatch(/Usage: npm run rl -- play --agent <file.json>/);
    expect(play.stdout).toContain('--backend');
    expect((await rl('--help')).stdout).toMatch(/^ {2}play +run a saved deep agent/m);
  });

  it("train --agent ppo --help lists ppo's options", async () => {
    const run = await rl('train', '--agent', 'ppo', '--help');
    expect(run.stdout).toContain('Options of ppo');
    expect(run.stdout).toMatch(/^ {2}clipCoef +Clip range/m);
    expect((await rl('train', '--agent', 'dqn', '--help')).stdout).toMatch(/^ {2}hidden +Units of each hidden layer/m);
  });
});

describe('rl train and play on the arcade games, with policy files', () => {
  const small = ['--set', 'convFilters=4', '--set', 'hiddenLayers=1', '--set', 'hiddenUnits=16', '--set', 'nEnvs=4'];

  it('train --export-policy writes the acting networks with the command, seed, frames and average; play runs it', async () => {
    const args = ['train', '--env', 'breakout', '--agent', 'actor-critic', '--steps', '400', '--seed', '3', ...small, '--export-policy', file('breakout.json'), '--quiet'];
    const out = ok(await rl(...args));
    expect(out.policyFile).toBe(file('breakout.json'));
    const policy = JSON.parse(readFileSync(file('breakout.json'), 'utf8')) as { format: string; world: string; agent: string; input: unknown; provenance: Record<string, unknown> };
    expect([policy.format, policy.world, policy.agent]).toEqual(['floe-policy', 'arcade/breakout', 'actor-critic']);
    expect(policy.input).toEqual({ kind: 'planes', height: 10, width: 10, channels: 4 });
    const returns = out.episodeReturns as number[];
    const recent = returns.slice(-100);
    expect(policy.provenance).toEqual({
      command: `npm run -s rl -- ${args.join(' ')}`,
      seed: 3,
      frames: 400,
      averageReturn: recent.reduce((a, b) => a + b, 0) / recent.length,
      episodes: recent.length,
    });

    const played = ok(await rl('play', '--agent', file('breakout.json'), '--env', 'arcade/breakout', '--episodes', '2', '--seed', '1'));
    expect(played.episodeReturns).toHaveLength(2);
    badInput(await rl('play', '--agent', file('breakout.json'), '--env', 'freeway', '--episodes', '1'), /takes input planes\(10x10x4\) and 3 actions, but arcade\/freeway gives planes\(10x10x7\) and 3 actions/);
  });

  it('a tabular agent or --observation on an arcade game is one line', async () => {
    badInput(await rl('train', '--env', 'breakout', '--agent', 'q-learning', '--steps', '10'), /q-learning is a tabular agent and needs a gridworld, not arcade\/breakout/);
    badInput(await rl('train', '--env', 'breakout', '--agent', 'dqn', '--steps', '10', '--observation', 'one-hot'), /--observation applies to gridworlds; arcade\/breakout observes its binary planes/);
    badInput(await rl('train', '--env', 'breakout', '--agent', 'dqn', '--steps', '10', '--export-policy', file('nowhere/x.json')), /--export-policy: directory '.*nowhere' does not exist/);
  });
});
