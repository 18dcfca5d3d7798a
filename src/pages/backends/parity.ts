/**
 * The DQN parity check (issue 4 section 1): the same seeded DQN, fed the same seeded transitions
 * and the same replay Rng, takes PARITY_UPDATES gradient steps on a backend; its losses and final
 * weights are compared with the same run on cpu, the reference.
 *
 * Bit-for-bit equality is not expected: GPU backends sum in a different order, fuse ops and may
 * use lower-precision transcendental functions. Tolerance: RELATIVE_TOLERANCE (1e-3) times the
 * reference's scale, max(1, max |reference value|), so small values are held to 1e-3 absolute.
 * float32 rounding after 20 Adam steps is around 1e-6; a wrong kernel (a transposed matmul, a
 * broken gather or reduction) is off by 1e-2 or more, so 1e-3 separates the two with room.
 *
 * The world: a 4x4 grid seen as one-hot states, 4 actions, random moves, reward 1 at the goal
 * corner (terminating). A target sync every 10 steps exercises the copy too.
 */
import { createRng } from '../../../environments/core/rng';
import { Dqn } from '../../../agents/deep/dqn';
import type { ParityResult } from './protocol';

export const PARITY_UPDATES = 20;
export const RELATIVE_TOLERANCE = 1e-3;
const SIDE = 4;
const PREFILL = 12;

/** What one backend's run produced: the loss of each update and the final weights, flattened. */
export interface DqnTrace {
  readonly losses: Float64Array;
  readonly weights: Float32Array;
}

/** Runs the seeded DQN on the current tfjs backend. */
export function runParityDqn(): DqnTrace {
  const dqn = new Dqn(
    { input: { kind: 'one-hot', size: SIDE * SIDE }, nA: 4 },
    { hidden: [32, 32], initSeed: 7, learningRate: 1e-2, batchSize: 16, bufferSize: 1000, learningStarts: PREFILL, targetSyncEvery: 10, gamma: 0.9 },
  );
  try {
    const world = createRng('backends/parity/world');
    const replay = createRng('backends/parity/replay');
    const losses: number[] = [];
    const goal = SIDE * SIDE - 1;
    let s = 0;
    // Training starts once PREFILL transitions are in; then every observed step takes one update.
    for (let t = 0; losses.length < PARITY_UPDATES && t < 10 * (PREFILL + PARITY_UPDATES); t++) {
      const action = Math.floor(world.next() * 4);
      const [dr, dc] = [[-1, 0], [0, 1], [1, 0], [0, -1]][action];
      const row = Math.min(SIDE - 1, Math.max(0, Math.floor(s / SIDE) + dr));
      const col = Math.min(SIDE - 1, Math.max(0, (s % SIDE) + dc));
      const next = row * SIDE + col;
      const terminated = next === goal;
      dqn.observe({ obs: s, action, reward: terminated ? 1 : 0, nextObs: next, terminated, truncated: false });
      const metrics = dqn.update(replay);
      if (metrics !== null) losses.push(metrics['losses/td_loss']);
      s = terminated ? 0 : next;
    }
    const parts = dqn.networks[0].getWeights();
    const weights = new Float32Array(parts.reduce((n, w) => n + w.length, 0));
    parts.reduce((offset, w) => (weights.set(w, offset), offset + w.length), 0);
    return { losses: Float64Array.from(losses), weights };
  } finally {
    dqn.dispose();
  }
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Compares a backend's trace with cpu's. */
export function compareTraces(run: DqnTrace, reference: DqnTrace): ParityResult {
  const lossDiff = maxAbsDiff(run.losses, reference.losses);
  const weightDiff = maxAbsDiff(run.weights, reference.weights);
  const lossTolerance = RELATIVE_TOLERANCE * Math.max(1, maxAbs(reference.losses));
  const weightTolerance = RELATIVE_TOLERANCE * Math.max(1, maxAbs(reference.weights));
  const pass = reference.losses.length === PARITY_UPDATES && lossDiff <= lossTolerance && weightDiff <= weightTolerance;
  return { updates: run.losses.length, lossDiff, weightDiff, lossTolerance, weightTolerance, pass };
}
