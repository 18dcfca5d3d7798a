/**
 * The headless core of the compare feature (issue 6): the experiment file (spec.ts), one
 * (configuration, seed) task as a pausable run (task-run.ts; task.ts adds deep agents), the
 * per-run learning curve (curve.ts) and the statistics across seeds (stats.ts). The page's
 * worker pool and `rl compare` both run these; everything going in and out is plain data.
 *
 * spec.ts, curve.ts, stats.ts and task-run.ts import no tfjs (a form, a results table or a
 * worker running tabular learners can load them alone); task.ts builds deep sessions and so
 * brings tfjs with it, like this index.
 */
export * from './spec';
export * from './curve';
export * from './task';
export * from './stats';
