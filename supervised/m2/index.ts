/**
 * supervised/m2: the headless maths of module M2, optimisation and gradients (chapters 6-7 and
 * section 9.2): loss landscapes with exact gradients and Hessians, a loss-surface grid, the
 * optimiser race and its book presets, the eq. 7.5 backprop stepper, matrix backprop on a small
 * MLP, the initialisation explorer and the implicit-regularisation comparison. Float64, no tfjs,
 * plain data out.
 */
export * from './landscapes';
export * from './loss-grid';
export { EpochBatcher } from './epoch-batcher';
export * from './optimiser-race';
export * from './race-presets';
export * from './backprop-toy';
export * from './mlp-backprop';
export * from './initialisation';
export * from './implicit-regularisation';
export { affineBatch, gaussianMatrix, transposeTimesBatch, variance } from './dense-batch';
