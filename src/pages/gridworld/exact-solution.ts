/**
 * The exact answer for the world on screen, computed on the main thread at every edit (a 16x16
 * world solves in a few milliseconds): value iteration for an MDP, policy evaluation of the
 * random walk for the Markov processes. This is what makes the policy visibly re-route.
 */
import type { GridModel } from '../../../environments/gridworld';
import { createDpSolver } from '../../../agents/tabular/registry';
import type { DpSolution } from '../../../agents/tabular/dp-solver';

/** Enough sweeps for any converging 16x16 world; gamma = 1 worlds without an end stop here. */
const MAX_SWEEPS = 5000;
const TOLERANCE = 1e-10;

export function solveExactly(model: GridModel): DpSolution {
  const method = model.spec.mode === 'mdp' ? 'value-iteration' : 'policy-evaluation';
  return createDpSolver(method, model, { gamma: model.spec.gamma }).solve(TOLERANCE, MAX_SWEEPS);
}
