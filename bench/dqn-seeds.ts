/**
 * How often the DQN learning test's configuration (tests/unit/deep-dqn-learning.test.ts: fig
 * 19.10, 20,000 env steps, wasm) reaches the optimal greedy policy, over seeds 1 to 30, for DQN
 * and double DQN: the test itself runs seed 1, and this says how typical that seed is. A seed
 * passes when every decisive cell's greedy action is value iteration's (margin 0.05).
 */
import { initBackend } from '../agents/core/tf-backend';
import { Dqn, type DqnConfig } from '../agents/deep/dqn';
import { decisiveStates, firstArgmax, optimalQ } from '../tests/unit/agents-helpers';
import { drive, fig, ONE_HOT_16, startRun } from '../tests/unit/deep-dqn-helpers';
import { table } from './report';

const STEPS = 20_000;
const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

/** The learning test's config (kept in step with it by hand: its numbers are the test's). */
const CONFIG: Partial<DqnConfig> = {
  hidden: [32], gamma: 0.9, learningRate: 1e-3, batchSize: 128, bufferSize: STEPS, learningStarts: 500,
  trainFrequency: 1, targetSyncEvery: 250, loss: 'squared', epsilonStart: 1, epsilonEnd: 1,
};

function wrongCells(seed: number, double: boolean): number[] {
  const optimal = optimalQ(fig, 0.9);
  const checked = decisiveStates(fig, optimal, 0.05);
  const agent = new Dqn(ONE_HOT_16, { ...CONFIG, double, initSeed: seed });
  drive(agent, startRun(seed), STEPS);
  const q = agent.qValues(Array.from({ length: fig.nS }, (_, s) => s));
  agent.dispose();
  const flat = new Float64Array(fig.nS * fig.nA);
  q.forEach((row, s) => flat.set(row, s * fig.nA));
  return checked.filter((s) => firstArgmax(flat, s, fig.nA) !== firstArgmax(optimal, s, fig.nA));
}

export async function dqnSeedsTable(progress: (line: string) => void): Promise<string> {
  await initBackend('wasm');
  const rows: string[][] = [];
  for (const double of [false, true]) {
    const misses: string[] = [];
    let passed = 0;
    for (const seed of SEEDS) {
      const wrong = wrongCells(seed, double);
      if (wrong.length === 0) passed++;
      else misses.push(`seed ${seed}: cell${wrong.length > 1 ? 's' : ''} ${wrong.map((s) => s + 1).join(', ')}`);
      progress(`  ${double ? 'double DQN' : 'DQN'} seed ${seed}: ${wrong.length === 0 ? 'optimal' : `wrong in ${wrong.length}`}`);
    }
    rows.push([double ? 'double DQN' : 'DQN', `${passed}/${SEEDS.length}`, misses.join('; ') || 'none']);
  }
  return [
    `## DQN on fig 19.10: the learning test's config over seeds 1-${SEEDS.length} (${STEPS.toLocaleString('en')} env steps, wasm)`,
    '',
    table(['agent', 'optimal greedy policy', 'misses (book cell numbers)'], rows),
  ].join('\n');
}
