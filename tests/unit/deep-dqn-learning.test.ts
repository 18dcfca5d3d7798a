/**
 * DQN and double DQN reach the optimal greedy policy of fig-19-10 (value iteration's) within a
 * stated budget, fixed seed, wasm backend (cpu where wasm does not load).
 *
 * Budget: 20,000 env steps under a uniformly random behaviour policy (epsilon 1, as the tabular
 * Q-learning test: DQN is off-policy), one gradient step per env step from step 500 (batch 128,
 * Adam 1e-3, squared TD loss), a replay buffer that keeps every transition, target sync every
 * 250 steps, an MLP 16 -> 32 -> 4 on one-hot states. The world is very slippery (the intended
 * move happens half the time), so the targets are noisy: the batch of 128 and the squared loss
 * (Huber's clipped gradient learns the large hole values slowly) make the greedy policy settle.
 * Checked as in agents-learning.test.ts: the reachable non-terminal cells whose optimal action
 * wins by >= 0.05. When tuned, the same config passed 7 of seeds 1-8 for DQN (seed 8 missed cell 6) and seeds 1-6 for double DQN.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { Dqn, type DqnConfig } from '../../agents/deep/dqn';
import { decisiveStates, firstArgmax, optimalQ } from './agents-helpers';
import { drive, fig, ONE_HOT_16, startRun } from './deep-dqn-helpers';

const SEED = 1;
const STEPS = 20_000;
const MARGIN = 0.05;

const optimal = optimalQ(fig, 0.9);
const checked = decisiveStates(fig, optimal, MARGIN);

const BUDGET: Partial<DqnConfig> = {
  hidden: [32],
  gamma: 0.9,
  learningRate: 1e-3,
  batchSize: 128,
  bufferSize: STEPS,
  learningStarts: 500,
  trainFrequency: 1,
  targetSyncEvery: 250,
  loss: 'squared',
  epsilonStart: 1,
  epsilonEnd: 1,
  initSeed: SEED,
};

beforeAll(async () => {
  await initBackend('wasm');
});

function wrongStates(config: Partial<DqnConfig>): number[] {
  const agent = new Dqn(ONE_HOT_16, config);
  drive(agent, startRun(SEED), STEPS);
  const q = agent.qValues(Array.from({ length: fig.nS }, (_, s) => s));
  agent.dispose();
  const flat = new Float64Array(fig.nS * fig.nA);
  q.forEach((row, s) => flat.set(row, s * fig.nA));
  return checked.filter((s) => firstArgmax(flat, s, fig.nA) !== firstArgmax(optimal, s, fig.nA));
}

describe(`DQN reaches the optimal greedy policy of fig-19-10 (seed ${SEED}, ${STEPS.toLocaleString('en')} env steps, margin ${MARGIN})`, () => {
  it('checks the cells the tabular learners are checked on', () => {
    expect(checked).toEqual([1, 2, 4, 6, 7, 8, 9, 10, 11, 14]);
  });

  it('DQN', () => {
    expect(wrongStates(BUDGET)).toEqual([]);
  });

  it('double DQN (online picks, target evaluates)', () => {
    expect(wrongStates({ ...BUDGET, double: true })).toEqual([]);
  });
});
