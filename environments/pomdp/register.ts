/**
 * Registers the partially observed worlds (imported by ./index.ts, and so by environments/index.ts
 * after every other family): each POMDP preset as `pomdp/<presetId>` with vector observations
 * (deep agents; build the tabular-id version with makePomdpGridworld), and CartPole with hidden
 * velocities. A preset's `model()` is its gridworld's exact model: the states, not the views.
 */
import { getWorld, registerWorld } from '../core/registry';
import { buildModel, type GridModel } from '../gridworld/index';
import { CARTPOLE_HIDDEN_VELOCITIES_ID, makeCartPoleHiddenVelocities } from './cartpole-hidden';
import { makePomdpGridworld } from './env';
import { POMDP_PRESETS } from './presets';

for (const preset of Object.values(POMDP_PRESETS)) {
  const id = `pomdp/${preset.id}`;
  // A module evaluates once, but a second copy (a test that resets modules, HMR) must not throw.
  if (getWorld(id)) continue;
  let model: GridModel | undefined;
  const sharedModel = () => (model ??= buildModel(preset.spec));
  registerWorld({
    id,
    title: preset.title,
    description: preset.description,
    family: 'pomdp',
    create: () => makePomdpGridworld(sharedModel(), preset.observation, { id }),
    model: sharedModel,
  });
}

if (!getWorld(CARTPOLE_HIDDEN_VELOCITIES_ID)) {
  registerWorld({
    id: CARTPOLE_HIDDEN_VELOCITIES_ID,
    title: 'CartPole, velocities hidden',
    description:
      'CartPole with the same dynamics, rewards and 500-step limit, but the agent sees only the cart position and the pole angle: the two velocities must be inferred from what came before.',
    family: 'pomdp',
    create: () => makeCartPoleHiddenVelocities(),
  });
}
