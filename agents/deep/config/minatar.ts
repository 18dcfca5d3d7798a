/**
 * Option sets for the arcade games (MinAtar, Young & Tian 2019), as plain data (no tfjs): what
 * the arcade page starts each game with, what the benchmarks time, and the recipe of the
 * shipped pretrained agents (scripts/pretrain-arcade.ts).
 */

/**
 * DQN with the MinAtar paper's network (one conv layer of 16 3x3 filters, a dense layer of 128)
 * and its schedule, scaled to run live in a browser tab: a 10,000-transition buffer (the paper's
 * 100,000 would hold 80-400 MB of planes), a gradient step every 4 frames, epsilon from 1 to 0.1
 * over the first 100,000 frames, Adam at the paper's step size 2.5e-4 (the paper used RMSProp).
 */
export const MINATAR_DQN_OPTIONS: Readonly<Record<string, number | string | boolean>> = {
  convFilters: 16,
  hidden: '128',
  learningRate: 0.00025,
  batchSize: 32,
  bufferSize: 10_000,
  learningStarts: 5_000,
  trainFrequency: 4,
  targetSyncEvery: 1_000,
  epsilonEnd: 0.1,
  epsilonDecaySteps: 100_000,
  gamma: 0.99,
};

/**
 * A2C with the same network (a shared trunk: conv 16 3x3, dense 128; policy and value heads)
 * over 16 copies of the game, 5-step rollouts and n-step advantages, Adam 7e-4, entropy bonus
 * 0.01. About seven times DQN's frames per second here (one batched forward pass per 16 frames,
 * one update per 80); on Breakout it averaged 4.7 over the last 100 games after 376k frames
 * (4 minutes on one core; random play averages 0.51).
 */
export const MINATAR_A2C_OPTIONS: Readonly<Record<string, number | string | boolean>> = {
  convFilters: 16,
  hiddenLayers: 1,
  hiddenUnits: 128,
  activation: 'relu',
  architecture: 'shared',
  nEnvs: 16,
  rolloutLength: 5,
  advantage: 'n-step',
  learningRate: 0.0007,
  entropyCoef: 0.01,
  gamma: 0.99,
};
