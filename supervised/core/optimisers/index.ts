/**
 * Book-exact optimisers (issue 8 section 1): plain float64 classes for the optimiser race and
 * the 2-D loss surfaces, and `TfOptimiser` for tfjs training loops, both with a book / library
 * `form` switch. The forms, and what they mean for learning rates, are tabled in ./config.ts.
 */
export * from './config';
export * from './types';
export { Sgd } from './gradient-descent';
export { Momentum } from './momentum';
export { Nesterov } from './nesterov';
export { Adam } from './adam';
export { NormalisedGradients } from './normalised';
export { LineSearchGradientDescent, bracketSearch, type Bracket, type BracketSearch } from './line-search';
export { createOptimiser } from './create';
export { describeOptimiser, describeUpdateRule } from './describe';
export { TfOptimiser } from './tf-optimiser';
