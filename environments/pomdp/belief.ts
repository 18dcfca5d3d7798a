/**
 * The exact belief: a Bayesian filter over a gridworld's cells, given what the penguin has seen.
 *
 * In a POMDP the agent cannot see the state, but with the world's model P and the observation
 * function O it can keep the posterior over states, the belief b(s) = Pr(s_t = s | o_0, a_0,
 * ..., a_{t-1}, o_t), which is a sufficient statistic for acting (section 19.5):
 *   b_0(s)   proportional to start(s) O(o_0 | s)
 *   b'(s')   proportional to O(o | s') sum_s P(s' | s, a) b(s)
 * with `start` the world's uniform start distribution and the normaliser the probability of the
 * observation. Beliefs are Float64Arrays over all cells (walls get 0).
 *
 * Only observations count as evidence, as in the formula above: rewards and end flags, which an
 * agent also receives, are not used. After an episode's end, start again with `initial`.
 *
 * An observation that has probability 0 under the belief (it cannot have come from this world
 * after that history) is an error with a precise message; no belief is made up for it.
 */
import type { PomdpObserver } from './observation';

export interface BeliefFilter {
  readonly observer: PomdpObserver;
  /** b_0 from the start distribution and the first observation. */
  initial(obs: ArrayLike<number>): Float64Array;
  /** The belief after taking `action` in belief `belief` and then seeing `obs`. */
  update(belief: ArrayLike<number>, action: number, obs: ArrayLike<number>): Float64Array;
  /** sum_s P(s' | s, a) b(s): where the penguin may be after the action, before looking. */
  predict(belief: ArrayLike<number>, action: number): Float64Array;
}

export function beliefFilter(observer: PomdpObserver): BeliefFilter {
  const { model } = observer;
  const { nS, nA } = model;
  const start = new Float64Array(nS);
  for (const cell of model.starts) start[cell] += 1 / model.starts.length;

  const checkBelief = (belief: ArrayLike<number>) => {
    if (belief.length !== nS) throw new Error(`belief must have one probability per cell (${nS}), got ${belief.length}`);
    for (let s = 0; s < nS; s++) if (!(belief[s] >= 0 && belief[s] <= 1)) throw new Error(`belief[${s}] must be a probability, got ${belief[s]}`);
  };

  /** prior(s) O(obs | s), normalised; throws when the observation is impossible under the prior. */
  function condition(prior: Float64Array, obs: ArrayLike<number>, after: string): Float64Array {
    const posterior = new Float64Array(nS);
    let evidence = 0;
    for (let s = 0; s < nS; s++) {
      if (prior[s] === 0) continue;
      posterior[s] = prior[s] * observer.likelihood(obs, s);
      evidence += posterior[s];
    }
    if (!(evidence > 0)) {
      throw new Error(`belief: the observation ${observer.key(obs)} has probability 0 ${after}; no cell the penguin can be in shows it`);
    }
    for (let s = 0; s < nS; s++) posterior[s] /= evidence;
    return posterior;
  }

  function predict(belief: ArrayLike<number>, action: number): Float64Array {
    checkBelief(belief);
    if (!(Number.isInteger(action) && action >= 0 && action < nA)) throw new Error(`belief action must be an integer in 0..${nA - 1}, got ${action}`);
    const predicted = new Float64Array(nS);
    for (let s = 0; s < nS; s++) {
      const b = belief[s];
      if (b === 0) continue;
      for (const { next, prob } of model.P(s, action)) predicted[next] += b * prob;
    }
    return predicted;
  }

  return {
    observer,
    initial: (obs: ArrayLike<number>) => condition(start, obs, 'at the start'),
    update: (belief: ArrayLike<number>, action: number, obs: ArrayLike<number>) => condition(predict(belief, action), obs, `after action ${action}`),
    predict,
  };
}
