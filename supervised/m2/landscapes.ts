/**
 * The two-parameter loss landscapes of chapters 6 and 9, with exact values, gradients and
 * Hessians, for the optimiser race, the loss-surface heatmaps and the implicit-regularisation view.
 *
 * | id                        | loss                                                              | source                  |
 * |---------------------------|-------------------------------------------------------------------|-------------------------|
 * | `linear-regression`       | sum_i (phi0 + phi1 x_i - y_i)^2 on the 12 points (eqs. 2.5, 6.7)   | Appendix A.1            |
 * | `gabor`                   | sum_i (f[x_i, phi] - y_i)^2, f the Gabor model (eqs. 6.8, 6.9)     | Appendix A.2 (30 points)|
 * | `anisotropic-bowl`        | 1 - exp(-2 phi1^2) exp(-(phi0 - 0.7)^2 / 8) (fig. 6.9)             | Appendix A.3            |
 * | `implicit-regularisation` | 1 - exp(-phi1^2 / (2 s^2)), s = exp(-2 phi0^2) (fig. 9.3)          | Appendix A.6            |
 *
 * The two data landscapes are sums of per-example terms (an `Objective` from supervised/core), so
 * SGD can draw batches from them; the two toy losses are single-term objectives. Every loss is the
 * book's plain sum of squares (no 1/2, no mean), as the notebooks compute it.
 *
 * `window` is the notebook's plot range for the heatmap. The notebooks take gradients by finite
 * differences for the two toy losses; here every gradient and Hessian is written out analytically
 * (the tests check them against central differences).
 */
import { functionObjective, type Objective } from '../core/objective';
import { GABOR_DATA, LINEAR_REGRESSION_DATA, gaborModel, linearModel, type BookDataset1d, type Phi2 } from '../data/book-data';

export type LandscapeId = 'linear-regression' | 'gabor' | 'anisotropic-bowl' | 'implicit-regularisation';
export const LANDSCAPE_IDS: readonly LandscapeId[] = ['linear-regression', 'gabor', 'anisotropic-bowl', 'implicit-regularisation'];

/** A symmetric 2 x 2 matrix [[h00, h01], [h01, h11]] as plain rows. */
export type Matrix2 = [[number, number], [number, number]];

/** A rectangle of parameter space: phi0 from phi0[0] to phi0[1], phi1 from phi1[0] to phi1[1]. */
export interface Window2d {
  readonly phi0: readonly [number, number];
  readonly phi1: readonly [number, number];
}

export interface Landscape {
  readonly id: LandscapeId;
  readonly title: string;
  /** What phi0 and phi1 mean here, for axis labels. */
  readonly parameterNames: readonly [string, string];
  /** The loss as the book writes it, in TeX. */
  readonly lossTex: string;
  /** The loss as a sum of per-example terms (one term for the toy losses): what SGD samples from. */
  readonly objective: Objective;
  /** The plot window of the companion notebook. */
  readonly window: Window2d;
  /** The dataset and model behind a data landscape (for the "current fit" inset); null for the toy losses. */
  readonly fit: { readonly data: BookDataset1d; readonly model: (phi: Phi2, x: number) => number } | null;
  /** Where the numbers come from. */
  readonly source: string;
  /** L[phi], the full loss. */
  loss(phi: ArrayLike<number>): number;
  /** dL/dphi, a fresh array. */
  gradient(phi: ArrayLike<number>): Float64Array;
  /** The Hessian d^2L/dphi^2 (eqs. 6.19-6.20). */
  hessian(phi: ArrayLike<number>): Matrix2;
}

function checkPhi(phi: ArrayLike<number>, where: string): Phi2 {
  if (phi === null || typeof phi !== 'object' || typeof phi.length !== 'number') throw new Error(`${where}: phi must be an array of 2 numbers, got ${JSON.stringify(phi)}`);
  if (phi.length !== 2) throw new Error(`${where}: phi must have 2 numbers [phi0, phi1], got ${phi.length}`);
  if (!Number.isFinite(phi[0]) || !Number.isFinite(phi[1])) throw new Error(`${where}: phi must be finite, got [${phi[0]}, ${phi[1]}]`);
  return [phi[0], phi[1]];
}

/** One least-squares term's value, gradient and Hessian from the model's value and derivatives. */
interface TermParts {
  /** f[x_i, phi] */
  readonly f: number;
  /** df/dphi */
  readonly df: readonly [number, number];
  /** d^2f/dphi^2 */
  readonly d2f: Matrix2;
}

/** A landscape that sums (f[x_i, phi] - y_i)^2 over a dataset, from one function giving f and its derivatives. */
function leastSquaresLandscape(
  base: Omit<Landscape, 'objective' | 'loss' | 'gradient' | 'hessian' | 'fit'>,
  data: BookDataset1d,
  model: (phi: Phi2, x: number) => number,
  parts: (phi: Phi2, x: number) => TermParts,
): Landscape {
  const where = `${base.id} landscape`;
  const termGradient = (phi: Phi2, i: number): Float64Array => {
    const { f, df } = parts(phi, data.x[i]);
    const residual = f - data.y[i];
    return Float64Array.of(2 * residual * df[0], 2 * residual * df[1]);
  };
  const objective: Objective = {
    dimension: 2,
    terms: data.x.length,
    termLoss: (phi, i) => (model(checkPhi(phi, where), data.x[i]) - data.y[i]) ** 2,
    termGradient: (phi, i) => termGradient(checkPhi(phi, where), i),
  };
  return {
    ...base,
    objective,
    fit: { data, model },
    loss(phi) {
      const p = checkPhi(phi, where);
      let total = 0;
      for (let i = 0; i < data.x.length; i++) total += (model(p, data.x[i]) - data.y[i]) ** 2;
      return total;
    },
    gradient(phi) {
      const p = checkPhi(phi, where);
      const total = new Float64Array(2);
      for (let i = 0; i < data.x.length; i++) {
        const g = termGradient(p, i);
        total[0] += g[0];
        total[1] += g[1];
      }
      return total;
    },
    hessian(phi) {
      // d^2 (f - y)^2 = 2 (df df^T + (f - y) d^2f): the Gauss-Newton part plus the curvature part.
      const p = checkPhi(phi, where);
      let h00 = 0;
      let h01 = 0;
      let h11 = 0;
      for (let i = 0; i < data.x.length; i++) {
        const { f, df, d2f } = parts(p, data.x[i]);
        const residual = f - data.y[i];
        h00 += 2 * (df[0] * df[0] + residual * d2f[0][0]);
        h01 += 2 * (df[0] * df[1] + residual * d2f[0][1]);
        h11 += 2 * (df[1] * df[1] + residual * d2f[1][1]);
      }
      return [
        [h00, h01],
        [h01, h11],
      ];
    },
  };
}

/** A.1: the line phi0 + phi1 x through the 12 points; a convex bowl (eq. 6.7 gradients). */
export const LINEAR_REGRESSION_LANDSCAPE: Landscape = leastSquaresLandscape(
  {
    id: 'linear-regression',
    title: 'Linear regression (12 points)',
    parameterNames: ['intercept φ₀', 'slope φ₁'],
    lossTex: String.raw`L[\boldsymbol\phi] = \sum_{i=1}^{12} (\phi_0 + \phi_1 x_i - y_i)^2`,
    window: { phi0: [0, 2], phi1: [-1, 1] },
    source: LINEAR_REGRESSION_DATA.source,
  },
  LINEAR_REGRESSION_DATA,
  linearModel,
  (phi, x) => ({
    f: linearModel(phi, x),
    df: [1, x],
    d2f: [
      [0, 0],
      [0, 0],
    ],
  }),
);

/**
 * A.2: the Gabor model f = sin(a) exp(-a^2 / 32), a = phi0 + 0.06 phi1 x, on the notebook's 30
 * points: many local minima, one global minimum and a saddle (fig. 6.4). With G = exp(-a^2 / 32),
 * df/da = G (cos a - (a / 16) sin a) and d^2f/da^2 = G ((a^2 / 256 - 17 / 16) sin a - (a / 8) cos a);
 * da/dphi = [1, 0.06 x].
 */
export const GABOR_LANDSCAPE: Landscape = leastSquaresLandscape(
  {
    id: 'gabor',
    title: 'Gabor model (30 points)',
    parameterNames: ['offset φ₀', 'frequency φ₁'],
    lossTex: String.raw`L[\boldsymbol\phi] = \sum_{i=1}^{30} \Big(\sin[\phi_0 + 0.06\phi_1 x_i]\,\exp\!\big[-\tfrac{(\phi_0 + 0.06\phi_1 x_i)^2}{32}\big] - y_i\Big)^2`,
    window: { phi0: [-10, 10], phi1: [2.5, 22.5] },
    source: GABOR_DATA.source,
  },
  GABOR_DATA,
  gaborModel,
  (phi, x) => {
    const a = phi[0] + 0.06 * phi[1] * x;
    const gauss = Math.exp(-(a * a) / 32);
    const sin = Math.sin(a);
    const cos = Math.cos(a);
    const dfda = gauss * (cos - (a / 16) * sin);
    const d2fda2 = gauss * ((a * a / 256 - 17 / 16) * sin - (a / 8) * cos);
    const dadphi1 = 0.06 * x;
    return {
      f: sin * gauss,
      df: [dfda, dfda * dadphi1],
      d2f: [
        [d2fda2, d2fda2 * dadphi1],
        [d2fda2 * dadphi1, d2fda2 * dadphi1 * dadphi1],
      ],
    };
  },
);

/** A landscape that is a plain function of phi (one objective term). */
function functionLandscape(
  base: Omit<Landscape, 'objective' | 'loss' | 'gradient' | 'hessian' | 'fit'>,
  loss: (phi: Phi2) => number,
  gradient: (phi: Phi2) => [number, number],
  hessian: (phi: Phi2) => Matrix2,
): Landscape {
  const where = `${base.id} landscape`;
  const value = (phi: ArrayLike<number>): number => loss(checkPhi(phi, where));
  const slope = (phi: ArrayLike<number>): Float64Array => Float64Array.from(gradient(checkPhi(phi, where)));
  return {
    ...base,
    objective: functionObjective(2, value, slope),
    fit: null,
    loss: value,
    gradient: slope,
    hessian: (phi) => hessian(checkPhi(phi, where)),
  };
}

/**
 * A.3 (fig. 6.9): L = 1 - E, E = exp(-2 phi1^2) exp(-(phi0 - 0.7)^2 / 8), minimum 0 at (0.7, 0).
 * Steep across phi1 (curvature 4 at the minimum) and shallow along phi0 (curvature 1/4): no single
 * learning rate suits both directions, which is what Adam fixes.
 */
export const ANISOTROPIC_BOWL_LANDSCAPE: Landscape = functionLandscape(
  {
    id: 'anisotropic-bowl',
    title: 'Anisotropic bowl (fig. 6.9)',
    parameterNames: ['φ₀', 'φ₁'],
    lossTex: String.raw`L[\boldsymbol\phi] = 1 - \exp\!\big[-2\phi_1^2\big]\exp\!\big[-\tfrac{(\phi_0 - 0.7)^2}{8}\big]`,
    window: { phi0: [-1, 1], phi1: [-1, 1] },
    source: 'udlbook/udlbook Notebooks/Chap06/6_5_Adam.ipynb (Appendix A.3)',
  },
  ([p0, p1]) => 1 - Math.exp(-2 * p1 * p1) * Math.exp(-((p0 - 0.7) ** 2) / 8),
  ([p0, p1]) => {
    const e = Math.exp(-2 * p1 * p1) * Math.exp(-((p0 - 0.7) ** 2) / 8);
    return [(e * (p0 - 0.7)) / 4, 4 * p1 * e];
  },
  ([p0, p1]) => {
    // With u = (phi0 - 0.7) / 4 and w = 4 phi1, dE/dphi0 = -u E and dE/dphi1 = -w E.
    const e = Math.exp(-2 * p1 * p1) * Math.exp(-((p0 - 0.7) ** 2) / 8);
    const u = (p0 - 0.7) / 4;
    const w = 4 * p1;
    return [
      [e * (0.25 - u * u), -e * u * w],
      [-e * u * w, e * (4 - w * w)],
    ];
  },
);

/**
 * A.6 (fig. 9.3): L = 1 - exp(-u / 2), u = phi1^2 exp(4 phi0^2) (that is phi1^2 / s^2 with
 * s = exp(-2 phi0^2)). Zero on the whole line phi1 = 0: a family of minima, a valley that narrows
 * as |phi0| grows. With E = exp(-u / 2) and w = exp(4 phi0^2):
 *   dL/dphi0 = 4 phi0 u E,   dL/dphi1 = phi1 w E,
 *   H00 = E (4u + 32 phi0^2 u - 16 phi0^2 u^2),  H01 = E phi0 phi1 w (8 - 4u),  H11 = w E (1 - u).
 */
export const IMPLICIT_REGULARISATION_LANDSCAPE: Landscape = functionLandscape(
  {
    id: 'implicit-regularisation',
    title: 'Family of minima (fig. 9.3)',
    parameterNames: ['φ₀', 'φ₁'],
    lossTex: String.raw`L[\boldsymbol\phi] = 1 - \exp\!\Big[-\frac{\phi_1^2}{2s^2}\Big],\quad s = \exp\!\big[-2\phi_0^2\big]`,
    window: { phi0: [-0.8, 0.5], phi1: [-0.8, 0.5] },
    source: 'udlbook/udlbook Notebooks/Chap09/9_2_Implicit_Regularization.ipynb (Appendix A.6)',
  },
  ([p0, p1]) => 1 - Math.exp(-0.5 * p1 * p1 * Math.exp(4 * p0 * p0)),
  ([p0, p1]) => {
    const w = Math.exp(4 * p0 * p0);
    const u = p1 * p1 * w;
    const e = Math.exp(-0.5 * u);
    return [4 * p0 * u * e, p1 * w * e];
  },
  ([p0, p1]) => {
    const w = Math.exp(4 * p0 * p0);
    const u = p1 * p1 * w;
    const e = Math.exp(-0.5 * u);
    const h01 = e * p0 * p1 * w * (8 - 4 * u);
    return [
      [e * (4 * u + 32 * p0 * p0 * u - 16 * p0 * p0 * u * u), h01],
      [h01, w * e * (1 - u)],
    ];
  },
);

const LANDSCAPES: Record<LandscapeId, Landscape> = {
  'linear-regression': LINEAR_REGRESSION_LANDSCAPE,
  gabor: GABOR_LANDSCAPE,
  'anisotropic-bowl': ANISOTROPIC_BOWL_LANDSCAPE,
  'implicit-regularisation': IMPLICIT_REGULARISATION_LANDSCAPE,
};

/** The landscape with this id; throws a message listing the ids otherwise. */
export function landscapeById(id: unknown): Landscape {
  if (typeof id !== 'string' || !(LANDSCAPE_IDS as readonly string[]).includes(id)) {
    throw new Error(`landscape: id must be one of ${LANDSCAPE_IDS.map((l) => `'${l}'`).join(', ')}, got ${JSON.stringify(id)}`);
  }
  return LANDSCAPES[id as LandscapeId];
}

export type CriticalPointKind = 'minimum' | 'maximum' | 'saddle' | 'degenerate';

/** The eigenvalues of a symmetric 2 x 2 Hessian (ascending) and what they say about a critical point (section 6.1.2). */
export function classifyCurvature(hessian: Matrix2, tolerance = 1e-12): { eigenvalues: [number, number]; kind: CriticalPointKind } {
  const [[a, b], [, d]] = hessian;
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  const eigenvalues: [number, number] = [mean - radius, mean + radius];
  const scale = Math.max(1, Math.abs(eigenvalues[0]), Math.abs(eigenvalues[1]));
  const sign = (lambda: number): number => (Math.abs(lambda) <= tolerance * scale ? 0 : Math.sign(lambda));
  const [low, high] = eigenvalues.map(sign);
  const kind: CriticalPointKind = low > 0 ? 'minimum' : high < 0 ? 'maximum' : low < 0 && high > 0 ? 'saddle' : 'degenerate';
  return { eigenvalues, kind };
}
