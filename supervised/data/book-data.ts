/**
 * The small datasets of the book's companion notebooks that the chapter 2-7 modules use
 * (book-chapters.md, Appendix A), as frozen arrays, with the models and the loss the book checks
 * them with. The numbers come from udlbook/udlbook's notebooks, not from the book's text (the
 * text gives only the shapes of these datasets); each constant names its notebook.
 *
 * - A.1, the 12-point linear regression data (figures 2.2-2.4, 6.1).
 * - A.2, the Gabor data (figures 6.3-6.6): 30 points in the notebooks, where the text says 28.
 * - A.4, the inputs of the backprop toy of eq. 7.5.
 *
 * The loss is the book's least squares, eq. 2.5 and 6.9: L[phi] = sum_i (f[x_i, phi] - y_i)^2,
 * a plain sum over the points with no 1/2 and no mean. With it, the 12 points give the
 * notebooks' check L = 12.367 at phi = [0.6, -0.2].
 *
 * The Gabor check, 16.419, is the Gabor loss at phi = [0.6, -0.2] as well: notebook 6_3 reuses
 * the linear notebook's test point for its loss check (`compute_loss(..., [[0.6], [-0.2]])`,
 * "Correct loss = 16.419"). The reference (Appendix A.2) and issue 8 put it at phi = [-5, 25],
 * which is the notebook's starting point for drawing the model; the loss there is 6.2977 (our
 * computation, no book number). The tests check both.
 */

/** A 1-D regression dataset: inputs x_i, targets y_i, and where the numbers come from. */
export interface BookDataset1d {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly source: string;
}

/** A.1: the 12 (x, y) pairs of the linear regression figures. */
export const LINEAR_REGRESSION_DATA: BookDataset1d = Object.freeze({
  x: Object.freeze([0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9]),
  y: Object.freeze([0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6]),
  source: 'udlbook/udlbook Notebooks/Chap06/6_1_Line_Search.ipynb and 6_2_Gradient_Descent.ipynb (Appendix A.1)',
});

/** A.2: the 30 (x, y) pairs the Gabor model is fitted to (generated near phi = [0, 16.6] plus noise). */
export const GABOR_DATA: BookDataset1d = Object.freeze({
  x: Object.freeze([
    -1.92, -14.22, 1.49, -1.94, -2.389, -5.09, -8.861, 3.578, -6.01, -6.995, 3.634, 0.8743, -10.96, 0.4073, -9.467,
    8.56, 10.62, -0.1729, 10.4, -12.61, 0.1574, -13.04, -2.156, -12.1, -11.19, 2.902, -8.22, -11.79, -8.391, -4.505,
  ]),
  y: Object.freeze([
    -1.051, -0.02482, 0.8896, -0.4943, -0.9371, 0.4306, 0.009577, -0.07944, 0.1624, -0.2682, -0.3129, 0.8303, -0.02365,
    0.5098, -0.2777, 0.3367, 0.1927, -0.2222, 0.06352, 0.006888, 0.03224, 0.01091, -0.5706, -0.05258, -0.03666, 0.1709,
    -0.04805, 0.2008, -0.1904, 0.5952,
  ]),
  source: 'udlbook/udlbook Notebooks/Chap06/6_3_Stochastic_Gradient_Descent.ipynb and 6_4_Momentum.ipynb (Appendix A.2)',
});

/** A.4: the parameters and the single (x, y) pair of the eq. 7.5 backprop toy. */
export const BACKPROP_TOY_INPUTS = Object.freeze({
  beta: Object.freeze([1.0, 2.0, -3.0, 0.4]),
  omega: Object.freeze([0.1, -0.4, 2.0, 3.0]),
  x: 2.3,
  y: 2.0,
  source: 'udlbook/udlbook Notebooks/Chap07/7_1_Backpropagation_in_Toy_Model.ipynb (Appendix A.4)',
});

/** Two parameters, phi = [phi0, phi1], in the book's order. */
export type Phi2 = readonly [number, number];

/** Eq. 2.4: the line f[x, phi] = phi0 + phi1 x (intercept phi0, slope phi1). */
export function linearModel(phi: Phi2, x: number): number {
  return phi[0] + phi[1] * x;
}

/** Eq. 6.8: the Gabor model f[x, phi] = sin(phi0 + 0.06 phi1 x) exp(-(phi0 + 0.06 phi1 x)^2 / 32). */
export function gaborModel(phi: Phi2, x: number): number {
  const argument = phi[0] + 0.06 * phi[1] * x;
  return Math.sin(argument) * Math.exp(-(argument * argument) / 32);
}

/** Eq. 2.5 / 6.9: sum over the points of the squared residual, no 1/2 and no mean. */
export function sumOfSquaresLoss(model: (phi: Phi2, x: number) => number, data: BookDataset1d, phi: Phi2): number {
  let loss = 0;
  for (let i = 0; i < data.x.length; i++) {
    const residual = model(phi, data.x[i]) - data.y[i];
    loss += residual * residual;
  }
  return loss;
}
