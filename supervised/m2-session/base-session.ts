/**
 * What the optimisation page's three sessions share as WorkerSessions: one step unit, a checked
 * step count, no Bellman backup, no run files (the settings are on the page and every run takes
 * seconds), and a refusal to run after dispose().
 */
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import type { RunFile } from '../../agents/runner/run-file';
import type { WorkerSession } from '../../agents/runner/worker-session';
import { fail } from './session-config';

/** One unit; the shared controls call it a step. What a step is depends on the task. */
const UNITS: readonly StepUnit[] = ['step'];
/** The most steps one call takes (a typo must not freeze the worker). */
export const MAX_STEPS_PER_CALL = 100_000;

export abstract class OptimisationSession<S> implements WorkerSession<S> {
  readonly units = UNITS;
  private disposed = false;

  /** Advance by n of this task's steps (fewer when the run ends first); one metrics row per step. */
  step(n: number, unit?: StepUnit): Metrics[] {
    if (this.disposed) fail('the session was used after dispose()');
    if (unit !== undefined && !UNITS.includes(unit)) fail(`this session steps in one unit; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`step needs a whole number of steps up to ${MAX_STEPS_PER_CALL.toLocaleString('en')}, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    for (let i = 0; i < n && !this.done(); i++) rows.push(this.advance());
    return rows;
  }

  /** One step of the task. */
  protected abstract advance(): Metrics;
  abstract snapshot(): S;
  abstract done(): boolean;

  backupState(_state: number): Metrics[] {
    fail('there is no Bellman backup here: these are optimisation steps');
  }

  saveRun(): RunFile {
    fail('an optimisation-page run is not saved as a run file: its settings are on the page, and it runs again in seconds');
  }

  dispose(): void {
    this.disposed = true;
  }
}
