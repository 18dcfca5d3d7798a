/**
 * The speed slider's scale: positions 0..SPEED_TOP - 1 map log-uniformly from `min` to `max`
 * steps per second, and the top position means "flat out" (as fast as the loop can go).
 */
import type { StepUnit } from '../../../../agents/runner/trainable';
import type { Speed } from '../../../../agents/runner/pacer';

export type { Speed };

/** The slider's top position, the one that means flat out. */
export const SPEED_TOP = 100;

/** A readable number: two significant digits (1, 1.5, 12, 150, 1000). */
function nice(v: number): number {
  return Number(v.toPrecision(2));
}

export function positionToSpeed(position: number, min: number, max: number): Speed {
  if (position >= SPEED_TOP) return 'max';
  const p = Math.min(Math.max(position, 0), SPEED_TOP - 1) / (SPEED_TOP - 1);
  return nice(min * Math.pow(max / min, p));
}

export function speedToPosition(speed: Speed, min: number, max: number): number {
  if (speed === 'max' || !Number.isFinite(speed)) return SPEED_TOP;
  if (speed <= min) return 0;
  if (speed >= max) return SPEED_TOP - 1;
  return Math.round(((SPEED_TOP - 1) * Math.log(speed / min)) / Math.log(max / min));
}

/** "Flat out", "30 steps/s", "0.5 steps/s". */
export function formatSpeed(speed: Speed, unit = 'steps/s'): string {
  if (speed === 'max') return 'Flat out';
  return `${speed.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}

/** What the step button can advance by: the training loop's own units. */
export type { StepUnit };

export const STEP_UNIT_LABELS: Record<StepUnit, string> = {
  'env-step': 'env step',
  episode: 'episode',
  backup: 'backup',
  sweep: 'sweep',
  step: 'step',
};

/** The loop's lifecycle as the controls show it ('configuring' and 'stepping' are transient). */
export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error' | 'configuring' | 'stepping';

export const STATUS_LABELS: Record<RunStatus, string> = {
  idle: 'Idle',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  error: 'Error',
  configuring: 'Setting up',
  stepping: 'Stepping',
};

/** True when a key press on `target` belongs to a text field, not to the page's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/** True when Space on `target` already means "activate this control". */
export function isActivatableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return (
    target.closest(
      'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="slider"], [role="tab"], [role="menuitem"], [role="option"]',
    ) !== null
  );
}
