/** Number formats for the /backends table. */

/** Updates per second: whole numbers, with thousands separators. */
export function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en');
}

/** A small difference in scientific notation; exact zero as 0. */
export function formatDiff(diff: number): string {
  return diff === 0 ? '0' : diff.toExponential(1);
}
