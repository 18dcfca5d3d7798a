/**
 * A chapter page's trained part with a speed and a backend of its own: its training client, its
 * speed and the TensorFlow.js backend it asks for. The session follows the part's config
 * (followConfig: every new config runs afresh; a part with nothing to train pauses); the part's
 * controls call setSpeed and setBackend.
 */
import type { ModuleRunConfig } from '../../../../agents/runner/worker-session';
import type { BackendPreference, Speed } from '../../loop/protocol';
import { TrainingClient } from '../../loop/training-client.svelte';
import { followConfig } from './follow-config.svelte';

export class ModuleRun<S> {
  readonly client = new TrainingClient<ModuleRunConfig, S>();
  speed = $state<Speed>('max');
  preference = $state<BackendPreference>('auto');
  private readonly config: () => ModuleRunConfig | null;

  /** Call while a component is set up; `config` is read reactively (null: nothing to train now). */
  constructor(config: () => ModuleRunConfig | null, first: { readonly speed: Speed; readonly backend: BackendPreference }) {
    this.config = config;
    this.speed = first.speed;
    this.preference = first.backend;
    followConfig(this.client, { config, backend: () => this.preference, speed: () => this.speed });
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.client.setSpeed(speed);
  }

  /** Another backend: the run starts again on it. */
  setBackend(preference: BackendPreference): void {
    this.preference = preference;
    const config = this.config();
    if (config !== null) this.client.setBackend(preference, config);
  }
}
