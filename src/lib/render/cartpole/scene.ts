/**
 * What the CartPole renderer draws: one plain, serialisable snapshot. The page (or, later, the
 * training worker) builds it; the renderer never reads anything else.
 */
import type { CartPoleParams, CartPoleState } from '../../../../environments/classic/cartpole';

/** -1 pushes left, 1 pushes right, 0 draws no force arrow (waiting for the first push, or over). */
export type PushDirection = -1 | 0 | 1;

export interface CartPoleScene {
  readonly state: CartPoleState;
  readonly params: Pick<CartPoleParams, 'xThreshold' | 'thetaThreshold' | 'halfPoleLength'>;
  readonly pushing: PushDirection;
  /** The episode ended on its own: the pole fell or the cart left the track. */
  readonly terminated: boolean;
  /** The time limit ended the episode (never together with `terminated`). */
  readonly truncated: boolean;
}

/** Why an episode is over, as far as the picture can tell. */
export interface EndCause {
  /** |theta| is past thetaThreshold. */
  readonly fallen: boolean;
  /** |x| is past xThreshold. */
  readonly outOfBounds: boolean;
}

/** The thresholds the state is past. Strict, as the environment: exactly 2.4 m is still on the track. */
export function endCause(scene: Pick<CartPoleScene, 'state' | 'params'>): EndCause {
  const { state, params } = scene;
  return {
    fallen: Math.abs(state.theta) > params.thetaThreshold,
    outOfBounds: Math.abs(state.x) > params.xThreshold,
  };
}
