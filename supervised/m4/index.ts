/**
 * supervised/m4: the headless maths of module M4, convolution and residual networks (chapters
 * 10-11): 1-D convolution with its banded matrix and receptive fields, parameter counts, 2-D
 * convolution, pooling and upsampling on small images, and the residual-network experiments
 * (variance through depth, unravelled paths, batch norm, shattered gradients). Float64, no tfjs,
 * plain data out.
 */
export * from './conv1d';
export * from './receptive-field';
export * from './parameter-counts';
export * from './image';
export * from './conv2d';
export * from './resampling';
export * from './batch-norm';
export * from './residual-variance';
export * from './unravelled-paths';
export * from './shattered-gradients';
