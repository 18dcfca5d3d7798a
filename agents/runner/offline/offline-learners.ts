/**
 * The offline session's learners behind one surface: behaviour cloning and the decision
 * transformer both take gradient steps on a dataset and act in an episode, so the session, its
 * rollouts and the page treat them alike.
 *
 * - `trainSteps(n)` returns one metrics row per step, under the learner's own loss name
 *   ('losses/bc_loss', 'losses/dt_loss') so the shared loss chart draws each as its own line.
 * - `actor(target)` starts an episode: behaviour cloning ignores the target; the decision
 *   transformer starts its return-to-go at it and subtracts each reward as it arrives
 *   (runtime.ts), and can say what its newest state token attended to.
 *
 * The learner's seed is the run's seed (the config's `seed`): options may not set it too.
 */
import type { Rng } from '../../../environments/core/rng';
import type { Metrics } from '../../../environments/core/types';
import type { Observation } from '../../deep/types';
import { createBehaviourCloning, type BehaviourCloning, type BehaviourCloningConfig } from '../../offline/behaviour-cloning';
import type { Dataset } from '../../offline/dataset-types';
import { DecisionTransformerTrainer, type AttentionMap, type DecisionTransformerConfig } from '../../offline/decision-transformer';
import type { OfflineAgent, OfflineLearnerReading } from './offline-protocol';

/** One episode of a learner acting. */
export interface EpisodeActor {
  /** R_t before the next action (decision transformer); null for behaviour cloning. */
  readonly returnToGo: number | null;
  /** The first return-to-go (decision transformer); null for behaviour cloning. */
  readonly target: number | null;
  act(observation: Observation, rng: Rng, mode: 'greedy' | 'sample'): number;
  /** The reward the last action earned. */
  observe(reward: number): void;
  /** What the last decision attended to (decision transformer); null otherwise. */
  attention(): AttentionMap | null;
}

export interface OfflineLearner {
  readonly name: OfflineAgent;
  trainSteps(n: number): Metrics[];
  reading(): OfflineLearnerReading;
  actor(target: number): EpisodeActor;
  dispose(): void;
}

/** Options with the run's seed in them: refused, so one seed says what a run does. */
function withSeed<C extends object>(options: Readonly<Record<string, unknown>>, seed: number): Partial<C> {
  if (Object.hasOwn(options, 'seed')) throw new Error("offline: options.seed is not an option: the run's seed seeds the learner");
  return { ...options, seed } as unknown as Partial<C>;
}

class BehaviourCloningLearner implements OfflineLearner {
  readonly name = 'bc';
  private readonly learner: BehaviourCloning;

  constructor(dataset: Dataset, options: Readonly<Record<string, unknown>>, seed: number) {
    this.learner = createBehaviourCloning(dataset, withSeed<BehaviourCloningConfig>(options, seed));
  }

  trainSteps(n: number): Metrics[] {
    return this.learner.trainSteps(n);
  }

  reading(): OfflineLearnerReading {
    const snapshot = this.learner.snapshot();
    return { steps: snapshot.trainSteps, loss: snapshot.loss, accuracy: snapshot.accuracy };
  }

  actor(): EpisodeActor {
    const learner = this.learner;
    return {
      returnToGo: null,
      target: null,
      act: (observation, rng, mode) => learner.act(observation, mode, rng),
      observe: () => undefined,
      attention: () => null,
    };
  }

  dispose(): void {
    this.learner.dispose();
  }
}

class DecisionTransformerLearner implements OfflineLearner {
  readonly name = 'dt';
  private readonly trainer: DecisionTransformerTrainer;
  private loss: number | null = null;
  private accuracy: number | null = null;

  constructor(dataset: Dataset, options: Readonly<Record<string, unknown>>, seed: number) {
    this.trainer = new DecisionTransformerTrainer(dataset, withSeed<DecisionTransformerConfig>(options, seed));
  }

  trainSteps(n: number): Metrics[] {
    const rows = this.trainer.trainSteps(n);
    const first = this.trainer.stepsDone - rows.length;
    const last = rows[rows.length - 1];
    if (last) {
      this.loss = last['losses/dt_loss'];
      this.accuracy = last['charts/accuracy'];
    }
    return rows.map((row, i) => ({ global_step: first + i + 1, ...row }));
  }

  reading(): OfflineLearnerReading {
    return { steps: this.trainer.stepsDone, loss: this.loss, accuracy: this.accuracy };
  }

  actor(target: number): EpisodeActor {
    const runtime = this.trainer.runtime(target);
    return {
      get returnToGo() {
        return runtime.returnToGo;
      },
      target,
      act: (observation, rng, mode) => runtime.act(observation, rng, mode === 'sample' ? 'explore' : 'greedy'),
      observe: (reward) => runtime.observe({ reward }),
      attention: () => runtime.attention(),
    };
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

/** A learner for `agent` on `dataset` (not empty): the config's checks give one message for bad options. */
export function createOfflineLearner(agent: OfflineAgent, dataset: Dataset, options: Readonly<Record<string, unknown>>, seed: number): OfflineLearner {
  return agent === 'bc' ? new BehaviourCloningLearner(dataset, options, seed) : new DecisionTransformerLearner(dataset, options, seed);
}
