/**
 * How many linear regions a ReLU network can have, and how many parameters it has (book sections
 * 3.3 and 4.5, figs. 3.9 and 4.7, Problems 3.17, 3.18, 4.11). Counts are exact BigInts: they reach
 * 10^107 and beyond.
 *
 * - Shallow network, D_i inputs, D hidden units (Zaslavsky; Problem 3.18 with the source text's
 *   typo C(D_i, j) corrected to C(D, j)): at most sum_{j=0}^{D_i} C(D, j) regions. 7 for D_i = 2,
 *   D = 3; 2^D when D <= D_i.
 * - Deep network, K hidden layers of D units, D a multiple of D_i (eq. 4.17):
 *   N_r = (D / D_i + 1)^{D_i (K - 1)} sum_{j=0}^{D_i} C(D, j). With D_i = 1 this is (D + 1)^K.
 * - Parameters (Problem 3.17 and its deep version): (D_i + 1) D + (K - 1)(D + 1) D + (D + 1) D_o.
 *
 * Checks from the book: K = 5, D = 10, D_i = 1 has 471 parameters and 161,051 = 11^5 regions
 * (fig. 4.7a); D_i = 10, D = 50, K = 5: 10,801 parameters, more than 10^34 regions (fig. 4.7b);
 * D_i = 100, D = 500, K = 1: 51,001 parameters, more than 10^107 regions (fig. 3.9).
 */

/** The architecture the calculator reads: inputs D_i, width D, hidden layers K, outputs D_o. */
export interface NetworkShape {
  readonly inputs: number;
  readonly width: number;
  readonly layers: number;
  readonly outputs: number;
}

/** The largest sizes the calculator accepts (a typo must not freeze the page on a huge BigInt). */
export const SHAPE_LIMITS: Readonly<Record<keyof NetworkShape, number>> = Object.freeze({ inputs: 10_000, width: 10_000, layers: 1_000, outputs: 10_000 });

/** Checks a shape from a form: one message naming the field. */
export function checkShape(shape: NetworkShape): NetworkShape {
  for (const key of ['inputs', 'width', 'layers', 'outputs'] as const) {
    const value = shape[key];
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SHAPE_LIMITS[key])) {
      throw new Error(`${key} must be a whole number from 1 to ${SHAPE_LIMITS[key].toLocaleString('en')}, got ${JSON.stringify(value)}`);
    }
  }
  return shape;
}

/** C(n, k), exactly. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const m = Math.min(k, n - k);
  let result = 1n;
  // Each partial product is C(n - m + i, i), an integer, so the division is exact.
  for (let i = 1; i <= m; i++) result = (result * BigInt(n - m + i)) / BigInt(i);
  return result;
}

/** sum_{j=0}^{D_i} C(D, j): the most regions D hidden units can cut D_i-dimensional input into. */
export function shallowMaxRegions(inputs: number, width: number): bigint {
  let total = 1n;
  let term = 1n;
  // C(D, j) = C(D, j - 1) (D - j + 1) / j, exact at every step.
  for (let j = 1; j <= Math.min(inputs, width); j++) {
    term = (term * BigInt(width - j + 1)) / BigInt(j);
    total += term;
  }
  return total;
}

/** The most digits the calculator works out exactly: thousands take milliseconds, millions would freeze a page. */
export const MAX_EXACT_DIGITS = 20_000;

/** log10 of eq. 4.17's count (of the shallow sum for K = 1), in floating point: how big it is before computing it. */
export function log10MaxRegions(inputs: number, width: number, layers: number): number {
  // log-sum-exp over j of log C(D, j), with the same recurrence as shallowMaxRegions.
  const logs = [0];
  for (let j = 1; j <= Math.min(inputs, width); j++) logs.push(logs[j - 1] + Math.log((width - j + 1) / j));
  const top = Math.max(...logs);
  const logSum = top + Math.log(logs.reduce((s, l) => s + Math.exp(l - top), 0));
  const depth = layers === 1 ? 0 : inputs * (layers - 1) * Math.log(width / inputs + 1);
  return (logSum + depth) / Math.LN10;
}

/**
 * Eq. 4.17 (K >= 2; K = 1 is the shallow count). Throws when D is not a multiple of D_i, where the
 * book's formula does not apply.
 */
export function deepMaxRegions(inputs: number, width: number, layers: number): bigint {
  checkShape({ inputs, width, layers, outputs: 1 });
  if (layers > 1 && width % inputs !== 0) throw new Error(`eq. 4.17 needs the width D to be a multiple of the inputs D_i; ${width} is not a multiple of ${inputs}`);
  const digits = log10MaxRegions(inputs, width, layers);
  if (digits > MAX_EXACT_DIGITS) throw new Error(`about 10^${Math.floor(digits).toLocaleString('en')} regions: too many digits to count exactly here`);
  if (layers === 1) return shallowMaxRegions(inputs, width);
  return BigInt(width / inputs + 1) ** BigInt(inputs * (layers - 1)) * shallowMaxRegions(inputs, width);
}

/** Weights and biases of K hidden layers of D units between D_i inputs and D_o outputs. */
export function parameterCount(shape: NetworkShape): number {
  const { inputs, width, layers, outputs } = checkShape(shape);
  return (inputs + 1) * width + (layers - 1) * (width + 1) * width + (width + 1) * outputs;
}

/** floor(log10(n)) for a positive BigInt (its number of digits minus one). */
export function log10Floor(n: bigint): number {
  if (n <= 0n) throw new Error(`log10Floor needs a positive number, got ${n}`);
  return n.toString().length - 1;
}

/** "161,051" below a trillion; "1.80 × 10^41" above, to three significant digits. */
export function formatCount(n: bigint): { text: string; mantissa: string; exponent: number | null } {
  if (n < 1_000_000_000_000n) return { text: Number(n).toLocaleString('en'), mantissa: Number(n).toLocaleString('en'), exponent: null };
  const digits = n.toString();
  let exponent = digits.length - 1;
  // Three significant digits, rounded (9.996e40 becomes 1.00e41).
  let lead = Math.round(Number(digits.slice(0, 4)) / 10) / 100;
  if (lead >= 10) {
    lead /= 10;
    exponent += 1;
  }
  const mantissa = lead.toFixed(2);
  return { text: `${mantissa} × 10^${exponent}`, mantissa, exponent };
}
