/**
 * Learning-rate schedules for the supervised optimisers (issue 8 section 1; book section 6.5 notes).
 *
 * A schedule is plain data (it lives in configs, presets and URLs) and `learningRateAt` is a pure
 * function of it and the optimiser's step counter t = 0, 1, 2, ... (the number of updates already
 * applied: the first update uses t = 0).
 *
 * | kind          | alpha_t                                                                 |
 * |---------------|-------------------------------------------------------------------------|
 * | `constant`    | value                                                                   |
 * | `step`        | initial * factor^floor(t / every)           (the book's StepLR)         |
 * | `exponential` | initial * rate^(t / steps)                  (smooth; rate per `steps`)  |
 * | `cosine`      | final + (initial - final) (1 + cos(pi min(t, steps) / steps)) / 2       |
 * | `warmup`      | t < steps: after(0) (t + 1) / steps;  t >= steps: after(t - steps)      |
 *
 * The book's schedule (section 6.5) multiplies alpha by a constant every N *epochs*; these clocks
 * count optimiser steps, so a module passes `every = N * stepsPerEpoch` (an epoch is
 * ceil(dataset size / batch size) steps).
 *
 * Warm-up ramps linearly from after(0) / steps up to after(0), never through 0 (a zero rate would
 * waste the first step), and then runs the inner schedule from its own t = 0, as cosine-with-warm-up
 * implementations do.
 */

export type LearningRateSchedule =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'step'; readonly initial: number; readonly factor: number; readonly every: number }
  | { readonly kind: 'exponential'; readonly initial: number; readonly rate: number; readonly steps: number }
  | { readonly kind: 'cosine'; readonly initial: number; readonly final: number; readonly steps: number }
  | { readonly kind: 'warmup'; readonly steps: number; readonly after: number | LearningRateSchedule };

export type LearningRateScheduleKind = LearningRateSchedule['kind'];
export const LEARNING_RATE_SCHEDULE_KINDS: readonly LearningRateScheduleKind[] = ['constant', 'step', 'exponential', 'cosine', 'warmup'];

/** A learning rate as configs write it: a number (constant) or a schedule. */
export type LearningRate = number | LearningRateSchedule;

export function constantRate(value: number): LearningRateSchedule {
  return checkLearningRateSchedule({ kind: 'constant', value });
}

/** alpha_t = initial * factor^floor(t / every): the book's "multiply by a constant every N epochs". */
export function stepDecay(initial: number, factor: number, every: number): LearningRateSchedule {
  return checkLearningRateSchedule({ kind: 'step', initial, factor, every });
}

/** alpha_t = initial * rate^(t / steps). */
export function exponentialDecay(initial: number, rate: number, steps: number): LearningRateSchedule {
  return checkLearningRateSchedule({ kind: 'exponential', initial, rate, steps });
}

/** Half a cosine from `initial` at t = 0 down to `final` at t = steps, then `final`. */
export function cosineDecay(initial: number, final: number, steps: number): LearningRateSchedule {
  return checkLearningRateSchedule({ kind: 'cosine', initial, final, steps });
}

/** A linear ramp over `steps` steps up to `after`'s first value, then `after`. */
export function linearWarmup(steps: number, after: LearningRate): LearningRateSchedule {
  return checkLearningRateSchedule({ kind: 'warmup', steps, after });
}

/** The learning rate at step `t` (a non-negative integer). */
export function learningRateAt(rate: LearningRate, t: number): number {
  if (typeof rate === 'number') return rate;
  switch (rate.kind) {
    case 'constant':
      return rate.value;
    case 'step':
      return rate.initial * Math.pow(rate.factor, Math.floor(t / rate.every));
    case 'exponential':
      return rate.initial * Math.pow(rate.rate, t / rate.steps);
    case 'cosine': {
      const progress = Math.min(t, rate.steps) / rate.steps;
      return rate.final + (rate.initial - rate.final) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
    case 'warmup':
      return t < rate.steps ? (learningRateAt(rate.after, 0) * (t + 1)) / rate.steps : learningRateAt(rate.after, t - rate.steps);
  }
}

function fieldsOf(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be a number or a schedule object, got ${JSON.stringify(value)}`);
  return value as Record<string, unknown>;
}

function checkRateValue(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${where} must be a finite number >= 0, got ${JSON.stringify(value)}`);
}

function checkPositiveInteger(value: unknown, where: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${where} must be a positive integer, got ${JSON.stringify(value)}`);
}

function checkFraction(value: unknown, where: string, interval: '(0, 1]'): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) throw new Error(`${where} must be in ${interval}, got ${JSON.stringify(value)}`);
}

const FIELDS: Record<LearningRateScheduleKind, readonly string[]> = {
  constant: ['value'],
  step: ['initial', 'factor', 'every'],
  exponential: ['initial', 'rate', 'steps'],
  cosine: ['initial', 'final', 'steps'],
  warmup: ['steps', 'after'],
};

/**
 * Checks a learning rate (a number or a schedule, possibly from JSON) and returns it unchanged;
 * throws one precise message naming the field otherwise (`learningRate.factor must be in (0, 1], got 2`).
 * Rates must be >= 0 (a negative rate climbs the loss); decay factors are in (0, 1] (a schedule
 * that grows the rate without bound is a typo, not a schedule).
 */
export function checkLearningRate(rate: unknown, where = 'learningRate'): LearningRate {
  if (typeof rate === 'number') {
    checkRateValue(rate, where);
    return rate;
  }
  return checkLearningRateSchedule(rate, where);
}

export function checkLearningRateSchedule(schedule: unknown, where = 'learningRate'): LearningRateSchedule {
  const fields = fieldsOf(schedule, where);
  const kind = fields.kind as LearningRateScheduleKind;
  if (!LEARNING_RATE_SCHEDULE_KINDS.includes(kind)) {
    throw new Error(`${where}.kind must be one of ${LEARNING_RATE_SCHEDULE_KINDS.join(', ')}, got ${JSON.stringify(fields.kind)}`);
  }
  for (const key of Object.keys(fields)) {
    if (key !== 'kind' && !FIELDS[kind].includes(key)) throw new Error(`${where}: unknown field '${key}' for a ${kind} schedule (fields: ${FIELDS[kind].join(', ')})`);
  }
  switch (kind) {
    case 'constant':
      checkRateValue(fields.value, `${where}.value`);
      break;
    case 'step':
      checkRateValue(fields.initial, `${where}.initial`);
      checkFraction(fields.factor, `${where}.factor`, '(0, 1]');
      checkPositiveInteger(fields.every, `${where}.every`);
      break;
    case 'exponential':
      checkRateValue(fields.initial, `${where}.initial`);
      checkFraction(fields.rate, `${where}.rate`, '(0, 1]');
      checkPositiveInteger(fields.steps, `${where}.steps`);
      break;
    case 'cosine':
      checkRateValue(fields.initial, `${where}.initial`);
      checkRateValue(fields.final, `${where}.final`);
      checkPositiveInteger(fields.steps, `${where}.steps`);
      break;
    case 'warmup':
      checkPositiveInteger(fields.steps, `${where}.steps`);
      checkLearningRate(fields.after, `${where}.after`);
      break;
  }
  return schedule as LearningRateSchedule;
}
