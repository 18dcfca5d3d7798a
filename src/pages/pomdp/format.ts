/** Names and numbers as the POMDP page writes them. */
import { ACTIONS } from '../../../environments/gridworld/spec';
import type { PomdpWorld } from '../../../agents/runner/pomdp/world';

/** On the book's 4 x 4 grids, its state numbers 1..16 (fig 19.4 speaks of states 3 and 9); elsewhere row and column. */
export function cellName(world: PomdpWorld, cell: number): string {
  const { rows, cols } = world.model;
  if (rows === 4 && cols === 4) return `state ${cell + 1}`;
  return `(${Math.floor(cell / cols) + 1}, ${(cell % cols) + 1})`;
}

/** A value with a true minus sign, fixed digits; '—' for a missing one. */
export function value(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const text = Math.abs(v).toFixed(digits);
  return v < 0 && Number(text) !== 0 ? `−${text}` : text;
}

export const ACTION_NAMES: readonly string[] = ACTIONS;
export const ACTION_ARROWS: readonly string[] = ['↑', '→', '↓', '←'];
