/**
 * Registers M3's own module session with the training worker (agents/runner/worker-session.ts):
 * 'regularisers' (regulariser-session.ts). The MNIST-1D sessions the generalisation page also
 * uses ('mnist1d', 'double-descent') are registered by supervised/mnist1d-models/register.ts.
 * Imported for its side effect by the worker's deep runtime (src/lib/loop/deep-runtime.ts).
 */
import { registerModuleSession } from '../../agents/runner/worker-session';
import { REGULARISERS_MODULE, createRegulariserSession } from './regulariser-session';

registerModuleSession(REGULARISERS_MODULE, createRegulariserSession);
