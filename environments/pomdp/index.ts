/**
 * Partially observed worlds: observation functions over gridworlds (a window around the penguin,
 * hidden looks, noise), the POMDP wrapper, the fig 19.4 preset, the exact belief filter, exact
 * analysis of memoryless policies, and CartPole with hidden velocities.
 *
 * Importing this module also registers the POMDP worlds (`pomdp/...`) with the world registry:
 * environments/index.ts re-exports it last, so they list after every other family.
 */
export {
  HIDEABLE_LOOKS,
  POMDP_OBSERVATION_DEFAULTS,
  READING_CHARACTERS,
  pomdpObserver,
  resolvePomdpObservationConfig,
  type PomdpObservationConfig,
  type PomdpObserver,
  type ResolvedPomdpObservationConfig,
} from './observation';
export {
  POMDP_ENCODINGS,
  makePomdpGridworld,
  observationNoiseRng,
  withPomdpObservation,
  type PomdpEncoding,
  type PomdpEnvOptions,
  type PomdpGridEnv,
  type PomdpObservation,
  type TimeLimitedPomdpGridEnv,
} from './env';
export { POMDP_PRESETS, type PomdpPreset } from './presets';
export { beliefFilter, type BeliefFilter } from './belief';
export {
  MAX_DETERMINISTIC_POLICIES,
  bestDeterministicMemoryless,
  checkMemorylessProblem,
  decisionObservations,
  deterministicMemorylessPolicies,
  deterministicPolicy,
  evaluateMemoryless,
  memorylessProblem,
  fullStateOptimalValues,
  type DeterministicMemoryless,
  type DeterministicSearch,
  type MemorylessEvaluation,
  type MemorylessPolicy,
  type MemorylessProblem,
} from './memoryless';
export {
  CARTPOLE_HIDDEN_VELOCITIES_ID,
  cartPolePositionObservation,
  hideCartPoleVelocities,
  makeCartPoleHiddenVelocities,
  type HiddenVelocityCartPoleEnv,
  type TimeLimitedHiddenVelocityCartPoleEnv,
} from './cartpole-hidden';
export { historyObservation, withHistory, type HistoryEnv, type HistoryOptions, type HistoryState } from './history';
import './register';
