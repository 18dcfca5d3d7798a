/** Registers every gridworld preset as `gridworld/<presetId>` (imported by environments/index.ts). */
import { registerWorld, getWorld } from '../core/registry';
import { makeGridworld } from './env';
import { buildModel, type GridModel } from './model';
import { GRIDWORLD_PRESETS } from './presets';

for (const preset of Object.values(GRIDWORLD_PRESETS)) {
  const id = `gridworld/${preset.id}`;
  // A module evaluates once, but a second copy (a test that resets modules, HMR) must not throw.
  if (getWorld(id)) continue;
  let model: GridModel | undefined;
  const sharedModel = () => (model ??= buildModel(preset.spec));
  registerWorld({
    id,
    title: preset.title,
    description: preset.description,
    family: 'gridworld',
    create: () => makeGridworld(sharedModel(), { id }),
    model: sharedModel,
  });
}
