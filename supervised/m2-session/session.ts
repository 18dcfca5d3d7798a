/**
 * The optimisation page's module session (issue 8, M2: chapters 6-7), module 'optimisation': one
 * factory for the page's three trained parts, chosen by the config's `agent`: 'race'
 * (race-session.ts), 'backprop' (backprop-session.ts) and 'initialisation'
 * (initialisation-session.ts). Implicit regularisation (section 9.2) is computed on the
 * generalisation page, which M3 owns. Configs and snapshots are session-types.ts's plain data. No tfjs: everything is float64 and deterministic,
 * the same numbers bit for bit for the same config on any backend.
 *
 * register.ts registers it with the training worker.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { BackpropSession } from './backprop-session';
import { InitialisationSession } from './initialisation-session';
import { RaceSession } from './race-session';
import { taskOf } from './session-config';

export type AnyOptimisationSession = RaceSession | BackpropSession | InitialisationSession;

/** The session for an optimisation-page ModuleRunConfig; one message for anything wrong in it. */
export function createOptimisationSession(config: ModuleRunConfig): AnyOptimisationSession {
  switch (taskOf(config)) {
    case 'race':
      return new RaceSession(config);
    case 'backprop':
      return new BackpropSession(config);
    case 'initialisation':
      return new InitialisationSession(config);
  }
}

export { BackpropSession, InitialisationSession, RaceSession };
