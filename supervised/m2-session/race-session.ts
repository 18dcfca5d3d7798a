/**
 * The optimiser race as a worker session (M2.1, chapter 6): supervised/m2's OptimiserRace (every
 * racer a book-exact float64 optimiser, batches drawn without replacement from one seeded stream
 * per racer) run for a fixed number of steps. One step moves every racer that is still running
 * by one update; the row carries 'losses/<label>', the full loss L[phi] after that racer's update.
 *
 * Done when the race has run `budget` steps, or earlier when every racer has stopped (diverged)
 * or rested (its own maxSteps, as the notebooks run each optimiser for its own count).
 */
import type { Metrics } from '../../environments/core/types';
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { OptimiserRace } from '../m2/optimiser-race';
import { OptimisationSession } from './base-session';
import { checkRaceConfig, fail } from './session-config';
import { runKey, type RaceSessionSnapshot } from './session-types';

export class RaceSession extends OptimisationSession<RaceSessionSnapshot> {
  readonly race: OptimiserRace;
  readonly budget: number;
  private readonly key: string;
  /** Per racer: its metric key, its own step limit, its moves so far, and whether it will move again. */
  private readonly racers: { key: string; maxSteps: number; moves: number; active: boolean }[];

  constructor(config: ModuleRunConfig) {
    super();
    const checked = checkRaceConfig(config);
    try {
      this.race = new OptimiserRace(checked.race);
    } catch (error) {
      fail(`options.${(error as Error).message.replace(/^optimiser race: /, '')}`);
    }
    this.budget = checked.budget;
    this.racers = checked.race.racers.map((r) => ({ key: `losses/${r.label}`, maxSteps: r.maxSteps ?? Infinity, moves: 0, active: r.maxSteps !== 0 }));
    this.key = runKey(config);
  }

  protected advance(): Metrics {
    const row = this.race.step(1)[0];
    // An active racer missing from the row has stopped (diverged); one that has made its
    // maxSteps moves rests. Neither moves again.
    for (const racer of this.racers) {
      if (!racer.active) continue;
      if (racer.key in row) racer.moves++;
      racer.active = racer.key in row && racer.moves < racer.maxSteps;
    }
    return row;
  }

  done(): boolean {
    return this.race.steps >= this.budget || this.racers.every((r) => !r.active);
  }

  snapshot(): RaceSessionSnapshot {
    return { kind: 'race', runKey: this.key, budget: this.budget, finished: this.done(), ...this.race.snapshot() };
  }
}
