/**
 * Exploration policies over one row of a q-table: epsilon-greedy and Boltzmann (softmax).
 *
 * Every function reads `nA` action values starting at `q[offset]`, so a flat nS*nA table is
 * passed with `offset = s * nA` and nothing is copied. The action choosers allocate nothing:
 * they run on every environment step.
 *
 * Ties: actions whose value is within TIE_TOLERANCE of the largest are all greedy. Probabilities
 * share the greedy mass equally among them; the choosers pick one of them uniformly with the rng.
 */
import type { Rng } from '../../environments/core/rng';

export type ExplorationKind = 'epsilon-greedy' | 'boltzmann';
export const EXPLORATION_KINDS: readonly ExplorationKind[] = ['epsilon-greedy', 'boltzmann'];

/** Two action values closer than this are a tie (absolute). */
export const TIE_TOLERANCE = 1e-12;

export function maxValue(q: ArrayLike<number>, offset: number, nA: number): number {
  let best = q[offset];
  for (let a = 1; a < nA; a++) if (q[offset + a] > best) best = q[offset + a];
  return best;
}

/** How many actions are greedy (within TIE_TOLERANCE of the max). */
export function countGreedy(q: ArrayLike<number>, offset: number, nA: number, best = maxValue(q, offset, nA)): number {
  let count = 0;
  for (let a = 0; a < nA; a++) if (q[offset + a] >= best - TIE_TOLERANCE) count++;
  return count;
}

/** The first greedy action: deterministic, for targets where any maximiser will do. */
export function argmaxFirst(q: ArrayLike<number>, offset: number, nA: number): number {
  let bestAction = 0;
  for (let a = 1; a < nA; a++) if (q[offset + a] > q[offset + bestAction]) bestAction = a;
  return bestAction;
}

/** A greedy action, ties broken uniformly at random (one rng draw, and only when there is a tie). */
export function argmaxRandomTie(q: ArrayLike<number>, offset: number, nA: number, rng: Rng): number {
  // One pass finds the max and whether anything else comes close; the common case ends there.
  let bestAction = 0;
  let best = q[offset];
  let runnerUp = -Infinity;
  for (let a = 1; a < nA; a++) {
    const value = q[offset + a];
    if (value > best) {
      runnerUp = best;
      best = value;
      bestAction = a;
    } else if (value > runnerUp) {
      runnerUp = value;
    }
  }
  if (runnerUp < best - TIE_TOLERANCE) return bestAction;
  const ties = countGreedy(q, offset, nA, best);
  let pick = rng.int(ties);
  for (let a = 0; a < nA; a++) {
    if (q[offset + a] >= best - TIE_TOLERANCE) {
      if (pick === 0) return a;
      pick--;
    }
  }
  return nA - 1; // unreachable: some action attains the max
}

/**
 * With probability epsilon a uniformly random action (which may be the greedy one), otherwise a
 * greedy action. So the greedy action has probability 1 - epsilon + epsilon/|A| (section 19.3.2).
 */
export function epsilonGreedyAction(q: ArrayLike<number>, offset: number, nA: number, epsilon: number, rng: Rng): number {
  if (epsilon > 0 && rng.next() < epsilon) return rng.int(nA);
  return argmaxRandomTie(q, offset, nA, rng);
}

/** Writes pi(a|s) of the epsilon-greedy policy into out[outOffset .. outOffset + nA). */
export function epsilonGreedyProbs(
  q: ArrayLike<number>,
  offset: number,
  nA: number,
  epsilon: number,
  out: Float64Array,
  outOffset = 0,
): void {
  const best = maxValue(q, offset, nA);
  const greedyShare = (1 - epsilon) / countGreedy(q, offset, nA, best);
  for (let a = 0; a < nA; a++) {
    out[outOffset + a] = epsilon / nA + (q[offset + a] >= best - TIE_TOLERANCE ? greedyShare : 0);
  }
}

/**
 * Writes pi(a|s) proportional to exp(q(s,a) / tau) (problem 19.4). The largest value is subtracted
 * before exponentiating, so large q or small tau cannot overflow.
 */
export function boltzmannProbs(
  q: ArrayLike<number>,
  offset: number,
  nA: number,
  temperature: number,
  out: Float64Array,
  outOffset = 0,
): void {
  const best = maxValue(q, offset, nA);
  let total = 0;
  for (let a = 0; a < nA; a++) {
    const weight = Math.exp((q[offset + a] - best) / temperature);
    out[outOffset + a] = weight;
    total += weight;
  }
  for (let a = 0; a < nA; a++) out[outOffset + a] /= total;
}

/** Samples from the Boltzmann policy without building the probability vector (one rng draw). */
export function boltzmannAction(q: ArrayLike<number>, offset: number, nA: number, temperature: number, rng: Rng): number {
  const best = maxValue(q, offset, nA);
  let total = 0;
  for (let a = 0; a < nA; a++) total += Math.exp((q[offset + a] - best) / temperature);
  let u = rng.next() * total;
  for (let a = 0; a < nA; a++) {
    u -= Math.exp((q[offset + a] - best) / temperature);
    if (u < 0) return a;
  }
  // Rounding left a sliver of u: return the last action with any weight.
  for (let a = nA - 1; a > 0; a--) if (Math.exp((q[offset + a] - best) / temperature) > 0) return a;
  return 0;
}

/** Samples an action from probabilities probs[offset .. offset + nA) (one rng draw). */
export function sampleAction(probs: ArrayLike<number>, offset: number, nA: number, rng: Rng): number {
  let u = rng.next();
  for (let a = 0; a < nA; a++) {
    u -= probs[offset + a];
    if (u < 0) return a;
  }
  // Rounding: the probabilities summed to slightly under u. Return the last action with mass.
  for (let a = nA - 1; a > 0; a--) if (probs[offset + a] > 0) return a;
  return 0;
}
