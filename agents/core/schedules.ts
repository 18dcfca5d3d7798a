/**
 * Decay schedules for epsilon, the Boltzmann temperature tau and the step size alpha.
 *
 * A schedule maps a clock t = 0, 1, 2, ... (for the tabular agents: environment steps observed)
 * to a value. Schedules are plain data so that they live in configs, saved agents and URLs.
 *
 * - `constant`:    start, for every t.
 * - `linear`:      start + (end - start) * min(1, t / steps): reaches `end` after `steps` and stays.
 * - `exponential`: end + (start - end) * 0.5^(t / steps): `steps` is the half-life of the gap
 *                  to `end`, so the value approaches `end` and never crosses it.
 */

export type DecayKind = 'constant' | 'linear' | 'exponential';
export const DECAY_KINDS: readonly DecayKind[] = ['constant', 'linear', 'exponential'];

export interface Schedule {
  readonly kind: DecayKind;
  /** The value at t = 0. */
  readonly start: number;
  /** The value approached as t grows (ignored by `constant`). */
  readonly end: number;
  /** Linear: steps to reach `end`. Exponential: half-life in steps. Ignored by `constant`. */
  readonly steps: number;
}

export function constantSchedule(value: number): Schedule {
  return { kind: 'constant', start: value, end: value, steps: 1 };
}

export function linearSchedule(start: number, end: number, steps: number): Schedule {
  return checkSchedule({ kind: 'linear', start, end, steps });
}

export function exponentialSchedule(start: number, end: number, halfLife: number): Schedule {
  return checkSchedule({ kind: 'exponential', start, end, steps: halfLife });
}

/** The schedule's value at clock `t` (t < 0 counts as 0). Allocation-free: called every step. */
export function scheduleValue(schedule: Schedule, t: number): number {
  if (schedule.kind === 'constant') return schedule.start; // the common case first: one comparison
  const time = t > 0 ? t : 0;
  switch (schedule.kind) {
    case 'linear': {
      const fraction = time >= schedule.steps ? 1 : time / schedule.steps;
      return schedule.start + (schedule.end - schedule.start) * fraction;
    }
    case 'exponential':
      return schedule.end + (schedule.start - schedule.end) * Math.pow(0.5, time / schedule.steps);
  }
}

/** Throws on a malformed schedule; `name` prefixes the message ("epsilon schedule: ..."). */
export function checkSchedule(schedule: Schedule, name = 'schedule'): Schedule {
  if (!DECAY_KINDS.includes(schedule.kind)) {
    throw new Error(`${name}: kind must be one of ${DECAY_KINDS.join(', ')}, got ${String(schedule.kind)}`);
  }
  if (!Number.isFinite(schedule.start)) throw new Error(`${name}: start must be a finite number, got ${schedule.start}`);
  if (!Number.isFinite(schedule.end)) throw new Error(`${name}: end must be a finite number, got ${schedule.end}`);
  if (!(Number.isInteger(schedule.steps) && schedule.steps >= 1)) {
    throw new Error(`${name}: steps must be a positive integer, got ${schedule.steps}`);
  }
  return schedule;
}
