/**
 * The test of the decision transformer (issue 7 section 3): trained on a mixed-quality
 * dataset of the penguin world, the return it achieves follows the return it is asked for.
 *
 * The world is tests/unit/offline-fixtures.ts's ICE_RUN_SPEC (the book's 4x4 layout, moves that
 * never slip, -0.2 a step, -2 a hole, +3 the fish, 20 steps): the expert's return is 1.8 and
 * random actions cost steps and holes. The dataset mixes the expert at random-action rates 0,
 * 0.25, 0.5, 0.75 and 1 (60 episodes each, returns from -26 to 1.8). Targets: the dataset's
 * 10th percentile, median and best return. Each is played for 100 seeded episodes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { DecisionTransformerTrainer } from '../../agents/offline/decision-transformer';
import type { Observation } from '../../agents/deep/types';
import { createRng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import { makeGridworld } from '../../environments/gridworld';
import { episodeReturns, ICE_RUN_SPEC, mean, mixedQualityGridDataset, playEpisodes } from './offline-fixtures';

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

describe('decision transformer on a mixed-quality penguin dataset', () => {
  it('achieves a mean return that rises with the target return (low, middle, high)', () => {
    const dataset = mixedQualityGridDataset();
    const sorted = episodeReturns(dataset).sort((a, b) => a - b);
    const quantile = (p: number) => sorted[Math.round(p * (sorted.length - 1))];
    const targets = [quantile(0.1), quantile(0.5), quantile(1)];
    expect(targets.map((t) => Number(t.toFixed(6)))).toEqual([-8, 0.6, 1.8]);

    const trainer = new DecisionTransformerTrainer(dataset, {
      contextLength: 5,
      width: 32,
      heads: 2,
      layers: 1,
      maxTimestep: ICE_RUN_SPEC.maxSteps,
      returnScale: 5,
      learningRate: 0.003,
      batchSize: 32,
      seed: 1,
    });
    trainer.trainSteps(300);
    const env = makeGridworld(ICE_RUN_SPEC) as unknown as Env<unknown, Observation, number>;
    const achieved = (mode: 'explore' | 'greedy') =>
      targets.map((target) => {
        const runtime = trainer.runtime(target);
        const rng = createRng(`evaluation/${mode}`);
        const player = { start: () => runtime.reset(target), act: (o: Observation) => runtime.act(o, rng, mode), reward: (r: number) => runtime.observe({ reward: r }) };
        return mean(playEpisodes(env, player, 100, 11));
      });

    const [low, middle, high] = achieved('explore');
    expect(middle - low).toBeGreaterThan(2);
    expect(high - middle).toBeGreaterThan(0.5);
    // Asked for the best return in the dataset, it plays nearly as the expert does (1.8).
    expect(high).toBeGreaterThan(1.4);
    expect(low).toBeLessThan(-4);

    const greedy = achieved('greedy');
    expect(greedy[0]).toBeLessThan(greedy[1]);
    expect(greedy[1]).toBeLessThan(greedy[2]);
    trainer.dispose();
  });
});
