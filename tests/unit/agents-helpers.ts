/** Shared helpers for the agents-* and runner-* tests (not a test file itself). */
import type { TabularModel, Transition1 } from '../../environments/core/types';
import { buildModel, type GridModel } from '../../environments/gridworld/model';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { ValueIteration } from '../../agents/tabular/value-iteration';

export const UP = 0;
export const RIGHT = 1;
export const DOWN = 2;
export const LEFT = 3;

export const presetModel = (id: string): GridModel => buildModel(GRIDWORLD_PRESETS[id].spec);

/** The optimal q of a model by value iteration, solved tightly. */
export function optimalQ(model: TabularModel, gamma: number): Float64Array {
  return new ValueIteration(model, { gamma, tolerance: 1e-12 }).solve().q;
}

export function firstArgmax(q: ArrayLike<number>, s: number, nA: number): number {
  let best = 0;
  for (let a = 1; a < nA; a++) if (q[s * nA + a] > q[s * nA + best]) best = a;
  return best;
}

/**
 * States where the optimal action is unique by at least `margin`: non-terminal and reachable
 * from a start (the ones whose greedy action a learner can be asked to get right).
 */
export function decisiveStates(model: GridModel, q: ArrayLike<number>, margin: number): number[] {
  const reachable = new Set<number>(model.starts);
  const queue = [...model.starts];
  while (queue.length > 0) {
    const s = queue.pop() as number;
    if (model.terminal(s)) continue;
    for (let a = 0; a < model.nA; a++) {
      for (const { next } of model.P(s, a)) {
        if (!reachable.has(next)) {
          reachable.add(next);
          queue.push(next);
        }
      }
    }
  }
  const states: number[] = [];
  for (const s of [...reachable].sort((x, y) => x - y)) {
    if (model.terminal(s)) continue;
    const row = Array.from({ length: model.nA }, (_, a) => q[s * model.nA + a]).sort((x, y) => y - x);
    if (row[0] - row[1] >= margin) states.push(s);
  }
  return states;
}

/**
 * A hand-made 3-state chain: state 0 --a0 (p .8 to 1, .2 stay)--> ...; action 1 jumps to 2.
 * State 2 is terminal with reward 5 for acting there. Rewards: r(0,0) = 1, r(0,1) = -1, r(1,a) = 2a.
 */
export function chainModel(): TabularModel {
  const P: Transition1[][][] = [
    [
      [
        { next: 1, prob: 0.8 },
        { next: 0, prob: 0.2 },
      ],
      [{ next: 2, prob: 1 }],
    ],
    [[{ next: 2, prob: 1 }], [{ next: 0, prob: 1 }]],
    [[{ next: 2, prob: 1 }], [{ next: 2, prob: 1 }]],
  ];
  const R = [
    [1, -1],
    [0, 2],
    [5, 5],
  ];
  return { nS: 3, nA: 2, P: (s, a) => P[s][a], r: (s, a) => R[s][a], terminal: (s) => s === 2 };
}

export const rows = (values: ArrayLike<number>, cols: number): number[][] =>
  Array.from({ length: values.length / cols }, (_, r) => Array.from(values).slice(r * cols, (r + 1) * cols));
