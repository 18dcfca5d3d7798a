/**
 * Registers the optimisation page's module session ('optimisation', session.ts) with the training
 * worker (agents/runner/worker-session.ts). Imported for its side effect by the worker's deep
 * runtime (src/lib/loop/deep-runtime.ts).
 */
import { registerModuleSession } from '../../agents/runner/worker-session';
import { createOptimisationSession } from './session';
import { OPTIMISATION_MODULE } from './session-types';

registerModuleSession(OPTIMISATION_MODULE, createOptimisationSession);
