/**
 * supervised/m4-session: what the convolution page (M4, chapters 10-11) runs beyond the plain
 * maths of supervised/m4: the module sessions the training worker drives ('conv-vs-mlp', the
 * MNIST-1D conv net against the MLP; 'shattered-gradients', networks grown a layer per step),
 * and the page's headless helpers (stacked 1-D convolutions with their dependencies, the 2-D
 * gallery, the small penguin image it works on). Registration is in ./register.ts, imported by
 * the worker's deep runtime only.
 *
 * conv-vs-mlp-session.ts loads TensorFlow.js: the page imports the files it needs directly
 * (and only types from the sessions), so its main-thread bundle stays free of tfjs.
 */
export * from './conv-stack';
export * from './conv-vs-mlp-presets';
export * from './conv-vs-mlp-session';
export * from './depth-sweep';
export * from './gallery';
export * from './penguin-image';
export * from './shattered-session';
