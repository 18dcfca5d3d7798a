/**
 * The decision transformer's training step as the /backends page times it: the same work as the
 * penguin row of bench/decision-transformer.ts (issue 7 section 5), so the browser's figures
 * compare with Node's. The default config (context 20 timesteps = 60 tokens, width 64, 2 heads,
 * 2 layers, batch 32 windows, Adam with clipping), trained on 50 episodes of uniformly random
 * moves on the fig 19.10 penguin gridworld (one-hot 16 cells, episodes cut at 100 steps, drawn
 * from the bench's own stream): the content does not change the work of a step. One step samples
 * the windows, runs forward and backward, updates and reads the loss back.
 */
import { DecisionTransformerTrainer } from '../../../agents/offline/decision-transformer';
import type { Dataset } from '../../../agents/offline/dataset-types';
import { randomDataset } from '../../../agents/offline/random-dataset';
import type { Observation } from '../../../agents/deep/types';
import type { Env } from '../../../environments/core/types';
import type { UpdateStep } from '../../../agents/deep/update-bench';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../../environments/gridworld';

const WORLD = 'fig-19-10';
const EPISODES = 50;
const MAX_STEPS = 100;

/** The bench's penguin dataset: random moves on fig 19.10, the same episodes as bench/decision-transformer.ts. */
export function randomPenguinDataset(): Dataset {
  const env = makeGridworld(GRIDWORLD_PRESETS[WORLD].spec);
  return randomDataset({ world: WORLD, env: env as unknown as Env<unknown, Observation, number>, input: { kind: 'one-hot', size: env.model.nS }, nActions: env.model.nA, episodes: EPISODES, maxSteps: MAX_STEPS });
}

/** One decision-transformer training step at the default config, as a timed update. */
export function decisionTransformerStep(dataset: Dataset = randomPenguinDataset()): UpdateStep {
  const trainer = new DecisionTransformerTrainer(dataset, {});
  return {
    step: () => void trainer.trainSteps(1),
    dispose: () => trainer.dispose(),
  };
}
