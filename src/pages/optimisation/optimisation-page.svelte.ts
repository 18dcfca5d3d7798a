/**
 * What the optimisation page holds: which part is open (in the address's #hash, so a link opens
 * it), each part's settings, and each part's speed. `runConfig` is the open part's ModuleRunConfig
 * for the 'optimisation' module session: every change of part or setting starts a fresh run in
 * the worker. Settings survive switching parts; runs do not (they take seconds).
 */
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import type { Speed } from '../../lib/loop/protocol';
import { racePresetById } from '../../../supervised/m2/race-presets';
import { raceRunConfig, setupFromPreset, type RaceSetup } from '../../../supervised/m2-session/race-setup';
import { OPTIMISATION_MODULE, runKey, type BackpropWorld, type ImplicitWorld } from '../../../supervised/m2-session/session-types';

export type PartId = 'race' | 'backprop' | 'initialisation' | 'implicit';

export interface PartInfo {
  readonly id: PartId;
  readonly title: string;
  readonly section: string;
}

export const PARTS: readonly PartInfo[] = [
  { id: 'race', title: 'Optimiser race', section: 'ch. 6' },
  { id: 'backprop', title: 'Backpropagation', section: 'section 7.3' },
  { id: 'initialisation', title: 'Initialisation', section: 'section 7.5' },
  { id: 'implicit', title: 'Implicit regularisation', section: 'section 9.2' },
];

/** The part a #hash names (the race when none does). */
export function partFromHash(hash: string): PartId {
  const id = hash.replace(/^#/, '');
  return PARTS.find((p) => p.id === id)?.id ?? 'race';
}

/** The race the page opens with: fig. 6.5, line search against a fixed step on the Gabor model. */
export const FIRST_PRESET = 'gabor-gradient-descent';

/** How fast each part plays at first: slow enough to watch the paths grow and the values appear. */
const START_SPEEDS: Record<PartId, Speed> = { race: 10, backprop: 2, initialisation: 2, implicit: 20 };

/** Notebook 9.2's start and "typical" step: the implicit part's defaults. */
export const IMPLICIT_DEFAULTS = { start: [-0.7, -0.75] as const, alpha: 0.05, steps: 100 };

export class OptimisationPageState {
  part = $state<PartId>('race');
  race = $state.raw<RaceSetup>(setupFromPreset(racePresetById(FIRST_PRESET)));
  /** The preset the race was last set from (null once a person changes the racers). */
  racePreset = $state<string | null>(FIRST_PRESET);
  backprop = $state.raw<BackpropWorld>({});
  implicit = $state.raw<{ start: readonly [number, number]; alpha: number; steps: number }>({ ...IMPLICIT_DEFAULTS });
  speeds = $state<Record<PartId, Speed>>({ ...START_SPEEDS });

  constructor(hash = '') {
    this.part = partFromHash(hash);
  }

  get speed(): Speed {
    return this.speeds[this.part];
  }

  setSpeed(speed: Speed): void {
    this.speeds[this.part] = speed;
  }

  setRace(setup: RaceSetup, preset: string | null = null): void {
    this.race = setup;
    this.racePreset = preset;
  }

  get runConfig(): ModuleRunConfig {
    switch (this.part) {
      case 'race':
        return raceRunConfig(this.race);
      case 'backprop':
        return { module: OPTIMISATION_MODULE, agent: 'backprop', world: { ...this.backprop }, options: {}, seed: 1 };
      case 'initialisation':
        return { module: OPTIMISATION_MODULE, agent: 'initialisation', world: {}, options: {}, seed: 1 };
      case 'implicit': {
        const world: ImplicitWorld = { start: [this.implicit.start[0], this.implicit.start[1]], alpha: this.implicit.alpha, steps: this.implicit.steps };
        return { module: OPTIMISATION_MODULE, agent: 'implicit-regularisation', world, options: {}, seed: 1 };
      }
    }
  }

  get runKey(): string {
    return runKey(this.runConfig);
  }
}
