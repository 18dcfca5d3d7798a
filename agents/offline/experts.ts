/**
 * Experts to record datasets from on the gridworlds: the optimal policy, from value iteration on
 * the world's exact model (eqs 19.11-19.12). It is what "an expert" means on the dataset page and
 * in the behaviour cloning tests: the best anyone can do in expectation, so a dataset of its
 * episodes, mixed with random actions or not, has a known quality to compare a learner against.
 */
import type { TabularModel } from '../../environments/core/types';
import { ValueIteration } from '../tabular/value-iteration';
import type { RecordPolicy } from './recorder';

export interface GridExpert {
  /** The greedy action of every cell (the first best action on ties). */
  readonly actions: readonly number[];
  /** v*(s) of every cell. */
  readonly values: readonly number[];
  /** For recordEpisodes on a gridworld seen through cell indices (one-hot input). */
  readonly policy: RecordPolicy;
}

/** The greedy policy of the optimal values of `model` at discount `gamma` (value iteration to convergence). */
export function valueIterationExpert(model: TabularModel, gamma: number): GridExpert {
  const solution = new ValueIteration(model, { gamma }).solve();
  const { nS, nA } = model;
  const actions = Array.from({ length: nS }, (_, s) => {
    let best = 0;
    for (let a = 1; a < nA; a++) if (solution.q[s * nA + a] > solution.q[s * nA + best]) best = a;
    return best;
  });
  const policy: RecordPolicy = (observation) => {
    if (typeof observation !== 'number' || !Number.isInteger(observation) || observation < 0 || observation >= nS) {
      throw new Error(`value-iteration expert: the observation must be a cell index from 0 to ${nS - 1}, got ${typeof observation === 'number' ? observation : 'a vector'}`);
    }
    return actions[observation];
  };
  return { actions, values: Array.from(solution.values), policy };
}
