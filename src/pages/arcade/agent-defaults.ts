/**
 * The agent the arcade page starts each game with: DQN with the MinAtar paper's network (one
 * conv layer of 16 3x3 filters, a dense layer of 128) and its schedule, scaled to run live in a
 * browser tab: a 10,000-transition buffer (the paper's 100,000 would hold 80-400 MB of planes),
 * a gradient step every 4 frames, epsilon from 1 to 0.1 over the first 100,000 frames, Adam at
 * the paper's step size 2.5e-4 (the paper used RMSProp).
 */
import type { ArcadeWorldId } from '../../../environments/arcade/register';

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

export function arcadeAgentDefaults(_world: ArcadeWorldId): { agent: string; options: Readonly<Record<string, number | string | boolean>> } {
  return { agent: 'dqn', options: MINATAR_DQN_OPTIONS };
}
