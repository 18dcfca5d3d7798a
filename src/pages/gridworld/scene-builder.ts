/** Builds the renderer's plain scene from the world, the session snapshot and the view options. */
import type { GridModel } from '../../../environments/gridworld';
import type { SessionSnapshot } from '../../../agents/runner/grid-session';
import type { DpSolution } from '../../../agents/tabular/dp-solver';
import type { GridScene, Overlay, TrailStep } from '../../lib/render/gridworld';
import type { ValueSource } from './page-state.svelte';

export interface SceneInputs {
  readonly model: GridModel;
  readonly snapshot: SessionSnapshot | null;
  readonly exact: DpSolution;
  readonly valueSource: ValueSource;
  readonly overlays: readonly Overlay[];
  readonly showStateNumbers: boolean;
  readonly selected: number | null;
  readonly highlights: readonly { readonly cell: number; readonly prob: number }[];
  /** A sampled trajectory (Markov process pages) replaces the learner's trail when present. */
  readonly sampledTrail: readonly TrailStep[] | null;
  readonly flashId: number;
  /** Training faster than a person can follow: draw without animations. */
  readonly fast: boolean;
}

/** No arrows where no choice is left: terminal cells and walls. */
function withoutEndStates(model: GridModel, policy: readonly number[]): number[] {
  const out = policy.slice();
  for (let s = 0; s < model.nS; s++) {
    if (model.terminal(s)) out.fill(0, s * model.nA, (s + 1) * model.nA);
  }
  return out;
}

export function buildScene(inputs: SceneInputs): GridScene {
  const { model, snapshot, exact } = inputs;
  // A snapshot from an older world (the worker has not caught up yet) must not be drawn on this one.
  const live = snapshot !== null && snapshot.nS === model.nS && snapshot.nA === model.nA ? snapshot : null;
  const fromAgent = inputs.valueSource === 'agent' && live !== null;
  const learner = live?.kind === 'learner' ? live : null;
  // A deep agent's snapshot carries the penguin's cell and the network's values and policy (no trail or visits).
  const deep = live?.kind === 'deep' ? live : null;
  const trail = inputs.sampledTrail ?? learner?.trail ?? [];
  const lastMove = trail.length > 0 ? trail[trail.length - 1] : null;
  const hasActions = model.nA === 4;
  return {
    rows: model.rows,
    cols: model.cols,
    looks: model.looks,
    rewards: Array.from({ length: model.nS }, (_, s) => model.tileReward(s)),
    starts: model.starts,
    penguin: inputs.sampledTrail ? (lastMove?.to ?? model.starts[0]) : (learner?.state ?? deep?.state ?? model.starts[0] ?? null),
    lastMove,
    values: fromAgent ? live.values : Array.from(exact.values),
    policy: hasActions ? withoutEndStates(model, fromAgent ? live.policy : Array.from(exact.policy)) : null,
    q: hasActions ? (fromAgent ? live.q : Array.from(exact.q)) : null,
    visits: learner?.visits ?? null,
    trail,
    overlays: new Set(inputs.overlays),
    showStateNumbers: inputs.showStateNumbers,
    selected: inputs.selected,
    highlights: inputs.highlights,
    flash: live?.kind === 'dp' && fromAgent ? live.changedStates : [],
    flashId: inputs.flashId,
    motion: inputs.fast ? 'jump' : 'animate',
  };
}
