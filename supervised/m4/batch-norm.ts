/**
 * Batch normalisation (section 11.4, eqs. 11.7-11.9, M4.4): the per-unit forward pass used by the
 * residual experiments, and a step-through of one unit over a small batch, forward and backward,
 * as the computational graph of Problem 11.5.
 *
 * For one hidden unit with values h_1..h_N over the batch:
 *   m = (1/N) sum_i h_i,   c_i = h_i - m,   v = (1/N) sum_i c_i^2 (the biased variance),
 *   h^_i = c_i / d,        out_i = gamma h^_i + delta,
 * and the denominator d is where the two texts differ (the reference's cross-cutting notes):
 *   'outside' (eq. 11.8, the default here): d = sqrt(v) + epsilon, that is s_h + epsilon;
 *   'inside'  (Problem 11.5, PyTorch and tfjs):  d = sqrt(v + epsilon).
 * Both keep d > 0 for a constant unit; they differ only when v is comparable to epsilon
 * (epsilon^2 against epsilon). Default epsilon 1e-5 (the book gives no number; the libraries' default).
 *
 * The backward pass walks the same graph in reverse (the tests check it against finite
 * differences): with g_i = dl/dout_i,
 *   dl/dgamma = sum g_i h^_i,  dl/ddelta = sum g_i,  dl/dh^_i = gamma g_i,
 *   dl/dr = sum_i dl/dh^_i c_i  (r = 1/d),  dl/dd = -dl/dr / d^2,
 *   dl/dv = dl/dd / (2 sqrt v) ('outside') or dl/dd / (2 d) ('inside'),
 *   dl/dc_i = dl/dh^_i r + (2 c_i / N) dl/dv,   dl/dm = -sum_i dl/dc_i,   dl/dh_i = dl/dc_i + dl/dm / N.
 */

export type EpsilonPlacement = 'outside' | 'inside';
export const EPSILON_PLACEMENTS: readonly EpsilonPlacement[] = ['outside', 'inside'];

export interface BatchNormOptions {
  /** The learned scale gamma (initialised to 1, fig. 11.6c). Default 1. */
  readonly gamma?: number;
  /** The learned offset delta (initialised to 0). Default 0. */
  readonly delta?: number;
  /** epsilon > 0. Default 1e-5. */
  readonly epsilon?: number;
  /** Where epsilon goes (see the module comment). Default 'outside' (eq. 11.8). */
  readonly placement?: EpsilonPlacement;
}

type ResolvedBatchNormOptions = Required<BatchNormOptions>;

export function resolveBatchNormOptions(options: BatchNormOptions, where = 'batch norm'): ResolvedBatchNormOptions {
  if (typeof options !== 'object' || options === null) throw new Error(`${where}: options must be an object, got ${JSON.stringify(options)}`);
  const finite = (value: unknown, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && Number.isFinite(value))) throw new Error(`${where}: ${name} must be a finite number, got ${JSON.stringify(value)}`);
    return value;
  };
  const epsilon = finite(options.epsilon, 1e-5, 'epsilon');
  if (!(epsilon > 0)) throw new Error(`${where}: epsilon must be > 0, got ${epsilon}`);
  const placement = options.placement ?? 'outside';
  if (!EPSILON_PLACEMENTS.includes(placement)) throw new Error(`${where}: placement must be 'outside' (eq. 11.8) or 'inside' (Problem 11.5), got ${JSON.stringify(placement)}`);
  return { gamma: finite(options.gamma, 1, 'gamma'), delta: finite(options.delta, 0, 'delta'), epsilon, placement };
}

/** The denominator d from the variance v. */
function denominator(v: number, epsilon: number, placement: EpsilonPlacement): number {
  return placement === 'outside' ? Math.sqrt(v) + epsilon : Math.sqrt(v + epsilon);
}

export interface BatchNormForward {
  /** gamma h^ + delta, the same layout as the input. */
  readonly output: Float64Array;
  /** m per unit. */
  readonly means: Float64Array;
  /** d per unit (what each unit's centred values were divided by). */
  readonly denominators: Float64Array;
}

/**
 * Normalises each of `units` hidden units over the `batch` examples of a batch-first array
 * (values[b * units + u]), with the batch's own statistics (training mode).
 */
export function batchNormalise(values: Float64Array, batch: number, units: number, options: BatchNormOptions = {}): BatchNormForward {
  const { gamma, delta, epsilon, placement } = resolveBatchNormOptions(options);
  if (!(values instanceof Float64Array) || values.length !== batch * units) throw new Error(`batch norm: values must be a Float64Array of batch x units = ${batch * units} numbers`);
  const means = new Float64Array(units);
  const denominators = new Float64Array(units);
  for (let b = 0; b < batch; b++) for (let u = 0; u < units; u++) means[u] += values[b * units + u];
  for (let u = 0; u < units; u++) means[u] /= batch;
  const variances = new Float64Array(units);
  for (let b = 0; b < batch; b++) for (let u = 0; u < units; u++) variances[u] += (values[b * units + u] - means[u]) ** 2;
  for (let u = 0; u < units; u++) denominators[u] = denominator(variances[u] / batch, epsilon, placement);
  const output = new Float64Array(values.length);
  for (let b = 0; b < batch; b++) {
    for (let u = 0; u < units; u++) output[b * units + u] = (gamma * (values[b * units + u] - means[u])) / denominators[u] + delta;
  }
  return { output, means, denominators };
}

export interface BatchNormStep {
  /** A stable key: 'm', 'c', 'v', 'd', 'r', 'hHat', 'out', 'dl/dgamma', ... */
  readonly name: string;
  readonly symbol: string;
  /** The defining formula, in TeX. */
  readonly formula: string;
  /** A number for the per-unit statistics, an array (one per example) for the per-example values. */
  readonly value: number | number[];
  readonly pass: 'forward' | 'backward';
}

export interface BatchNormStepThrough {
  readonly options: ResolvedBatchNormOptions;
  readonly forward: BatchNormStep[];
  readonly backward: BatchNormStep[];
  /** Every step's value by name. */
  readonly byName: Record<string, number | number[]>;
}

/**
 * One unit's batch norm over a small batch, forward then backward, as named steps. `upstream` is
 * dl/dout for each example (default: dl/dout_1 = 1 and 0 elsewhere, which shows how one output
 * depends on every input through the batch statistics).
 */
export function batchNormStepThrough(values: readonly number[], options: BatchNormOptions = {}, upstream?: readonly number[]): BatchNormStepThrough {
  const resolved = resolveBatchNormOptions(options, 'batch norm step-through');
  const { gamma, delta, epsilon, placement } = resolved;
  const checkValues = (list: readonly number[], name: string, length?: number): void => {
    if (!Array.isArray(list) || list.length < 2 || (length !== undefined && list.length !== length)) {
      throw new Error(`batch norm step-through: ${name} must be an array of ${length ?? 'at least 2'} numbers, got ${Array.isArray(list) ? list.length : JSON.stringify(list)}`);
    }
    list.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`batch norm step-through: ${name}[${i}] must be a finite number, got ${JSON.stringify(v)}`);
    });
  };
  checkValues(values, 'values');
  const N = values.length;
  const g = upstream ?? values.map((_, i) => (i === 0 ? 1 : 0));
  checkValues(g, 'upstream', N);

  const forward: BatchNormStep[] = [];
  const backward: BatchNormStep[] = [];
  const byName: Record<string, number | number[]> = {};
  const add = (list: BatchNormStep[], pass: BatchNormStep['pass'], name: string, symbol: string, formula: string, value: number | number[]): void => {
    list.push({ name, symbol, formula, value, pass });
    byName[name] = value;
  };

  const h = values.slice();
  const m = h.reduce((a, b) => a + b, 0) / N;
  const c = h.map((v) => v - m);
  const q = c.map((v) => v * v);
  const v = q.reduce((a, b) => a + b, 0) / N;
  const d = denominator(v, epsilon, placement);
  const r = 1 / d;
  const hHat = c.map((value) => value * r);
  const out = hHat.map((value) => gamma * value + delta);
  add(forward, 'forward', 'm', 'm_h', String.raw`\frac{1}{N}\sum_i h_i`, m);
  add(forward, 'forward', 'c', 'c_i', String.raw`h_i - m_h`, c);
  add(forward, 'forward', 'q', 'q_i', String.raw`c_i^2`, q);
  add(forward, 'forward', 'v', 's_h^2', String.raw`\frac{1}{N}\sum_i q_i`, v);
  add(forward, 'forward', 'd', 'd', placement === 'outside' ? String.raw`\sqrt{s_h^2} + \epsilon` : String.raw`\sqrt{s_h^2 + \epsilon}`, d);
  add(forward, 'forward', 'r', 'r', String.raw`1 / d`, r);
  add(forward, 'forward', 'hHat', String.raw`\hat h_i`, String.raw`c_i\, r`, hHat);
  add(forward, 'forward', 'out', String.raw`z_i`, String.raw`\gamma \hat h_i + \delta`, out);

  const dGamma = g.reduce((sum, gi, i) => sum + gi * hHat[i], 0);
  const dDelta = g.reduce((a, b) => a + b, 0);
  const dHHat = g.map((gi) => gamma * gi);
  const dR = dHHat.reduce((sum, value, i) => sum + value * c[i], 0);
  const dD = -dR / (d * d);
  // dd/dv: d = sqrt(v) + epsilon gives 1 / (2 sqrt v); d = sqrt(v + epsilon) gives 1 / (2 d).
  // A constant unit (v = 0) has c = 0, so dl/dd = 0 and nothing flows through v (not 0 x infinity).
  const dV = dD === 0 ? 0 : placement === 'outside' ? dD / (2 * Math.sqrt(v)) : dD / (2 * d);
  const dQ = q.map(() => dV / N);
  const dC = c.map((value, i) => dHHat[i] * r + dQ[i] * 2 * value);
  const dM = -dC.reduce((a, b) => a + b, 0);
  const dH = dC.map((value) => value + dM / N);
  add(backward, 'backward', 'dl/dout', String.raw`\frac{\partial \ell}{\partial z_i}`, String.raw`\text{given}`, g.slice());
  add(backward, 'backward', 'dl/dgamma', String.raw`\frac{\partial \ell}{\partial \gamma}`, String.raw`\sum_i \frac{\partial \ell}{\partial z_i}\hat h_i`, dGamma);
  add(backward, 'backward', 'dl/ddelta', String.raw`\frac{\partial \ell}{\partial \delta}`, String.raw`\sum_i \frac{\partial \ell}{\partial z_i}`, dDelta);
  add(backward, 'backward', 'dl/dhHat', String.raw`\frac{\partial \ell}{\partial \hat h_i}`, String.raw`\gamma \frac{\partial \ell}{\partial z_i}`, dHHat);
  add(backward, 'backward', 'dl/dr', String.raw`\frac{\partial \ell}{\partial r}`, String.raw`\sum_i \frac{\partial \ell}{\partial \hat h_i} c_i`, dR);
  add(backward, 'backward', 'dl/dd', String.raw`\frac{\partial \ell}{\partial d}`, String.raw`-\frac{1}{d^2}\frac{\partial \ell}{\partial r}`, dD);
  add(backward, 'backward', 'dl/dv', String.raw`\frac{\partial \ell}{\partial s_h^2}`, placement === 'outside' ? String.raw`\frac{1}{2 s_h}\frac{\partial \ell}{\partial d}` : String.raw`\frac{1}{2 d}\frac{\partial \ell}{\partial d}`, dV);
  add(backward, 'backward', 'dl/dq', String.raw`\frac{\partial \ell}{\partial q_i}`, String.raw`\frac{1}{N}\frac{\partial \ell}{\partial s_h^2}`, dQ);
  add(backward, 'backward', 'dl/dc', String.raw`\frac{\partial \ell}{\partial c_i}`, String.raw`r \frac{\partial \ell}{\partial \hat h_i} + 2 c_i \frac{\partial \ell}{\partial q_i}`, dC);
  add(backward, 'backward', 'dl/dm', String.raw`\frac{\partial \ell}{\partial m_h}`, String.raw`-\sum_i \frac{\partial \ell}{\partial c_i}`, dM);
  add(backward, 'backward', 'dl/dh', String.raw`\frac{\partial \ell}{\partial h_i}`, String.raw`\frac{\partial \ell}{\partial c_i} + \frac{1}{N}\frac{\partial \ell}{\partial m_h}`, dH);
  return { options: resolved, forward, backward, byName };
}
