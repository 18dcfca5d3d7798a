/**
 * Registers the MNIST-1D module sessions with the training worker (agents/runner/worker-session.ts):
 * 'mnist1d' (mnist1d-session.ts) and 'double-descent' (double-descent-session.ts). Imported for
 * its side effect by the worker's deep runtime (src/lib/loop/deep-runtime.ts), which loads
 * TensorFlow.js only when a deep or module run starts.
 */
import { registerModuleSession } from '../../agents/runner/worker-session';
import { createDoubleDescentSession, DOUBLE_DESCENT_MODULE } from './double-descent-session';
import { createMnist1dSession, MNIST1D_MODULE } from './mnist1d-session';

registerModuleSession(MNIST1D_MODULE, createMnist1dSession);
registerModuleSession(DOUBLE_DESCENT_MODULE, createDoubleDescentSession);
