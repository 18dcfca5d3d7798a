/**
 * Tabular Q-learning env steps per second, two ways on the same world in the same run:
 *
 * - API: makeGridworld + createLearner('q-learning') + createLearnerSession, stepped the way the
 *   playground's worker steps it: `step(n)` in chunks sized to about 3 ms (the worker's Pacer
 *   from agents/runner/pacer.ts), each chunk's rows added to a MetricsLog, the trail recorded (the
 *   worker's sessions keep the default recordTrail: true).
 * - bare: the same epsilon-greedy Q-learning (epsilon 0.1, alpha 0.1, ties broken at random,
 *   the time limit) as one loop over the model's precomputed outcome table, with seedrandom's
 *   alea called directly and a Float64Array q. What the API would cost with no layers at all.
 *
 * The ratio API / bare is the figure of merit.
 */
import seedrandom from 'seedrandom';
import { makeGridworld, type GridModel } from '../environments';
import { createLearnerSession, type LearnerSession } from '../agents/runner/session';
import { MetricsLog } from '../agents/runner/metrics';
import { Pacer } from '../agents/runner/pacer';
import { createLearner } from '../agents/tabular/registry';
import { TIE_TOLERANCE } from '../agents/core/exploration';
import { now, type RateRun } from './timing';

const EPSILON = 0.1;
const ALPHA = 0.1;


export function apiSession(model: GridModel, seed: number): { session: LearnerSession; log: MetricsLog; sizer: Pacer } {
  const env = makeGridworld(model);
  const agent = createLearner('q-learning', { nS: model.nS, nA: model.nA }, { gamma: model.spec.gamma, alpha: ALPHA, epsilon: EPSILON });
  return { session: createLearnerSession({ env, agent, seed, recordTrail: true }), log: new MetricsLog(), sizer: new Pacer('max') };
}

/** Steps the session in worker-sized chunks until `ms` have passed; returns steps per second. */
export function apiRunner(model: GridModel, seed = 1): RateRun & { stepExactly(n: number): void } {
  const { session, log, sizer } = apiSession(model, seed);
  const chunk = (n: number) => {
    const t0 = now();
    log.add(session.step(n));
    sizer.record(n, now() - t0);
  };
  const run = (ms: number) => {
    const start = now();
    let steps = 0;
    while (now() - start < ms) {
      const n = sizer.due(0);
      chunk(n);
      steps += n;
    }
    return (steps * 1000) / (now() - start);
  };
  return Object.assign(run, {
    stepExactly(n: number) {
      for (let done = 0; done < n; ) {
        const k = Math.min(sizer.due(0), n - done);
        chunk(k);
        done += k;
      }
    },
  });
}

/** The bare loop: epsilon-greedy Q-learning straight on the outcome table. */
export function bareRunner(model: GridModel, seed = 1): RateRun {
  const { nS, nA, starts } = model;
  const { offsets, cumulative, prob, next, reward, terminated } = model.table;
  const gamma = model.spec.gamma;
  const maxSteps = model.spec.maxSteps;
  const nStarts = starts.length;
  const q = new Float64Array(nS * nA);
  const rng = seedrandom.alea(`bare/${seed}`);
  let s = starts[Math.floor(rng() * nStarts)];
  let elapsed = 0;

  const steps = (count: number) => {
    for (let i = 0; i < count; i++) {
      const row = s * nA;
      // act: epsilon-greedy, ties within TIE_TOLERANCE broken uniformly (as the agents do)
      let a: number;
      if (rng() < EPSILON) {
        a = Math.floor(rng() * nA);
      } else {
        let best = q[row];
        for (let b = 1; b < nA; b++) if (q[row + b] > best) best = q[row + b];
        let ties = 0;
        for (let b = 0; b < nA; b++) if (q[row + b] >= best - TIE_TOLERANCE) ties++;
        let pick = ties > 1 ? Math.floor(rng() * ties) : 0;
        a = nA - 1;
        for (let b = 0; b < nA; b++) {
          if (q[row + b] >= best - TIE_TOLERANCE) {
            if (pick === 0) {
              a = b;
              break;
            }
            pick--;
          }
        }
      }
      // env: one uniform draw scans the cumulative outcome probabilities
      const k = row + a;
      let j = offsets[k];
      const last = offsets[k + 1] - 1;
      const u = rng();
      while (j < last && u >= cumulative[j]) j++;
      let to = next[j];
      if (to < 0) to = starts[Math.min(nStarts - 1, Math.floor(((u - (cumulative[j] - prob[j])) / prob[j]) * nStarts))];
      const done = terminated[j] === 1;
      elapsed++;
      // learn: bootstrap through the time limit, never through termination
      let bootstrap = 0;
      if (!done) {
        const nextRow = to * nA;
        bootstrap = q[nextRow];
        for (let b = 1; b < nA; b++) if (q[nextRow + b] > bootstrap) bootstrap = q[nextRow + b];
      }
      q[k] += ALPHA * (reward[j] + gamma * bootstrap - q[k]);
      if (done || elapsed >= maxSteps) {
        s = starts[Math.floor(rng() * nStarts)];
        elapsed = 0;
      } else {
        s = to;
      }
    }
  };

  return (ms: number) => {
    const start = now();
    let count = 0;
    // Fixed blocks: the loop's own overhead stays out of the measured rate.
    while (now() - start < ms) {
      steps(65_536);
      count += 65_536;
    }
    return (count * 1000) / (now() - start);
  };
}
