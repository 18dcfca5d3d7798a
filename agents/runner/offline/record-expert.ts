/**
 * Recording a dataset from an expert, headless, in the worker (the page's "Record from the
 * expert"): n episodes of the world with the expert's action replaced by a uniformly random one
 * at `randomRate` (recorder.ts's recordEpisodes, whose streams derive from the question's seed).
 *
 * The experts:
 * - gridworlds: the optimal policy from value iteration on the world's exact model at its gamma
 *   (experts.ts);
 * - CartPole and the arcade: a trained agent given as a policy file (agents/deep/policy-file.ts),
 *   such as a shipped pretrained agent the page fetched; it plays greedily. It must have been
 *   trained on this very world. Its networks are freed when the recording ends, also on failure.
 */
import type { Dataset } from '../../offline/dataset-types';
import { valueIterationExpert } from '../../offline/experts';
import { gridCellOf, recordEpisodes, type RecordPolicy } from '../../offline/recorder';
import { loadPolicy } from '../../deep/policy-file';
import { RECORD_MAX_STEPS, type RecordQuestion } from './offline-protocol';
import type { OfflineWorld } from './offline-world';

export function recordFromExpert(world: OfflineWorld, question: RecordQuestion): Dataset {
  const common = {
    env: world.makeEnv(),
    world: world.name,
    episodes: question.episodes,
    seed: question.seed,
    randomRate: question.randomRate,
    input: world.input,
    maxSteps: question.maxSteps ?? RECORD_MAX_STEPS,
  };
  if (world.grid !== null) {
    if (question.policy !== undefined) throw new Error('offline: a gridworld records from value iteration; leave the policy file out');
    const expert = valueIterationExpert(world.grid.model, world.grid.spec.gamma);
    return recordEpisodes({ ...common, policy: expert.policy, agent: 'value-iteration', stateIndex: gridCellOf });
  }
  if (question.policy === undefined) throw new Error(`offline: recording ${world.title} needs an expert: give a policy file trained on it (a pretrained agent), or play it yourself`);
  const { agent, world: trainedOn } = loadPolicy(question.policy);
  try {
    const fits = trainedOn === world.registryId || (world.kind === 'cartpole' && trainedOn === 'cartpole');
    if (!fits) throw new Error(`offline: the policy file's agent was trained on ${JSON.stringify(trainedOn)}, not on ${world.title}`);
    const policy: RecordPolicy = (observation, rng) => agent.act(observation, rng, 'greedy');
    return recordEpisodes({ ...common, policy, agent: `pretrained ${agent.name}` });
  } finally {
    agent.dispose();
  }
}
