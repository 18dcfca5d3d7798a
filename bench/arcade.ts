/**
 * The arcade games' benchmarks (issue 5 section 5):
 * - environment steps per second of every game with uniformly random actions (the registry's
 *   env: sticky actions and the time limit included; resets counted as part of the run);
 * - DQN frames per second while training MinAtar's conv network (the arcade page's defaults,
 *   src/pages/arcade/agent-defaults.ts, learning from the first frames on), per backend in Node;
 * - a Breakout learning curve: the average score of the last 100 games against frames, with the
 *   wall-clock time, for the recipe of the shipped pretrained agents (A2C with MinAtar's network,
 *   agents/deep/config/minatar.ts; long: its own section).
 */
import { initBackend, type BackendName } from '../agents/core/tf-backend';
import { createDeepSession, deepAgentOptions } from '../agents/runner/deep-session';
import { ARCADE_WORLD_IDS, type ArcadeWorldId } from '../environments/arcade/register';
import { requireWorld } from '../environments/core/registry';
import { deriveRng } from '../environments/core/rng';
import { MINATAR_A2C_OPTIONS, MINATAR_DQN_OPTIONS } from '../agents/deep/config/minatar';
import { rate, table } from './report';
import { interleavedRates, type RateRun } from './timing';

/** Random play for about `ms`: steps per second. */
function randomPlay(id: ArcadeWorldId): RateRun {
  const env = requireWorld(id).create();
  const nA = env.actionSpace.kind === 'discrete' ? env.actionSpace.n : 1;
  const rng = deriveRng(1, `bench/${id}`);
  let state = env.reset(rng).state;
  return (ms) => {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < ms) {
      for (let k = 0; k < 100; k++) {
        const result = env.step(state, rng.int(nA), rng);
        state = result.terminated || result.truncated ? env.reset(rng).state : result.state;
      }
      n += 100;
    }
    return (n * 1000) / (performance.now() - start);
  };
}

export function arcadeEnvTable(): string {
  const rates = interleavedRates(ARCADE_WORLD_IDS.map(randomPlay), 3, 500, 200);
  const rows = ARCADE_WORLD_IDS.map((id, i) => [requireWorld(id).title ?? id, `${rate(rates[i].median)}/s`, `${rate(rates[i].min)} to ${rate(rates[i].max)}`]);
  return ['## Arcade: environment steps per second, random actions', '', table(['game', 'steps/s (median of 3)', 'range'], rows)].join('\n');
}

/** MinAtar's DQN on `id`, learning from frame 64 on, for `frames` frames after `warmup`: frames per second. */
function dqnFramesPerSecond(id: ArcadeWorldId, frames: number, warmup: number): number {
  const options = { ...deepAgentOptions('dqn', MINATAR_DQN_OPTIONS), learningStarts: 64 };
  const session = createDeepSession({ world: id, agent: 'dqn', options, seed: 1 });
  try {
    session.step(warmup);
    const start = performance.now();
    session.step(frames);
    return (frames * 1000) / (performance.now() - start);
  } finally {
    session.dispose();
  }
}

export async function arcadeDqnTable(backends: readonly BackendName[]): Promise<string> {
  const rows: string[][] = [];
  for (const wanted of backends) {
    const backend = await initBackend(wanted);
    if (backend !== wanted) continue;
    const frames = backend === 'cpu' ? 200 : 1_000;
    const fps = dqnFramesPerSecond('arcade/breakout', frames, 200);
    rows.push([backend, fps.toFixed(0), (fps / Number(MINATAR_DQN_OPTIONS.trainFrequency)).toFixed(1), String(frames)]);
  }
  return [
    "## Arcade: DQN frames per second while training (Breakout, MinAtar's conv 16 3x3 + dense 128, batch 32, a gradient step every 4 frames)",
    '',
    table(['backend', 'frames/s', 'gradient steps/s', 'frames timed'], rows),
  ].join('\n');
}

/** The pretrained agents' recipe on Breakout for `frames` frames: the 100-game average every `every` frames. */
export async function breakoutCurveTable(frames: number, every: number, progress: (line: string) => void): Promise<string> {
  const backend = await initBackend('wasm');
  const session = createDeepSession({ world: 'arcade/breakout', agent: 'actor-critic', options: deepAgentOptions('actor-critic', MINATAR_A2C_OPTIONS), seed: 1 });
  const rows: string[][] = [];
  const start = performance.now();
  try {
    for (let done = 0; done < frames; done += every) {
      session.step(every / session.agent.nEnvs);
      const returns = session.snapshot().episodeReturns;
      const average = returns.length === 0 ? 0 : returns.reduce((a, b) => a + b, 0) / returns.length;
      const seconds = (performance.now() - start) / 1000;
      rows.push([String(done + every), String(session.episode), average.toFixed(2), seconds.toFixed(0)]);
      progress(`  breakout ${done + every} frames: average of the last ${returns.length} games ${average.toFixed(2)} (${seconds.toFixed(0)} s)`);
    }
  } finally {
    session.dispose();
  }
  return [
    `## Arcade: Breakout learning curve (A2C with MinAtar's network over 16 copies, the shipped agents' recipe, seed 1, ${backend}; random play over the minimal action set averages about 0.3)`,
    '',
    table(['frames', 'games', 'average score, last 100 games', 'wall-clock s'], rows),
  ].join('\n');
}
