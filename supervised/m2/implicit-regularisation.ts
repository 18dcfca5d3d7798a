/**
 * Implicit regularisation of gradient descent (section 9.2, fig. 9.3, M2.4). Gradient descent with
 * a finite step alpha does not follow the continuous gradient flow dphi/dt = -grad L; to second
 * order in alpha it follows the flow of the *modified* loss (eq. 9.8)
 *
 *   L~[phi] = L[phi] + (alpha / 4) |grad L[phi]|^2,    grad L~ = grad L + (alpha / 2) H grad L,
 *
 * H the Hessian of L. So on the fig. 9.3 loss (Appendix A.6), whose minima fill the line phi1 = 0,
 * discrete steps end somewhere else than the continuous path, and adding the gradient-norm penalty
 * to the continuous path makes it land where the discrete steps do.
 *
 * `compareImplicitRegularisation` runs all three from one start: discrete GD (steps phi_n at time
 * t = n alpha), the flow of L and the flow of L~, both sampled at the same times, and measures how
 * far the discrete path is from each. The flows are integrated with classical Runge-Kutta (RK4) at
 * `substeps` steps per alpha (default 50, that is a time step of 0.001 at alpha = 0.05, where the
 * notebook takes 10,000 Euler steps of 0.001 for its "continuous" path).
 */
import { landscapeById, type Landscape, type LandscapeId, type Matrix2 } from './landscapes';

type Vector2 = [number, number];

function hessianTimes(h: Matrix2, v: Vector2): Vector2 {
  return [h[0][0] * v[0] + h[0][1] * v[1], h[1][0] * v[0] + h[1][1] * v[1]];
}

function checkAlpha(alpha: unknown, where: string): number {
  if (!(typeof alpha === 'number' && Number.isFinite(alpha) && alpha > 0)) throw new Error(`${where}: alpha must be a finite number > 0, got ${JSON.stringify(alpha)}`);
  return alpha;
}

/** L~ = L + (alpha / 4) |grad L|^2 (eq. 9.8), as a function of phi (for the modified-loss heatmap). */
export function modifiedLoss(landscape: Landscape, alpha: number): (phi: ArrayLike<number>) => number {
  checkAlpha(alpha, 'modified loss');
  return (phi) => {
    const g = landscape.gradient(phi);
    return landscape.loss(phi) + (alpha / 4) * (g[0] * g[0] + g[1] * g[1]);
  };
}

/** grad L~ = grad L + (alpha / 2) H grad L. */
export function modifiedGradient(landscape: Landscape, alpha: number): (phi: ArrayLike<number>) => Float64Array {
  checkAlpha(alpha, 'modified gradient');
  return (phi) => {
    const g = landscape.gradient(phi);
    const hg = hessianTimes(landscape.hessian(phi), [g[0], g[1]]);
    return Float64Array.of(g[0] + (alpha / 2) * hg[0], g[1] + (alpha / 2) * hg[1]);
  };
}

function checkStart(start: unknown, where: string): Vector2 {
  if (!Array.isArray(start) || start.length !== 2 || !start.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`${where}: start must be [phi0, phi1] with finite numbers, got ${JSON.stringify(start)}`);
  }
  return [start[0], start[1]];
}

function checkCount(value: unknown, name: string, where: string, max: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) throw new Error(`${where}: ${name} must be an integer in [1, ${max}], got ${JSON.stringify(value)}`);
  return value;
}

/** Plain gradient descent phi <- phi - alpha grad(phi): the start and `steps` iterates. */
export function gradientDescentPath(gradient: (phi: ArrayLike<number>) => ArrayLike<number>, start: readonly [number, number], alpha: number, steps: number): Vector2[] {
  let phi = checkStart(start, 'gradient descent');
  checkAlpha(alpha, 'gradient descent');
  checkCount(steps, 'steps', 'gradient descent', 1_000_000);
  const path: Vector2[] = [phi];
  for (let n = 0; n < steps; n++) {
    const g = gradient(phi);
    phi = [phi[0] - alpha * g[0], phi[1] - alpha * g[1]];
    path.push(phi);
  }
  return path;
}

/**
 * The gradient flow dphi/dt = -grad(phi) from `start`, integrated by RK4 with time step
 * `interval / substeps`, sampled every `interval` for `samples` intervals (samples + 1 points).
 */
export function gradientFlowPath(gradient: (phi: ArrayLike<number>) => ArrayLike<number>, start: readonly [number, number], interval: number, samples: number, substeps = 50): Vector2[] {
  let phi = checkStart(start, 'gradient flow');
  checkAlpha(interval, 'gradient flow (interval)');
  checkCount(samples, 'samples', 'gradient flow', 1_000_000);
  checkCount(substeps, 'substeps', 'gradient flow', 100_000);
  const h = interval / substeps;
  const velocity = (p: Vector2): Vector2 => {
    const g = gradient(p);
    return [-g[0], -g[1]];
  };
  const path: Vector2[] = [phi];
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < substeps; k++) {
      const k1 = velocity(phi);
      const k2 = velocity([phi[0] + (h / 2) * k1[0], phi[1] + (h / 2) * k1[1]]);
      const k3 = velocity([phi[0] + (h / 2) * k2[0], phi[1] + (h / 2) * k2[1]]);
      const k4 = velocity([phi[0] + h * k3[0], phi[1] + h * k3[1]]);
      phi = [phi[0] + (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]), phi[1] + (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])];
    }
    path.push(phi);
  }
  return path;
}

export interface ImplicitRegularisationOptions {
  /** Which landscape. Default 'implicit-regularisation' (fig. 9.3, Appendix A.6). */
  readonly landscape?: LandscapeId;
  /** Start point. Default [-0.7, -0.75] (notebook 9.2). */
  readonly start?: readonly [number, number];
  /** The discrete step alpha, also the alpha of the modified loss. Default 0.05 (notebook 9.2's "typical" rate). */
  readonly alpha?: number;
  /** Discrete steps; the flows run for the same time, steps * alpha. Default 100. */
  readonly steps?: number;
  /** RK4 steps per alpha of flow time. Default 50. */
  readonly substeps?: number;
}

export interface ImplicitRegularisationComparison {
  readonly landscape: LandscapeId;
  readonly alpha: number;
  /** t_n = n alpha for n = 0..steps. */
  readonly times: number[];
  /** Gradient descent with step alpha on L. */
  readonly discrete: Vector2[];
  /** The continuous flow of L at the times t_n. */
  readonly flow: Vector2[];
  /** The continuous flow of L~ = L + (alpha / 4) |grad L|^2 at the times t_n. */
  readonly modifiedFlow: Vector2[];
  /** |discrete_n - flow_n| and |discrete_n - modifiedFlow_n| for each n. */
  readonly distanceToFlow: number[];
  readonly distanceToModifiedFlow: number[];
}

/** Discrete GD against the flows of L and of the modified loss, from one start (fig. 9.3). */
export function compareImplicitRegularisation(options: ImplicitRegularisationOptions = {}): ImplicitRegularisationComparison {
  if (typeof options !== 'object' || options === null) throw new Error(`implicit regularisation: options must be an object, got ${JSON.stringify(options)}`);
  const landscape = landscapeById(options.landscape ?? 'implicit-regularisation');
  const start = checkStart(options.start ?? [-0.7, -0.75], 'implicit regularisation');
  const alpha = checkAlpha(options.alpha ?? 0.05, 'implicit regularisation');
  const steps = checkCount(options.steps ?? 100, 'steps', 'implicit regularisation', 100_000);
  const substeps = checkCount(options.substeps ?? 50, 'substeps', 'implicit regularisation', 10_000);
  const gradient = (phi: ArrayLike<number>): Float64Array => landscape.gradient(phi);
  const discrete = gradientDescentPath(gradient, start, alpha, steps);
  const flow = gradientFlowPath(gradient, start, alpha, steps, substeps);
  const modifiedFlow = gradientFlowPath(modifiedGradient(landscape, alpha), start, alpha, steps, substeps);
  const distance = (a: Vector2, b: Vector2): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return {
    landscape: landscape.id,
    alpha,
    times: discrete.map((_, n) => n * alpha),
    discrete,
    flow,
    modifiedFlow,
    distanceToFlow: discrete.map((p, n) => distance(p, flow[n])),
    distanceToModifiedFlow: discrete.map((p, n) => distance(p, modifiedFlow[n])),
  };
}
