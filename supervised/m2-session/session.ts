/**
 * The optimisation page's module session (issue 8, M2: chapters 6-7 and section 9.2), module
 * 'optimisation': one factory for the page's four parts, chosen by the config's `agent`:
 * 'race' (race-session.ts), 'backprop' (backprop-session.ts), 'initialisation'
 * (initialisation-session.ts) and 'implicit-regularisation' (implicit-session.ts). Configs and
 * snapshots are session-types.ts's plain data. No tfjs: everything is float64 and deterministic,
 * the same numbers bit for bit for the same config on any backend.
 *
 * register.ts registers it with the training worker.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { BackpropSession } from './backprop-session';
import { ImplicitRegularisationSession } from './implicit-session';
import { InitialisationSession } from './initialisation-session';
import { RaceSession } from './race-session';
import { taskOf } from './session-config';

export type AnyOptimisationSession = RaceSession | BackpropSession | InitialisationSession | ImplicitRegularisationSession;

/** The session for an optimisation-page ModuleRunConfig; one message for anything wrong in it. */
export function createOptimisationSession(config: ModuleRunConfig): AnyOptimisationSession {
  switch (taskOf(config)) {
    case 'race':
      return new RaceSession(config);
    case 'backprop':
      return new BackpropSession(config);
    case 'initialisation':
      return new InitialisationSession(config);
    case 'implicit-regularisation':
      return new ImplicitRegularisationSession(config);
  }
}

export { BackpropSession, ImplicitRegularisationSession, InitialisationSession, RaceSession };
