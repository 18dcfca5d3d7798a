/**
 * supervised/m3-session: the module session M3's page needs beyond the MNIST-1D ones, the
 * regulariser bench on the 1-D toy ('regularisers': early stopping, dropout, input noise), as
 * plain config and snapshot types and the session class. Importing ./register.ts registers it
 * with the training worker.
 */
export * from './regulariser-config';
export { JITTER_COPIES, MAX_STEPS_PER_CALL, RegulariserSession, createRegulariserSession, type PlainData, type RegulariserSnapshot } from './regulariser-session';
