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
import { OPTIMISATION_MODULE, runKey, type BackpropWorld } from '../../../supervised/m2-session/session-types';

export type PartId = 'race' | 'backprop' | 'initialisation';

export interface PartInfo {
  readonly id: PartId;
  readonly title: string;
  /** The chapter or section, in the tab's small print. */
  readonly chapter: string;
}

export const PARTS: readonly PartInfo[] = [
  { id: 'race', title: 'Optimiser race', chapter: 'ch. 6' },
  { id: 'backprop', title: 'Backpropagation', chapter: 'section 7.3' },
  { id: 'initialisation', title: 'Initialisation', chapter: 'section 7.5' },
];

/**
 * Implicit regularisation (section 9.2) is computed on the generalisation page (issue 8 puts it
 * in M3): this page's tab for it, and its old address /optimisation#implicit, lead there.
 */
export const IMPLICIT_HASH = '#implicit';
export function implicitHref(base: string): string {
  return `${base}generalisation${IMPLICIT_HASH}`;
}

/** The part a #hash names (the race when none does). */
export function partFromHash(hash: string): PartId {
  const id = hash.replace(/^#/, '');
  return PARTS.find((p) => p.id === id)?.id ?? 'race';
}

/** The race the page opens with: fig. 6.5, line search against a fixed step on the Gabor model. */
export const FIRST_PRESET = 'gabor-gradient-descent';

/** How fast each part plays at first: slow enough to watch the paths grow and the values appear. */
const START_SPEEDS: Record<PartId, Speed> = { race: 10, backprop: 2, initialisation: 2 };

export class OptimisationPageState {
  part = $state<PartId>('race');
  race = $state.raw<RaceSetup>(setupFromPreset(racePresetById(FIRST_PRESET)));
  /** The preset the race was last set from (null once a person changes the racers). */
  racePreset = $state<string | null>(FIRST_PRESET);
  backprop = $state.raw<BackpropWorld>({});
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
    }
  }

  get runKey(): string {
    return runKey(this.runConfig);
  }
}
