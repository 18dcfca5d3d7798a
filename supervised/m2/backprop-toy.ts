/**
 * The backprop stepper's numbers (chapter 7, M2.2): the toy model of eq. 7.5,
 *
 *   f[x, phi] = beta3 + omega3 cos[beta2 + omega2 exp[beta1 + omega1 sin[beta0 + omega0 x]]],
 *
 * with the least-squares loss l = (f - y)^2 (eq. 7.6), written as the ordered list of named
 * intermediate values a stepper clicks through:
 *
 * - forward (eq. 7.8): f0 = beta0 + omega0 x, h1 = sin f0, f1 = beta1 + omega1 h1, h2 = exp f1,
 *   f2 = beta2 + omega2 h2, h3 = cos f2, f3 = beta3 + omega3 h3, l = (f3 - y)^2;
 * - backward (eqs. 7.10-7.12): dl/df3 = 2 (f3 - y), then alternately dl/dh_k = omega_k dl/df_k
 *   and dl/df_{k-1} = (dh_k/df_{k-1}) dl/dh_k, with dh/df = cos f0, exp f1, -sin f2;
 * - parameters (eqs. 7.13-7.15): dl/dbeta_k = dl/df_k and dl/domega_k = h_k dl/df_k (h0 = x).
 *
 * With the Appendix A.4 inputs the forward values are f0 = 1.230, h1 = 0.942, f1 = 1.623,
 * h2 = 5.068, f2 = 7.137, h3 = 0.657, f3 = 2.372 and the backward ones dl/df3 = 0.745,
 * dl/dh3 = 2.234, dl/df2 = -1.683, dl/dh2 = -3.366, dl/df1 = -17.060, dl/dh1 = 6.824,
 * dl/df0 = 2.281 (the tests check all of them). Each value says which earlier values it reads,
 * so a view can highlight what the backward pass reuses from the forward pass.
 */
import { BACKPROP_TOY_INPUTS } from '../data/book-data';

export interface BackpropToyInputs {
  /** [beta0, beta1, beta2, beta3]. */
  readonly beta: readonly number[];
  /** [omega0, omega1, omega2, omega3]. */
  readonly omega: readonly number[];
  readonly x: number;
  readonly y: number;
}

export type ToyPass = 'forward' | 'backward' | 'parameter';

export interface ToyQuantity {
  /** A stable key: 'f0', 'h1', 'loss', 'dl/df3', 'dl/dbeta2', ... */
  readonly name: string;
  /** The quantity's symbol in TeX. */
  readonly symbol: string;
  /** Its defining formula in TeX (the right-hand side). */
  readonly formula: string;
  readonly value: number;
  readonly pass: ToyPass;
  /** The names of the quantities the formula reads (inputs and parameters are not listed). */
  readonly reads: readonly string[];
}

export interface BackpropToyResult {
  readonly inputs: BackpropToyInputs;
  /** f0, h1, f1, h2, f2, h3, f3, loss, in order. */
  readonly forward: ToyQuantity[];
  /** dl/df3, dl/dh3, dl/df2, dl/dh2, dl/df1, dl/dh1, dl/df0, in order. */
  readonly backward: ToyQuantity[];
  /** dl/dbeta_k and dl/domega_k for k = 3, 2, 1, 0. */
  readonly parameters: ToyQuantity[];
  /** Every quantity by name. */
  readonly byName: Record<string, number>;
}

function checkInputs(inputs: BackpropToyInputs): BackpropToyInputs {
  if (typeof inputs !== 'object' || inputs === null) throw new Error(`backprop toy: inputs must be { beta, omega, x, y }, got ${JSON.stringify(inputs)}`);
  for (const name of ['beta', 'omega'] as const) {
    const values = inputs[name];
    if (!Array.isArray(values) || values.length !== 4) throw new Error(`backprop toy: ${name} must be an array of 4 numbers, got ${JSON.stringify(values)}`);
    values.forEach((v, k) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`backprop toy: ${name}[${k}] must be a finite number, got ${JSON.stringify(v)}`);
    });
  }
  for (const name of ['x', 'y'] as const) {
    if (typeof inputs[name] !== 'number' || !Number.isFinite(inputs[name])) throw new Error(`backprop toy: ${name} must be a finite number, got ${JSON.stringify(inputs[name])}`);
  }
  return { beta: inputs.beta.slice(), omega: inputs.omega.slice(), x: inputs.x, y: inputs.y };
}

/** The eq. 7.5 network's output and loss (no intermediate values): for finite differences. */
export function toyLoss(inputs: BackpropToyInputs): number {
  const { beta, omega, x, y } = inputs;
  const f3 = beta[3] + omega[3] * Math.cos(beta[2] + omega[2] * Math.exp(beta[1] + omega[1] * Math.sin(beta[0] + omega[0] * x)));
  return (f3 - y) ** 2;
}

/** Every forward, backward and parameter-derivative value of the eq. 7.5 toy (default: the A.4 inputs). */
export function backpropToy(inputs: BackpropToyInputs = BACKPROP_TOY_INPUTS): BackpropToyResult {
  const { beta, omega, x, y } = checkInputs(inputs);
  const forward: ToyQuantity[] = [];
  const backward: ToyQuantity[] = [];
  const parameters: ToyQuantity[] = [];
  const byName: Record<string, number> = {};
  const add = (list: ToyQuantity[], pass: ToyPass, name: string, symbol: string, formula: string, value: number, reads: string[]): number => {
    list.push({ name, symbol, formula, value, pass, reads });
    byName[name] = value;
    return value;
  };

  // Forward pass (eq. 7.8).
  const f0 = add(forward, 'forward', 'f0', 'f_0', String.raw`\beta_0 + \omega_0 x`, beta[0] + omega[0] * x, []);
  const h1 = add(forward, 'forward', 'h1', 'h_1', String.raw`\sin[f_0]`, Math.sin(f0), ['f0']);
  const f1 = add(forward, 'forward', 'f1', 'f_1', String.raw`\beta_1 + \omega_1 h_1`, beta[1] + omega[1] * h1, ['h1']);
  const h2 = add(forward, 'forward', 'h2', 'h_2', String.raw`\exp[f_1]`, Math.exp(f1), ['f1']);
  const f2 = add(forward, 'forward', 'f2', 'f_2', String.raw`\beta_2 + \omega_2 h_2`, beta[2] + omega[2] * h2, ['h2']);
  const h3 = add(forward, 'forward', 'h3', 'h_3', String.raw`\cos[f_2]`, Math.cos(f2), ['f2']);
  const f3 = add(forward, 'forward', 'f3', 'f_3', String.raw`\beta_3 + \omega_3 h_3`, beta[3] + omega[3] * h3, ['h3']);
  add(forward, 'forward', 'loss', String.raw`\ell`, String.raw`(f_3 - y)^2`, (f3 - y) ** 2, ['f3']);

  // Backward pass (eqs. 7.10-7.12): each dh/df reuses a forward value.
  const df3 = add(backward, 'backward', 'dl/df3', String.raw`\frac{\partial \ell}{\partial f_3}`, String.raw`2(f_3 - y)`, 2 * (f3 - y), ['f3']);
  const dh3 = add(backward, 'backward', 'dl/dh3', String.raw`\frac{\partial \ell}{\partial h_3}`, String.raw`\omega_3 \frac{\partial \ell}{\partial f_3}`, omega[3] * df3, ['dl/df3']);
  const df2 = add(backward, 'backward', 'dl/df2', String.raw`\frac{\partial \ell}{\partial f_2}`, String.raw`-\sin[f_2] \frac{\partial \ell}{\partial h_3}`, -Math.sin(f2) * dh3, ['f2', 'dl/dh3']);
  const dh2 = add(backward, 'backward', 'dl/dh2', String.raw`\frac{\partial \ell}{\partial h_2}`, String.raw`\omega_2 \frac{\partial \ell}{\partial f_2}`, omega[2] * df2, ['dl/df2']);
  const df1 = add(backward, 'backward', 'dl/df1', String.raw`\frac{\partial \ell}{\partial f_1}`, String.raw`\exp[f_1] \frac{\partial \ell}{\partial h_2}`, Math.exp(f1) * dh2, ['f1', 'dl/dh2']);
  const dh1 = add(backward, 'backward', 'dl/dh1', String.raw`\frac{\partial \ell}{\partial h_1}`, String.raw`\omega_1 \frac{\partial \ell}{\partial f_1}`, omega[1] * df1, ['dl/df1']);
  const df0 = add(backward, 'backward', 'dl/df0', String.raw`\frac{\partial \ell}{\partial f_0}`, String.raw`\cos[f_0] \frac{\partial \ell}{\partial h_1}`, Math.cos(f0) * dh1, ['f0', 'dl/dh1']);

  // Parameter derivatives (eqs. 7.13-7.15): df_k/dbeta_k = 1 and df_k/domega_k = h_k, with h_0 = x.
  const pre = [df0, df1, df2, df3];
  const activation = [x, h1, h2, h3];
  for (let k = 3; k >= 0; k--) {
    add(parameters, 'parameter', `dl/dbeta${k}`, String.raw`\frac{\partial \ell}{\partial \beta_${k}}`, String.raw`\frac{\partial \ell}{\partial f_${k}}`, pre[k], [`dl/df${k}`]);
    add(
      parameters,
      'parameter',
      `dl/domega${k}`,
      String.raw`\frac{\partial \ell}{\partial \omega_${k}}`,
      k === 0 ? String.raw`x \frac{\partial \ell}{\partial f_0}` : String.raw`h_${k} \frac{\partial \ell}{\partial f_${k}}`,
      activation[k] * pre[k],
      k === 0 ? ['dl/df0'] : [`h${k}`, `dl/df${k}`],
    );
  }
  return { inputs: { beta, omega, x, y }, forward, backward, parameters, byName };
}

/**
 * Central finite differences of the loss with respect to every beta_k and omega_k (step h): what
 * the stepper compares the backward pass with.
 */
export function toyFiniteDifferences(inputs: BackpropToyInputs = BACKPROP_TOY_INPUTS, h = 1e-6): { beta: number[]; omega: number[] } {
  const checked = checkInputs(inputs);
  if (!(typeof h === 'number' && Number.isFinite(h) && h > 0)) throw new Error(`backprop toy: finite-difference step h must be a finite number > 0, got ${JSON.stringify(h)}`);
  const derivative = (name: 'beta' | 'omega', k: number): number => {
    const shifted = (delta: number): number => {
      const values = checked[name].slice();
      values[k] += delta;
      return toyLoss({ ...checked, [name]: values });
    };
    return (shifted(h) - shifted(-h)) / (2 * h);
  };
  return { beta: [0, 1, 2, 3].map((k) => derivative('beta', k)), omega: [0, 1, 2, 3].map((k) => derivative('omega', k)) };
}
