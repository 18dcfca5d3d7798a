/** Registers the classic control worlds (imported by environments/index.ts, after the gridworlds). */
import { getWorld, registerWorld } from '../core/registry';
import { CARTPOLE_ID, makeCartPole } from './cartpole';

// A module evaluates once, but a second copy (a test that resets modules, HMR) must not throw.
if (!getWorld(CARTPOLE_ID)) {
  registerWorld({
    id: CARTPOLE_ID,
    title: 'CartPole',
    description:
      'Balance a pole on a cart by pushing it left or right (Barto, Sutton & Anderson 1983; Gymnasium CartPole-v1): +1 per step, ends when the pole tilts past 12 degrees or the cart leaves the 2.4 m track, 500-step limit.',
    family: 'classic',
    create: () => makeCartPole(),
  });
}
