/**
 * supervised/m1: module M1 "Functions and losses" (book chapters 2-5; issue 8). Pure model code
 * (linear regression, the fig. 3.3 shallow network, 2-D networks and compositions with their
 * linear regions, the region-count formulas, the chapter 5 loss heads and the network they
 * train) and the module session the functions page trains with (session.ts, registered with the
 * worker as module 'functions' by importing it).
 */
export * from './activations';
export * from './regions-1d';
export * from './regions-2d';
export * from './shallow-network';
export * from './composition-1d';
export * from './networks-2d';
export * from './region-bounds';
export * from './linear-regression';
export * from './heads';
export * from './loss-lab-data';
export * from './head-network';
export * from './session-types';
