/**
 * The POMDP page's pictures as the gridworld renderer's plain scenes: the god's-eye view (the
 * whole map and the penguin, with its trail and, for a memoryless agent, its policy pi(a | view)
 * drawn in every cell, the same arrows wherever the view is the same) and the belief view (the
 * same map with b(s) as a heat map and its numbers, and no penguin: the agent does not know where
 * it is).
 */
import type { GridScene, TrailStep } from '../../lib/render/gridworld';
import type { PomdpWorld } from '../../../agents/runner/pomdp/world';

const base = (world: PomdpWorld) => {
  const { model } = world;
  return {
    rows: model.rows,
    cols: model.cols,
    looks: model.looks,
    rewards: Array.from({ length: model.nS }, (_, s) => model.tileReward(s)),
    starts: model.starts,
    q: null,
    visits: null,
    showStateNumbers: false,
    selected: null,
    highlights: [],
    flash: [],
    flashId: 0,
  };
};

export interface GodViewInputs {
  readonly world: PomdpWorld;
  readonly penguin: number | null;
  readonly trail: readonly TrailStep[];
  /** pi[view id][action] of a memoryless agent, or null. */
  readonly policy: readonly (readonly number[])[] | null;
  /** Steps come faster than a person can follow: no animation. */
  readonly fast: boolean;
}

export function godViewScene(inputs: GodViewInputs): GridScene {
  const { world, policy } = inputs;
  const { model, observer } = world;
  const cellPolicy: number[] | null = policy
    ? Array.from({ length: model.nS * model.nA }, (_, i) => {
        const cell = Math.floor(i / model.nA);
        const id = observer.idOfCell[cell];
        return id < 0 || model.terminal(cell) ? 0 : (policy[id]?.[i % model.nA] ?? 0);
      })
    : null;
  const overlays = new Set<'policy' | 'trail'>(['trail']);
  if (cellPolicy) overlays.add('policy');
  return {
    ...base(world),
    penguin: inputs.penguin,
    lastMove: inputs.trail.length > 0 ? inputs.trail[inputs.trail.length - 1] : null,
    values: null,
    policy: cellPolicy,
    trail: inputs.trail,
    overlays,
    motion: inputs.fast ? 'jump' : 'animate',
  };
}

export function beliefScene(world: PomdpWorld, belief: readonly number[] | null): GridScene {
  return {
    ...base(world),
    penguin: null,
    lastMove: null,
    values: belief,
    policy: null,
    trail: [],
    overlays: new Set(belief ? ['values'] : []),
    motion: 'jump',
  };
}

/** The move between two cells one step apart (0..3), or -1 (the same cell, or a jump). */
export function moveBetween(world: PomdpWorld, from: number, to: number): number {
  const { cols } = world.model;
  const d = to - from;
  if (d === -cols) return 0;
  if (d === 1 && to % cols !== 0) return 1;
  if (d === cols) return 2;
  if (d === -1 && from % cols !== 0) return 3;
  return -1;
}
