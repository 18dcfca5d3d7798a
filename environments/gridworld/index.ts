/** The penguin gridworlds: spec -> validated spec -> model (exact P and r) -> env; presets. */
export * from './spec';
export { parseGridworldSpec, type ParseResult } from './validate';
export { buildModel, isGridModel, type GridModel, type MoveOutcome, type OutcomeTable } from './model';
export { gridworldEnv, makeGridworld, type GridEnv, type GridEnvOptions, type TimeLimitedGridEnv } from './env';
export { sampleTrajectory, discountedReturns, type Trajectory, type GridPolicy } from './trajectory';
export { GRIDWORLD_PRESETS, type GridworldPreset } from './presets';
export {
  GRID_OBSERVATION_KINDS,
  gridObservation,
  gridObservationSpace,
  withGridObservation,
  type GridObservation,
  type GridObservationKind,
  type ObservedEnv,
  type ObservedGridEnv,
  type ObservedTimeLimitedGridEnv,
} from './observations';
