/**
 * The small pictures of a configuration's card, as the shared renderers' scenes, built from the
 * world and the latest view of one of its runs:
 * - a gridworld: the penguin's cell and, for a tabular learner, its values as a heatmap and its
 *   policy as arrows (a deep agent's view has the cell only). No trail, visits or labels: the card is small.
 * - CartPole: the cart and pole of the run's first env copy.
 * - an arcade game: the planes the run's first env copy observes.
 */
import { CARTPOLE_DEFAULTS } from '../../../environments/classic/cartpole';
import type { GridModel } from '../../../environments/gridworld';
import type { ArcadeScene } from '../../lib/render/arcade/scene';
import type { CartPoleScene } from '../../lib/render/cartpole/scene';
import type { GridScene } from '../../lib/render/gridworld/scene';
import type { CompareView } from '../../lib/loop/compare-protocol';
import type { ArcadeGameInfo } from '../arcade/catalogue';

type DeepView = Extract<CompareView, { kind: 'deep' }>;

export function miniScene(model: GridModel, view: CompareView | null): GridScene {
  // A view from another world (it cannot happen within one run, but cheap to refuse) is not drawn.
  const live = view?.kind === 'grid' && view.nS === model.nS && view.nA === model.nA ? view : null;
  const deepCell = view?.kind === 'deep' && view.cell !== null && view.cell < model.nS ? view.cell : null;
  let policy: number[] | null = null;
  if (live && model.nA === 4) {
    policy = live.policy.slice();
    // No arrows where there is no choice left.
    for (let s = 0; s < model.nS; s++) if (model.terminal(s)) policy.fill(0, s * model.nA, (s + 1) * model.nA);
  }
  return {
    rows: model.rows,
    cols: model.cols,
    looks: model.looks,
    rewards: Array.from({ length: model.nS }, (_, s) => model.tileReward(s)),
    starts: model.starts,
    penguin: live ? live.state : (deepCell ?? model.starts[0] ?? null),
    lastMove: null,
    values: live ? live.values : null,
    policy,
    q: null,
    visits: null,
    trail: [],
    overlays: new Set(live ? (['values', 'policy'] as const) : []),
    showStateNumbers: false,
    selected: null,
    highlights: [],
    flash: [],
    flashId: 0,
    motion: 'jump',
  };
}

export function miniCartScene(view: DeepView): CartPoleScene | null {
  return view.cart ? { state: view.cart, params: CARTPOLE_DEFAULTS, pushing: 0, terminated: false, truncated: false } : null;
}

/** The game's picture, or null when the planes do not fit its channels on a square board. */
export function miniArcadeScene(game: ArcadeGameInfo, view: DeepView): ArcadeScene | null {
  if (!view.planes) return null;
  const side = Math.sqrt(view.planes.length / game.channels.length);
  if (!Number.isInteger(side)) return null;
  return { height: side, width: side, channels: game.channels, colors: game.colors, planes: view.planes, over: false };
}
