/**
 * How a chapter page's trained part keeps its module session in the training worker on the
 * part's settings: every new config runs afresh (a run takes seconds, so nothing is kept), at the
 * part's speed; the first run also says which TensorFlow.js backend the worker starts (the float64
 * sessions ask for cpu, the quickest to start). A part with nothing to train pauses the worker.
 * The client is disposed of with the component.
 */
import { onMount, untrack } from 'svelte';
import type { ModuleRunConfig } from '../../../../agents/runner/worker-session';
import type { BackendPreference, Speed } from '../../loop/protocol';
import type { TrainingClient } from '../../loop/training-client.svelte';

export interface FollowedRun {
  /** The config to run; null pauses the worker (a part that trains nothing just now). Tracked. */
  readonly config: () => ModuleRunConfig | null;
  /** Read once, for the first run: later changes go through client.setBackend. Not tracked. */
  readonly backend: () => BackendPreference;
  /** Read at each new run. Not tracked: a speed change goes to client.setSpeed. */
  readonly speed: () => Speed;
}

/** Call while a component is set up (it makes an effect and an onMount). */
export function followConfig(client: TrainingClient<ModuleRunConfig, unknown>, run: FollowedRun): void {
  let started = false;
  $effect(() => {
    const config = run.config();
    untrack(() => {
      if (config === null) {
        client.pause();
        return;
      }
      if (started) client.configure(config);
      else client.setBackend(run.backend(), config);
      started = true;
      client.setSpeed(run.speed());
    });
  });
  onMount(() => () => client.dispose());
}
