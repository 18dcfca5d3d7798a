/** Number formats for the /backends table. */

/**
 * Updates per second: whole numbers with thousands separators from 10 up; below that two
 * significant digits, so a decision transformer's 0.31 steps a second on a slow backend is not 0.
 */
export function formatRate(rate: number): string {
  if (rate >= 10) return Math.round(rate).toLocaleString('en');
  return String(Number(rate.toPrecision(2)));
}

/** A small difference in scientific notation; exact zero as 0. */
export function formatDiff(diff: number): string {
  return diff === 0 ? '0' : diff.toExponential(1);
}
