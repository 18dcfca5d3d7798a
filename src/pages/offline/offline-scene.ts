/**
 * The pictures of the offline page as the shared renderers draw them: a gridworld scene (the
 * penguin on its cell, the trail of moves, or the dataset's visit counts as a heatmap), a
 * CartPole scene (the cart of one observation) and an arcade scene (the planes of one frame).
 * Plain data, built from the world and what to show.
 */
import { makeCartPole } from '../../../environments/classic/cartpole';
import type { GridModel } from '../../../environments/gridworld';
import type { ArcadeScene } from '../../lib/render/arcade/scene';
import type { CartPoleScene, PushDirection } from '../../lib/render/cartpole/scene';
import type { GridScene, Overlay, TrailStep } from '../../lib/render/gridworld/scene';
import type { OfflineWorldChoice } from './offline-worlds';

export interface GridPicture {
  /** The penguin's cell, or null for none (the heatmap). */
  readonly penguin: number | null;
  readonly trail?: readonly TrailStep[];
  /** Steps taken from each cell: drawn as the visit heatmap with counts. */
  readonly visits?: readonly number[] | null;
}

export function gridScene(model: GridModel, picture: GridPicture): GridScene {
  const trail = picture.trail ?? [];
  const overlays = new Set<Overlay>(picture.visits ? ['visits'] : ['trail']);
  return {
    rows: model.rows,
    cols: model.cols,
    looks: model.looks,
    rewards: Array.from({ length: model.nS }, (_, s) => model.tileReward(s)),
    starts: model.starts,
    penguin: picture.penguin,
    lastMove: trail.length > 0 ? trail[trail.length - 1] : null,
    values: null,
    policy: null,
    q: null,
    visits: picture.visits ?? null,
    trail,
    overlays,
    showStateNumbers: false,
    selected: null,
    highlights: [],
    flash: [],
    flashId: 0,
    motion: 'animate',
  };
}

export function arcadeScene(choice: OfflineWorldChoice, planes: ArrayLike<number> | null, over = false): ArcadeScene {
  const game = choice.game!;
  const input = choice.world.input;
  const height = input.kind === 'planes' ? input.height : 10;
  const width = input.kind === 'planes' ? input.width : 10;
  return { height, width, channels: game.channels, colors: game.colors, planes: planes ?? new Float32Array(height * width * game.channels.length), over };
}

const CARTPOLE_PARAMS = makeCartPole().params;

/**
 * The cart of a CartPole observation [x, xDot, theta, thetaDot], pushed by `action` (0 left,
 * 1 right; null: no arrow). `end` says how the episode ended once it is over.
 */
export function cartpoleScene(frame: ArrayLike<number>, action: number | null, end: 'terminated' | 'truncated' | null = null): CartPoleScene {
  const pushing: PushDirection = action === null || end !== null ? 0 : action === 1 ? 1 : -1;
  return {
    state: { x: frame[0], xDot: frame[1], theta: frame[2], thetaDot: frame[3] },
    params: CARTPOLE_PARAMS,
    pushing,
    terminated: end === 'terminated',
    truncated: end === 'truncated',
  };
}
