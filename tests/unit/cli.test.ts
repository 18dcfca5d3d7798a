/**
 * The `npm run rl` command line: book numbers through `solve` and `evaluate`, reproducible
 * `train`, one clear line for every kind of bad input, help and --list. Runs `main` in-process
 * (fast) and spawns the real script once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rl, type Run } from './cli-run';


function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'floe-cli-'));
  const spec = { version: 1, name: 'tiny', map: ['S.F'], rewardTiming: 'leave', slip: { model: 'deterministic' }, mode: 'mdp', gamma: 0.9, maxSteps: 10 };
  writeFileSync(file('tiny.json'), JSON.stringify(spec));
  writeFileSync(file('ragged.json'), JSON.stringify({ ...spec, map: ['S...', '..F'] }));
  writeFileSync(file('broken.json'), '{"version": 1, "map":');
  writeFileSync(file('right.json'), '[1, 1, 1]');
  writeFileSync(file('rows.json'), '[[0, 1, 0, 0], [0.5, 0.5, 0, 0], [0.25, 0.25, 0.25, 0.25]]');
  writeFileSync(file('bad-action.json'), '[1, 4, 1]');
  writeFileSync(file('bad-sum.json'), '[[0, 1, 0, 0], [0.5, 0.4, 0, 0], [0.25, 0.25, 0.25, 0.25]]');
  writeFileSync(file('short.json'), '[1, 1]');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rl solve', () => {
  it('reproduces problem 19.3 after one and two value-iteration sweeps', async () => {
    const one = json(await rl('solve', '--env', 'fig-19-10', '--sweeps', '1'));
    expect(one.values).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, -2, -2, 0, 0, 0, -2, 3]);
    expect(one.sweeps).toBe(1);
    // Rounded to 12 significant digits, the float noise is gone and the book's numbers are exact.
    const two = json(await rl('solve', '--env', 'gridworld/fig-19-10', '--sweeps', '2'));
    expect(two.values).toEqual([0, 0, 0, 0, 0, -0.3, -0.3, 0, -0.45, -2.3, -2.6, 0.9, 0, -0.9, -1.1, 3]);
    expect(Object.keys(two)).toEqual(['values', 'q', 'policy', 'iterations', 'sweeps', 'converged']);
    expect(two.iterations).toBe(2);
    expect(two.converged).toBe(false);
    const q = two.q as number[][];
    expect(q).toHaveLength(16);
    expect(q[15]).toEqual([3, 3, 3, 3]);
    // policy[s]: the lowest action attaining max_a q[s][a].
    const policy = two.policy as number[];
    q.forEach((row, s) => expect(policy[s]).toBe(row.indexOf(Math.max(...row))));
  });

  it('value iteration and policy iteration agree when converged', async () => {
    const vi = json(await rl('solve', '--env', 'fig-19-10'));
    const pi = json(await rl('solve', '--env', 'fig-19-10', '--method', 'policy-iteration'));
    expect(vi.converged).toBe(true);
    expect(pi.converged).toBe(true);
    (vi.values as number[]).forEach((v, s) => expect((pi.values as number[])[s]).toBeCloseTo(v, 8));
    expect(pi.policy).toEqual(vi.policy);
  });

  it('solves a spec file, with --gamma and --digits', async () => {
    const out = json(await rl('solve', '--env', file('tiny.json'), '--gamma', '0.5', '--digits', '3'));
    expect(out.values).toEqual([0.75, 1.5, 3]);
    expect(out.policy).toEqual([1, 1, 0]);
  });
});

describe('rl evaluate', () => {
  it("gives Sutton and Barto's values for the random policy", async () => {
    const out = json(await rl('evaluate', '--env', 'sutton-barto-4x4', '--policy', 'random'));
    const expected = [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0];
    expect(out.converged).toBe(true);
    (out.values as number[]).forEach((v, s) => expect(v).toBeCloseTo(expected[s], 6));
  });

  it('stops after exactly --sweeps sweeps', async () => {
    const out = json(await rl('evaluate', '--env', 'sutton-barto-4x4', '--policy', 'random', '--sweeps', '1'));
    expect(out.values).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0]);
    expect(out.sweeps).toBe(1);
  });

  it('reads a policy file as actions or as probability rows', async () => {
    expect(json(await rl('evaluate', '--env', file('tiny.json'), '--policy', file('right.json'))).values).toEqual([2.43, 2.7, 3]);
    expect(json(await rl('evaluate', '--env', file('tiny.json'), '--policy', file('rows.json'))).converged).toBe(true);
  });
});

describe('rl train', () => {
  const args = ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '3000', '--set', 'alpha=0.2', '--quiet'];

  it('prints the same bytes for the same seed, and different ones for another seed', async () => {
    const first = await rl(...args, '--seed', '7');
    const second = await rl(...args, '--seed', '7');
    const other = await rl(...args, '--seed', '8');
    const out = json(first);
    expect(Object.keys(out)).toEqual(['episodeReturns', 'q', 'policy']);
    expect((out.episodeReturns as number[]).length).toBeGreaterThan(10);
    expect(out.q as number[][]).toHaveLength(16);
    expect(out.policy as number[]).toHaveLength(16);
    expect(second.stdout).toBe(first.stdout);
    expect(other.code).toBe(0);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('reports progress on stderr about every 10% unless --quiet', async () => {
    const run = await rl('train', '--env', 'fig-19-10', '--agent', 'sarsa', '--steps', '1000', '--seed', '1');
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toMatch(/^train: 100% \(1000\/1000 steps, \d+ episodes\)$/);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});

describe('bad input: a non-zero exit and exactly one line on stderr', () => {
  const cases: [string, string[], RegExp][] = [
    ['no command', [], /no command given/],
    ['unknown command', ['solv'], /unknown command 'solv'; commands are solve, evaluate, train, play/],
    ['unknown flag', ['solve', '--env', 'fig-19-10', '--gama', '0.9'], /unknown option '--gama'; options are --env/],
    ['unknown top-level flag', ['--lst'], /unknown option '--lst'/],
    ['missing value at the end', ['solve', '--env'], /--env needs a value/],
    ['missing value before a flag', ['solve', '--env', '--sweeps', '2'], /--env needs a value/],
    ['missing required option', ['solve'], /--env <preset\|spec.json> is required/],
    ['stray argument', ['solve', '--env', 'fig-19-10', '2'], /unexpected argument '2'/],
    ['repeated option', ['solve', '--env', 'fig-19-10', '--env', 'cliff-walk'], /--env is given more than once/],
    ['bad preset name', ['solve', '--env', 'fig-19-99'], /unknown env 'fig-19-99'; presets are fig-19-1-markov-process, .*fig-19-10, .*sutton-barto-4x4/],
    ['bad registry id', ['solve', '--env', 'gridworld/nope'], /unknown env 'gridworld\/nope'; presets are/],
    ['missing spec file', ['solve', '--env', 'no/such/map.json'], /spec file 'no\/such\/map.json' does not exist/],
    ['spec path is a directory', ['solve', '--env', tmpdir()], /it is a directory/],
    ['spec file that is not JSON', ['solve', '--env', '@broken.json'], /spec file '.*broken.json': spec is not valid JSON/],
    ['spec file the validator rejects', ['solve', '--env', '@ragged.json'], /spec file '.*ragged.json': map row 2 has 3 tiles, expected 4$/],
    ['gamma out of range', ['solve', '--env', 'fig-19-10', '--gamma', '1.5'], /solve: --gamma must be a number in \[0, 1\], got '1.5'/],
    ['gamma not a number', ['evaluate', '--env', 'fig-19-10', '--policy', 'random', '--gamma', '0x1'], /--gamma must be a number in \[0, 1\], got '0x1'/],
    ['negative sweeps', ['solve', '--env', 'fig-19-10', '--sweeps', '-1'], /--sweeps must be a non-negative integer, got '-1'/],
    ['fractional steps', ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '2.5'], /--steps must be a non-negative integer, got '2.5'/],
    ['zero tolerance', ['solve', '--env', 'fig-19-10', '--tol', '0'], /--tol must be a positive number/],
    ['bad seed', ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '10', '--seed', 'abc'], /--seed must be an integer, got 'abc'/],
    ['bad method', ['solve', '--env', 'fig-19-10', '--method', 'monte-carlo'], /--method must be value-iteration or policy-iteration/],
    ['missing policy file', ['evaluate', '--env', 'fig-19-10', '--policy', 'nope.json'], /policy file 'nope.json' does not exist/],
    ['policy with a bad action', ['evaluate', '--env', '@tiny.json', '--policy', '@bad-action.json'], /state 1 has action 4; actions are integers 0..3/],
    ['policy rows that do not sum to 1', ['evaluate', '--env', '@tiny.json', '--policy', '@bad-sum.json'], /probabilities of state 1 sum to 0.9, expected 1/],
    ['policy of the wrong length', ['evaluate', '--env', '@tiny.json', '--policy', '@short.json'], /has 2 entries, expected 3 \(one per state\)/],
    ['unknown agent', ['train', '--env', 'fig-19-10', '--agent', 'dqnn', '--steps', '10'], /unknown tabular agent 'dqnn'; agents are .*q-learning.*; deep agents are dqn, reinforce, actor-critic, ppo/],
    ['planning method as a learner', ['train', '--env', 'fig-19-10', '--agent', 'value-iteration', '--steps', '10'], /planning method .*use solve/],
    ['bad --set key', ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '10', '--set', 'alfa=0.1'], /unknown option 'alfa' for q-learning; options are gamma, alpha/],
    ['bad --set value', ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '10', '--set', 'alpha=2'], /q-learning config: alpha must be .*got 2/],
    ['--set without =', ['train', '--env', 'fig-19-10', '--agent', 'q-learning', '--steps', '10', '--set', 'alpha'], /--set needs key=value/],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    const run = await rl(...argv.map((arg) => (arg.startsWith('@') ? file(arg.slice(1)) : arg)));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    const lines = run.stderr.slice(0, -1).split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rl: /);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });
});

describe('help and --list', () => {
  it.each([[['--help']], [['-h']], [['solve', '--help']], [['evaluate', '--help']], [['train', '--help']], [['train', '--env', 'nope', '-h']]])(
    '%j prints help on stdout',
    async (argv) => {
      const run = await rl(...argv);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/Usage: npm run rl -- /);
      expect(run.stdout).toContain('up = 0, right = 1, down = 2, left = 3');
    },
  );

  it("train --agent <name> --help lists that agent's options", async () => {
    const run = await rl('train', '--agent', 'q-learning', '--help');
    expect(run.stdout).toContain('Options of q-learning');
    expect(run.stdout).toMatch(/^ {2}alpha +Step size alpha/m);
  });

  it('--list names every preset with its title and every agent with a description', async () => {
    const out = json(await rl('--list')) as { presets: { id: string; title: string }[]; agents: { name: string; kind: string; description: string }[] };
    expect(out.presets.map((p) => p.id)).toContain('fig-19-10');
    expect(out.presets.find((p) => p.id === 'sutton-barto-4x4')?.title).toMatch(/Sutton/);
    expect(out.presets.every((p) => p.title.length > 0)).toBe(true);
    expect(out.agents.map((a) => a.name)).toEqual(expect.arrayContaining(['value-iteration', 'q-learning', 'sarsa', 'monte-carlo']));
    expect(out.agents.every((a) => a.description.length > 0)).toBe(true);
  });
});

describe('the real process', () => {
  it('npm run rl -- solve prints JSON and exits 0', async () => {
    const script = fileURLToPath(new URL('../../scripts/rl.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, 'solve', '--env', 'fig-19-10', '--sweeps', '2'], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout) as { values: number[] };
    expect(out.values).toEqual([0, 0, 0, 0, 0, -0.3, -0.3, 0, -0.45, -2.3, -2.6, 0.9, 0, -0.9, -1.1, 3]);
  });
});
