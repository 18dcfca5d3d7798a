/**
 * Trains the arcade page's pretrained agents with Floe's own CLI and writes them to
 * public/pretrained/: one policy file per game (the acting networks and the exact `rl train`
 * command that made it) and manifest.json with, per game, the frames trained, the average score
 * of the last 100 training games, and the greedy agent's and a random player's average over 100
 * evaluation games (`rl play`, seeds of their own). A game whose agent does not beat random play
 * is listed as not shipped, and its file is removed.
 *
 *   npm run pretrain -- [--games breakout,freeway] [--frames 500000]
 *
 * One game at a time on the wasm backend; about 6 minutes a game at 500k frames on one core.
 */
import { mkdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './cli/main';
import { MINATAR_A2C_OPTIONS } from '../agents/deep/config/minatar';
import { ARCADE_WORLD_IDS } from '../environments/arcade/register';
import { requireWorld } from '../environments/core/registry';
import { deriveRng } from '../environments/core/rng';

const OUT = fileURLToPath(new URL('../public/pretrained/', import.meta.url));
const EVAL_GAMES = 100;
const EVAL_SEED = 1_000;
const MAX_BYTES = 1024 * 1024;

/** A2C with MinAtar's network (agents/deep/config/minatar.ts), spelled out as `--set` options so the recorded command reproduces it. */
const RECIPE = ['--agent', 'actor-critic', ...Object.entries(MINATAR_A2C_OPTIONS).flatMap(([key, value]) => ['--set', `${key}=${String(value)}`])];

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code !== 0) throw new Error(`rl ${argv.join(' ')} failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The average score of a uniformly random player over `games` games (the same evaluation seeds). */
function randomAverage(id: string, games: number): number {
  const env = requireWorld(id).create();
  const nA = env.actionSpace.kind === 'discrete' ? env.actionSpace.n : 1;
  let total = 0;
  for (let g = 0; g < games; g++) {
    const rng = deriveRng(EVAL_SEED, `random/${g}`);
    let { state } = env.reset(rng);
    for (;;) {
      const r = env.step(state, rng.int(nA), rng);
      total += r.reward;
      if (r.terminated || r.truncated) break;
      state = r.state;
    }
  }
  return total / games;
}

interface Entry {
  readonly game: string;
  readonly title: string;
  readonly shipped: boolean;
  readonly file: string | null;
  readonly bytes: number | null;
  readonly command: string;
  readonly seed: number;
  readonly frames: number;
  readonly trainingAverage: number;
  readonly greedyAverage: number;
  readonly randomAverage: number;
  readonly evaluation: string;
  readonly seconds: number;
}

function parseArgs(argv: string[]): { games: string[]; frames: number } {
  let games = ARCADE_WORLD_IDS.map((id) => id.slice('arcade/'.length));
  let frames = 500_000;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--games') games = argv[i + 1].split(',');
    else if (argv[i] === '--frames') frames = Number(argv[i + 1]);
    else throw new Error(`pretrain: unknown argument '${argv[i]}'; arguments are --games, --frames`);
  }
  return { games, frames };
}

async function pretrain(): Promise<void> {
  const { games, frames } = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  const manifestPath = join(OUT, 'manifest.json');
  let entries: Entry[] = [];
  try {
    entries = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { games: Entry[] }).games;
  } catch {
    // no manifest yet
  }
  for (const game of games) {
    const id = `arcade/${game}`;
    const file = join(OUT, `${game}.json`);
    const started = performance.now();
    process.stderr.write(`pretrain: ${id}, ${frames} frames\n`);
    // The recorded command names the file relative to the repository root, where `npm run` runs.
    await cli(['train', '--env', game, ...RECIPE, '--steps', String(frames), '--seed', '1', '--export-policy', relative(process.cwd(), file), '--quiet']);
    const seconds = (performance.now() - started) / 1000;
    const played = await cli(['play', '--agent', file, '--env', game, '--episodes', String(EVAL_GAMES), '--seed', String(EVAL_SEED)]);
    const greedy = played.mean as number;
    const random = randomAverage(id, EVAL_GAMES);
    const policy = JSON.parse(readFileSync(file, 'utf8')) as { provenance: { command: string; averageReturn: number } };
    const bytes = statSync(file).size;
    const shipped = greedy > random && bytes <= MAX_BYTES;
    if (!shipped) rmSync(file);
    const entry: Entry = {
      game,
      title: requireWorld(id).title ?? id,
      shipped,
      file: shipped ? `pretrained/${game}.json` : null,
      bytes: shipped ? bytes : null,
      command: policy.provenance.command,
      seed: 1,
      frames,
      trainingAverage: Number(policy.provenance.averageReturn.toFixed(3)),
      greedyAverage: Number(greedy.toFixed(3)),
      randomAverage: Number(random.toFixed(3)),
      evaluation: `rl play --agent ${game}.json --env ${game} --episodes ${EVAL_GAMES} --seed ${EVAL_SEED} (greedy); random actions over ${EVAL_GAMES} games`,
      seconds: Math.round(seconds),
    };
    process.stderr.write(`pretrain: ${game}: greedy ${greedy.toFixed(2)} vs random ${random.toFixed(2)} over ${EVAL_GAMES} games, ${(bytes / 1024).toFixed(0)} KB, ${seconds.toFixed(0)} s: ${shipped ? 'shipped' : 'not shipped'}\n`);
    entries = [...entries.filter((e) => e.game !== game), entry].sort((a, b) => ARCADE_WORLD_IDS.indexOf(`arcade/${a.game}`) - ARCADE_WORLD_IDS.indexOf(`arcade/${b.game}`));
    writeFileSync(manifestPath, JSON.stringify({ format: 'floe-pretrained-manifest', version: 1, games: entries }, null, 2) + '\n');
  }
}

await pretrain();
