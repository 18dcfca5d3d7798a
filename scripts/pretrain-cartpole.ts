/**
 * Trains the CartPole expert the offline page records from, with Floe's own CLI, and writes it to
 * public/pretrained/cartpole.json (the acting networks and the exact `rl train` command) with an
 * entry in manifest.json: the training steps, the average of the last 100 training episodes, and
 * the greedy agent's and a random player's average over 100 evaluation episodes (`rl play`,
 * seeds of their own). An agent that does not beat random play is not shipped.
 *
 *   npm run pretrain:cartpole -- [--steps 50000] [--seed 1]
 *
 * The recipe is the tuned A2C preset (agents/deep/config/presets.ts: 8 copies, 5-step rollouts),
 * spelled out as `--set` options so the recorded command reproduces it even if the preset moves.
 * About 10 s on one wasm core. The manifest entry has the arcade entries' fields (the arcade
 * page's reader, src/pages/arcade/pretrained.ts, finds its games by `game` and passes over this
 * one); for CartPole `frames` are environment steps and an evaluation game is an episode.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './cli/main';
import { getPreset } from '../agents/deep/config/presets';
import { makeCartPole } from '../environments/classic/cartpole';
import { deriveRng } from '../environments/core/rng';

const OUT = fileURLToPath(new URL('../public/pretrained/', import.meta.url));
const EVAL_EPISODES = 100;
const EVAL_SEED = 1_000;
const PRESET = getPreset('cartpole-a2c');
const RECIPE = ['--agent', PRESET.agent, ...Object.entries(PRESET.options).flatMap(([key, value]) => ['--set', `${key}=${String(value)}`])];

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`rl ${argv.join(' ')} failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The average return of uniformly random pushes over `episodes` episodes (each from its own seeded stream). */
function randomAverage(episodes: number): number {
  const env = makeCartPole();
  let total = 0;
  for (let e = 0; e < episodes; e++) {
    const rng = deriveRng(EVAL_SEED, `random/${e}`);
    let { state } = env.reset(rng);
    for (;;) {
      const r = env.step(state, rng.int(2), rng);
      total += r.reward;
      if (r.terminated || r.truncated) break;
      state = r.state;
    }
  }
  return total / episodes;
}

function parseArgs(argv: string[]): { steps: number; seed: number } {
  let steps = PRESET.steps;
  let seed = 1;
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--steps' && Number.isInteger(value) && value > 0) steps = value;
    else if (argv[i] === '--seed' && Number.isInteger(value) && value >= 0) seed = value;
    else throw new Error(`pretrain-cartpole: '${argv[i]} ${argv[i + 1] ?? ''}' is not an option; options are --steps <positive integer>, --seed <integer>`);
  }
  return { steps, seed };
}

async function pretrain(): Promise<void> {
  const { steps, seed } = parseArgs(process.argv.slice(2));
  const file = join(OUT, 'cartpole.json');
  const started = performance.now();
  process.stderr.write(`pretrain-cartpole: ${PRESET.title}, ${steps} steps, seed ${seed}\n`);
  // The recorded command names the file relative to the repository root, where `npm run` runs.
  await cli(['train', '--env', 'cartpole', ...RECIPE, '--steps', String(steps), '--seed', String(seed), '--export-policy', relative(process.cwd(), file), '--quiet']);
  const seconds = (performance.now() - started) / 1000;
  const played = await cli(['play', '--agent', file, '--env', 'cartpole', '--episodes', String(EVAL_EPISODES), '--seed', String(EVAL_SEED)]);
  const greedy = played.mean as number;
  const random = randomAverage(EVAL_EPISODES);
  const policy = JSON.parse(readFileSync(file, 'utf8')) as { provenance: { command: string; averageReturn: number; frames: number } };
  const bytes = statSync(file).size;
  const shipped = greedy > random;
  if (!shipped) rmSync(file);
  const entry = {
    game: 'cartpole',
    title: 'CartPole',
    shipped,
    file: shipped ? 'pretrained/cartpole.json' : null,
    bytes: shipped ? bytes : null,
    command: policy.provenance.command,
    seed,
    frames: policy.provenance.frames,
    trainingAverage: Number(policy.provenance.averageReturn.toFixed(3)),
    greedyAverage: Number(greedy.toFixed(3)),
    randomAverage: Number(random.toFixed(3)),
    evaluation: `rl play --agent cartpole.json --env cartpole --episodes ${EVAL_EPISODES} --seed ${EVAL_SEED} (greedy); random pushes over ${EVAL_EPISODES} episodes`,
    seconds: Math.round(seconds),
  };
  process.stderr.write(`pretrain-cartpole: greedy ${greedy.toFixed(2)} vs random ${random.toFixed(2)} over ${EVAL_EPISODES} episodes, ${(bytes / 1024).toFixed(0)} KB, ${seconds.toFixed(0)} s: ${shipped ? 'shipped' : 'not shipped'}\n`);
  const manifestPath = join(OUT, 'manifest.json');
  let manifest: { games: { game: string }[] } = { format: 'floe-pretrained-manifest', version: 1, games: [] } as never;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch {
    // no manifest yet: this is its first entry
  }
  const games = [...manifest.games.filter((e) => e.game !== 'cartpole'), entry];
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, games }, null, 2) + '\n');
}

await pretrain();
