/**
 * Value iteration on a 64x64 map: synchronous sweeps per second through the public solver
 * (createDpSolver('value-iteration') and `sweep()`, what the DP session steps), and the time and
 * sweeps `solve()` needs to converge to 1e-8 (largest value change in a sweep below 1e-8, the
 * solver's own rule). For scale, the same synchronous Bellman optimality sweep written bare over
 * the model's flat outcome table.
 */
import type { GridModel } from '../environments';
import { createDpSolver } from '../agents/tabular/registry';
import { median, now, type RateRun } from './timing';

export function solverSweepRunner(model: GridModel): RateRun {
  const solver = createDpSolver('value-iteration', model, { gamma: model.spec.gamma, tolerance: 1e-8 });
  return (ms: number) => {
    const start = now();
    let sweeps = 0;
    while (now() - start < ms) {
      solver.sweep();
      sweeps++;
    }
    return (sweeps * 1000) / (now() - start);
  };
}

/** One synchronous optimality sweep over the flat table (terminal cells: q = r, no bootstrap). */
export function bareSweepRunner(model: GridModel): RateRun {
  const { nS, nA } = model;
  const { offsets, prob, next, reward } = model.table;
  const gamma = model.spec.gamma;
  const terminal = Uint8Array.from({ length: nS }, (_, s) => (model.terminal(s) ? 1 : 0));
  const starts = model.starts;
  let v = new Float64Array(nS);
  let w = new Float64Array(nS);
  const sweep = () => {
    for (let s = 0; s < nS; s++) {
      let best = -Infinity;
      for (let a = 0; a < nA; a++) {
        const k = s * nA + a;
        let value = 0;
        for (let j = offsets[k]; j < offsets[k + 1]; j++) {
          // next < 0: "some start", uniform over the starts
          let successor = 0;
          if (next[j] >= 0) successor = v[next[j]];
          else for (const start of starts) successor += v[start] / starts.length;
          value += prob[j] * (reward[j] + (terminal[s] === 1 ? 0 : gamma * successor));
        }
        if (value > best) best = value;
      }
      w[s] = best;
    }
    [v, w] = [w, v];
  };
  return (ms: number) => {
    const start = now();
    let sweeps = 0;
    while (now() - start < ms) {
      sweep();
      sweeps++;
    }
    return (sweeps * 1000) / (now() - start);
  };
}

export interface Convergence {
  readonly sweeps: number;
  readonly medianMs: number;
  readonly converged: boolean;
}

/** `solve(1e-8)` from v = 0 on a fresh solver, `runs` times; the median time. */
export function convergence(model: GridModel, tolerance = 1e-8, runs = 3): Convergence {
  const times: number[] = [];
  let sweeps = 0;
  let converged = false;
  for (let i = 0; i < runs; i++) {
    const solver = createDpSolver('value-iteration', model, { gamma: model.spec.gamma, tolerance });
    const start = now();
    const solution = solver.solve();
    times.push(now() - start);
    sweeps = solution.sweeps;
    converged = solution.converged;
  }
  return { sweeps, medianMs: median(times), converged };
}
