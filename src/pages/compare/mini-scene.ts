/**
 * The small gridworld of a configuration's card: the shared gridworld renderer's scene, built from
 * the world and the latest view of one of its runs (the penguin's cell, the learner's values as a
 * heatmap and its policy as arrows). No trail, visits or labels: the card is small.
 */
import type { GridModel } from '../../../environments/gridworld';
import type { GridScene } from '../../lib/render/gridworld/scene';
import type { CompareView } from '../../lib/loop/compare-protocol';

type GridView = Extract<CompareView, { kind: 'grid' }>;

export function miniScene(model: GridModel, view: GridView | null): GridScene {
  // A view from another world (it cannot happen within one run, but cheap to refuse) is not drawn.
  const live = view !== null && view.nS === model.nS && view.nA === model.nA ? view : null;
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
    penguin: live ? live.state : (model.starts[0] ?? null),
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
