/**
 * The compare page's small multiples (compare-protocol.ts viewOf): what a running task's snapshot
 * becomes on its configuration's card, for a tabular learner and for deep agents on each kind of
 * world, from real task runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { createTaskRun } from '../../agents/runner/experiment/task';
import { viewOf } from '../../src/lib/loop/compare-protocol';

const experimentOn = (world: unknown, agent = 'actor-critic') =>
  checkExperiment({
    format: 'floe-experiment',
    version: 1,
    world,
    configs: [
      { label: 'a', agent, options: agent === 'actor-critic' ? { nEnvs: 2 } : {} },
      { label: 'b', agent, options: agent === 'actor-critic' ? { nEnvs: 2 } : {} },
    ],
    seeds: 1,
    steps: 400,
    points: 4,
  });

function viewAfter(world: unknown, agent?: string, steps = 300) {
  const run = createTaskRun(experimentOn(world, agent), 0, 0);
  try {
    run.step(steps);
    return viewOf(run.snapshot());
  } finally {
    run.dispose();
  }
}

describe('small views of running tasks', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('a tabular learner: its cell, values and policy', () => {
    const view = viewAfter({ kind: 'gridworld', preset: 'cliff-walk' }, 'q-learning');
    expect(view?.kind).toBe('grid');
    if (view?.kind !== 'grid') return;
    expect(view.nS).toBe(48);
    expect(view.values).toHaveLength(48);
    expect(view.policy).toHaveLength(48 * 4);
  });

  it("a deep agent on a gridworld: the penguin's cell", () => {
    const view = viewAfter({ kind: 'gridworld', preset: 'cliff-walk' });
    expect(view).toMatchObject({ kind: 'deep', cart: null, planes: null });
    expect(view?.kind === 'deep' && view.cell).toBeGreaterThanOrEqual(0);
    expect(view?.kind === 'deep' && view.cell).toBeLessThan(48);
  });

  it('a deep agent on CartPole: the cart of its first copy, and the latest return', () => {
    const view = viewAfter({ kind: 'cartpole' });
    expect(view).toMatchObject({ kind: 'deep', cell: null, planes: null });
    if (view?.kind !== 'deep' || !view.cart) throw new Error('no cart in the view');
    expect(Object.keys(view.cart).sort()).toEqual(['theta', 'thetaDot', 'x', 'xDot']);
    expect(Math.abs(view.cart.x)).toBeLessThan(2.5);
    expect(view.lastReturn).toBeGreaterThan(0);
  });

  it("a deep agent on an arcade game: the planes its first copy observes", () => {
    const view = viewAfter({ kind: 'arcade', id: 'breakout' });
    expect(view).toMatchObject({ kind: 'deep', cell: null, cart: null });
    if (view?.kind !== 'deep' || !view.planes) throw new Error('no planes in the view');
    // Breakout: 10 x 10 cells, 4 channels (paddle, ball, trail, brick), binary.
    expect(view.planes).toHaveLength(400);
    expect(new Set(view.planes)).toEqual(new Set([0, 1]));
  });

  it('anything else: no view', () => {
    expect(viewOf(null)).toBeNull();
    expect(viewOf({ kind: 'vector' })).toBeNull();
  });
});
