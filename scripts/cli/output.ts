/**
 * What the CLI prints: one JSON document on stdout, keys in the order the command builds them.
 *
 * Numbers are rounded to `digits` significant digits (default 12) so that float noise such as
 * 0.30000000000000004 prints as 0.3; `--digits 17` prints the exact doubles. Integers and
 * numbers already short print unchanged, as JavaScript prints them.
 *
 * Layout: objects one key per line (short records of plain values on one line), arrays of plain
 * values on one line, arrays of arrays or objects one element per line. Valid JSON either way; it just reads better than one long line.
 */
import { TIE_TOLERANCE } from '../../agents/core/exploration';

export const DEFAULT_DIGITS = 12;

export type Json = number | string | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export function roundTo(value: number, digits: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  const rounded = Number(value.toPrecision(digits));
  return rounded === 0 ? 0 : rounded; // no -0 in the output
}

export function roundAll(values: ArrayLike<number>, digits: number): number[] {
  return Array.from(values, (v) => roundTo(v, digits));
}

/** A flat q[s * nA + a] table as rows q[s][a], rounded. */
export function qRows(q: ArrayLike<number>, nA: number, digits: number): number[][] {
  const rows: number[][] = [];
  for (let offset = 0; offset < q.length; offset += nA) {
    const row: number[] = [];
    for (let a = 0; a < nA; a++) row.push(roundTo(q[offset + a], digits));
    rows.push(row);
  }
  return rows;
}

/**
 * The greedy action of every state: the lowest-numbered action whose q is within TIE_TOLERANCE
 * (1e-12, the agents' own tie rule) of the state's largest q. Deterministic, unlike the agents'
 * random tie-breaking, so the output does not depend on a seed.
 */
export function greedyActions(q: ArrayLike<number>, nA: number): number[] {
  const actions: number[] = [];
  for (let offset = 0; offset < q.length; offset += nA) {
    let best = -Infinity;
    for (let a = 0; a < nA; a++) if (q[offset + a] > best) best = q[offset + a];
    let pick = 0;
    while (pick < nA - 1 && !(q[offset + pick] >= best - TIE_TOLERANCE)) pick++;
    actions.push(pick);
  }
  return actions;
}

/** A record of plain values that fits in this many characters prints on one line. */
const SHORT_LINE = 160;

function isPlain(value: Json): boolean {
  return value === null || typeof value !== 'object';
}

function scalar(value: Exclude<Json, readonly Json[] | { readonly [key: string]: Json }>): string {
  // JSON has no NaN or Infinity; a value that would print `null` is a bug worth seeing.
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot print the non-finite number ${value} as JSON`);
  return JSON.stringify(value);
}

export function formatJson(value: Json, indent = ''): string {
  if (isPlain(value)) return scalar(value as Exclude<Json, object>);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) return '[]';
    if (items.every(isPlain)) return `[${items.map((item) => scalar(item as Exclude<Json, object>)).join(', ')}]`;
    return `[\n${items.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: Json });
  if (entries.length === 0) return '{}';
  if (entries.every(([, item]) => isPlain(item))) {
    const line = `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${scalar(item as Exclude<Json, object>)}`).join(', ')} }`;
    if (indent.length + line.length <= SHORT_LINE) return line;
  }
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
}
