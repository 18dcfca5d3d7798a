/**
 * Registers M4's module sessions with the training worker (agents/runner/worker-session.ts):
 * 'conv-vs-mlp' (conv-vs-mlp-session.ts) and 'shattered-gradients' (shattered-session.ts).
 * Imported for its side effect by the worker's deep runtime (src/lib/loop/deep-runtime.ts).
 */
import { registerModuleSession } from '../../agents/runner/worker-session';
import { CONV_VS_MLP_MODULE, createConvVsMlpSession } from './conv-vs-mlp-session';
import { createShatteredGradientsSession, SHATTERED_GRADIENTS_MODULE } from './shattered-session';

registerModuleSession(CONV_VS_MLP_MODULE, createConvVsMlpSession);
registerModuleSession(SHATTERED_GRADIENTS_MODULE, createShatteredGradientsSession);
