/** Classic control worlds: CartPole. */
export {
  CARTPOLE_ACTIONS,
  CARTPOLE_DEFAULTS,
  CARTPOLE_ID,
  cartPoleAccelerations,
  cartPoleEnv,
  cartPoleGeometry,
  cartPoleObservation,
  cartPoleOutOfBounds,
  makeCartPole,
  resolveCartPoleParams,
  type CartPoleEnv,
  type CartPoleGeometry,
  type CartPoleIntegrator,
  type CartPoleParams,
  type CartPoleState,
  type TimeLimitedCartPoleEnv,
} from './cartpole';
