/**
 * The public entry of the environment layer. Importing it also registers every built-in world,
 * so `listWorlds()` is complete for whoever imports from here.
 */
export * from './core/types';
export * from './core/rng';
export * from './core/spaces';
export * from './core/time-limit';
export * from './core/registry';
export * from './core/check-env';
export * from './gridworld/index';
export * from './classic/index';
export * from './arcade/index';
// Registration order is listing order: the gridworlds first, then the classic worlds, then the arcade.
import './gridworld/register';
import './classic/register';
import './arcade/register';
export * from './pomdp/index';
