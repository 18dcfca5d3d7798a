/**
 * What the loss lab draws from a LossLabSnapshot: the data, the predicted distribution over x
 * (a central curve with a +-2 sd band, class probabilities, or two mixture components), the
 * likelihood bar of each data point (fig. 5.4c-d), and the distribution at one chosen x. Pure:
 * it recomputes the network's predictions with supervised/m1's code from the snapshot's
 * parameters, so the page and the worker agree exactly.
 */
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import {
  FUNCTIONS_MODULE,
  SOFTMAX_CLASSES,
  centralBand,
  createHead,
  densityAt,
  predictAt,
  shapeFor,
  type HeadId,
  type LossLabSnapshot,
  type PredictedDistribution,
} from '../../../supervised/m1';
import type { PlotBand, PlotCurve, PlotPoints } from '../../lib/ui/viz/types';

export interface LabSettings {
  readonly head: HeadId;
  readonly hidden: number;
  readonly learningRate: number;
  readonly sigma: number;
  readonly kappa: number;
  readonly seed: number;
}

export const DEFAULT_LAB_SETTINGS: LabSettings = Object.freeze({ head: 'heteroscedastic', hidden: 12, learningRate: 0.005, sigma: 0.5, kappa: 8, seed: 1 });

export function labRunConfig(settings: LabSettings): ModuleRunConfig {
  return {
    module: FUNCTIONS_MODULE,
    agent: 'loss-lab',
    world: { head: settings.head, ...(settings.head === 'normal-fixed' ? { sigma: settings.sigma } : {}), ...(settings.head === 'von-mises' ? { kappa: settings.kappa } : {}) },
    options: { hidden: settings.hidden, optimiser: { kind: 'adam', learningRate: settings.learningRate } },
    seed: settings.seed,
  };
}

/** The heads as the page lists them, with the book's equations and what their data are. */
export const HEAD_CHOICES: readonly { readonly id: HeadId; readonly title: string; readonly data: string }[] = [
  { id: 'normal-fixed', title: 'Normal, fixed σ (least squares)', data: 'real y, constant noise' },
  { id: 'normal-learned', title: 'Normal, learned constant σ', data: 'real y, constant noise' },
  { id: 'heteroscedastic', title: 'Heteroscedastic normal', data: 'real y, noise growing with x' },
  { id: 'bernoulli', title: 'Bernoulli', data: 'y in {0, 1}' },
  { id: 'softmax', title: 'Categorical (softmax, K = 3)', data: 'y in {0, 1, 2}' },
  { id: 'poisson', title: 'Poisson', data: 'counts y = 0, 1, 2, ...' },
  { id: 'von-mises', title: 'von Mises', data: 'angles y in (−π, π]' },
  { id: 'mixture', title: 'Mixture of two Gaussians', data: 'real y, two branches' },
];

/** TeX for each head: the distribution and its parameters from the network's outputs f. */
export const HEAD_TEX: Record<HeadId, string> = {
  'normal-fixed': String.raw`Pr(y\mid x) = \text{Norm}_y\big[f[x,\boldsymbol\phi],\ \sigma^2\big],\quad \sigma\ \text{fixed}`,
  'normal-learned': String.raw`Pr(y\mid x) = \text{Norm}_y\big[f[x,\boldsymbol\phi],\ \sigma^2\big],\quad \sigma^2 = s^2\ \text{learned}`,
  heteroscedastic: String.raw`\mu = f_1[x,\boldsymbol\phi],\quad \sigma^2 = f_2[x,\boldsymbol\phi]^2`,
  bernoulli: String.raw`\lambda = \text{sig}\big[f[x,\boldsymbol\phi]\big],\quad Pr(y\mid x) = \lambda^{y}(1-\lambda)^{1-y}`,
  softmax: String.raw`Pr(y = k\mid x) = \text{softmax}_k\big[\mathbf f[x,\boldsymbol\phi]\big] = \frac{e^{f_k}}{\sum_{k'} e^{f_{k'}}}`,
  poisson: String.raw`\lambda = \exp\big[f[x,\boldsymbol\phi]\big],\quad Pr(y = k\mid x) = \frac{\lambda^k e^{-\lambda}}{k!}`,
  'von-mises': String.raw`Pr(y\mid x) = \frac{\exp\big[\kappa\cos(y - f[x,\boldsymbol\phi])\big]}{2\pi\, I_0[\kappa]},\quad \kappa\ \text{fixed}`,
  mixture: String.raw`Pr(y\mid x) = \lambda\,\text{Norm}_y[\mu_1,\sigma_1^2] + (1-\lambda)\,\text{Norm}_y[\mu_2,\sigma_2^2],\ \lambda = \text{sig}[f_1]`,
};

const CLASS_COLORS = ['var(--floe-series-1)', 'var(--floe-series-2)', 'var(--floe-series-3)'];

export interface LabPlot {
  readonly curves: PlotCurve[];
  readonly bands: PlotBand[];
  readonly points: PlotPoints[];
  readonly yDomain: readonly [number, number];
  readonly yLabel: string;
}

/** Grid of x for the prediction curves. */
export const LAB_XS: readonly number[] = Array.from({ length: 201 }, (_, k) => k / 200);

/** The predicted distribution at x from the snapshot's parameters. */
export function distributionAt(snapshot: LossLabSnapshot, x: number): PredictedDistribution {
  const head = createHead(snapshot.head, snapshot.settings);
  return predictAt(head, Float64Array.from(snapshot.phi), shapeFor(head, snapshot.hidden), x);
}

/** Breaks a curve of angles where it wraps (a jump of more than pi), so no line crosses the plot. */
export function breakWraps(values: readonly number[]): number[] {
  const out: number[] = [];
  values.forEach((v, k) => {
    if (k > 0 && Math.abs(v - values[k - 1]) > Math.PI) out.push(Number.NaN);
    out.push(v);
  });
  return out;
}

function xsWithBreaks(values: readonly number[]): number[] {
  const out: number[] = [];
  values.forEach((v, k) => {
    if (k > 0 && Math.abs(v - values[k - 1]) > Math.PI) out.push(Number.NaN);
    out.push(LAB_XS[k]);
  });
  return out;
}

function dataRange(y: readonly number[]): [number, number] {
  const lo = Math.min(...y);
  const hi = Math.max(...y);
  const pad = (hi - lo) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** The main plot: data and the predicted distribution across x. */
export function labPlot(snapshot: LossLabSnapshot): LabPlot {
  const predictions = LAB_XS.map((x) => distributionAt(snapshot, x));
  const { x, y } = snapshot.data;
  const dataPoints: PlotPoints = { label: 'data', x, y, color: 'var(--floe-text)' };
  switch (snapshot.head) {
    case 'bernoulli':
      return {
        curves: [{ label: 'λ = Pr(y = 1 | x)', x: LAB_XS, y: predictions.map((p) => (p.kind === 'bernoulli' ? p.p : Number.NaN)) }],
        bands: [],
        points: [dataPoints],
        yDomain: [-0.08, 1.08],
        yLabel: 'y, and Pr(y = 1 | x)',
      };
    case 'softmax':
      return {
        curves: Array.from({ length: SOFTMAX_CLASSES }, (_, k) => ({
          label: `Pr(y = ${k} | x)`,
          x: LAB_XS,
          y: predictions.map((p) => (p.kind === 'categorical' ? p.probabilities[k] : Number.NaN)),
          color: CLASS_COLORS[k],
        })),
        bands: [],
        // The data as a rug at the top, one row per class, in the class's colour.
        points: [{ label: 'data (class by colour)', x, y: y.map((c) => 1.05 + 0.04 * c), color: y.map((c) => CLASS_COLORS[c] ?? 'var(--floe-text)'), radius: 3 }],
        yDomain: [-0.02, 1.16],
        yLabel: 'Pr(y = k | x); data above',
      };
    case 'mixture': {
      const components = [0, 1].map((c) => predictions.map((p) => (p.kind === 'mixture' ? { mean: p.means[c], sd: p.sds[c] } : { mean: Number.NaN, sd: Number.NaN })));
      return {
        curves: components.map((comp, c) => ({ label: `μ${c + 1}(x)`, x: LAB_XS, y: comp.map((m) => m.mean), color: CLASS_COLORS[c] })),
        bands: components.map((comp, c) => ({
          label: `μ${c + 1} ± 2σ${c + 1}`,
          x: LAB_XS,
          lo: comp.map((m) => m.mean - 2 * m.sd),
          hi: comp.map((m) => m.mean + 2 * m.sd),
          color: CLASS_COLORS[c],
          opacity: 0.14,
        })),
        points: [dataPoints],
        yDomain: dataRange(y),
        yLabel: 'y',
      };
    }
    case 'von-mises': {
      const bands = predictions.map((p) => centralBand(p));
      const centre = bands.map((b) => b?.centre ?? Number.NaN);
      return {
        curves: [{ label: 'mean direction μ(x)', x: xsWithBreaks(centre), y: breakWraps(centre) }],
        bands: [{ label: 'μ ± 2/√κ', x: xsWithBreaks(centre), lo: breakWraps(centre).map((c) => c - 2 / Math.sqrt(snapshot.settings.kappa)), hi: breakWraps(centre).map((c) => c + 2 / Math.sqrt(snapshot.settings.kappa)) }],
        points: [dataPoints],
        yDomain: [-Math.PI, Math.PI],
        yLabel: 'angle y (radians)',
      };
    }
    default: {
      const bands = predictions.map((p) => centralBand(p));
      const poisson = snapshot.head === 'poisson';
      return {
        curves: [{ label: poisson ? 'rate λ(x)' : 'mean μ(x)', x: LAB_XS, y: bands.map((b) => b?.centre ?? Number.NaN) }],
        bands: [{ label: poisson ? 'λ ± 2√λ' : 'μ ± 2σ', x: LAB_XS, lo: bands.map((b) => b?.lo ?? Number.NaN), hi: bands.map((b) => b?.hi ?? Number.NaN) }],
        points: [dataPoints],
        yDomain: poisson ? [-0.5, Math.max(...y) + 1.5] : dataRange(y),
        yLabel: poisson ? 'count y' : 'y',
      };
    }
  }
}

/** Fig. 5.4c-d's bars: at each x_i, a bar as tall as Pr(y_i | x_i) (a density or a probability). */
export function likelihoodBars(snapshot: LossLabSnapshot): { coordinates: number[]; max: number } {
  const coordinates: number[] = [];
  let max = 0;
  snapshot.data.x.forEach((x, i) => {
    const p = densityAt(distributionAt(snapshot, x), snapshot.data.y[i]);
    coordinates.push(x, 0, x, p);
    if (Number.isFinite(p)) max = Math.max(max, p);
  });
  return { coordinates, max };
}

/** The distribution over y at one x: a curve for densities, bars for probabilities. */
export function distributionSlice(snapshot: LossLabSnapshot, x: number): { kind: 'density' | 'probability'; ys: number[]; values: number[]; label: string } {
  const d = distributionAt(snapshot, x);
  switch (d.kind) {
    case 'bernoulli':
      return { kind: 'probability', ys: [0, 1], values: [1 - d.p, d.p], label: 'Pr(y | x)' };
    case 'categorical':
      return { kind: 'probability', ys: [0, 1, 2], values: [...d.probabilities], label: 'Pr(y = k | x)' };
    case 'poisson': {
      const top = Math.max(10, Math.ceil(d.rate + 5 * Math.sqrt(d.rate)));
      const ys = Array.from({ length: top + 1 }, (_, k) => k);
      return { kind: 'probability', ys, values: ys.map((k) => densityAt(d, k)), label: 'Pr(y = k | x)' };
    }
    case 'von-mises': {
      const ys = Array.from({ length: 241 }, (_, k) => -Math.PI + (2 * Math.PI * k) / 240);
      return { kind: 'density', ys, values: ys.map((v) => densityAt(d, v)), label: 'Pr(y | x)' };
    }
    default: {
      const [lo, hi] = dataRange(snapshot.data.y);
      const ys = Array.from({ length: 241 }, (_, k) => lo + ((hi - lo) * k) / 240);
      return { kind: 'density', ys, values: ys.map((v) => densityAt(d, v)), label: 'Pr(y | x)' };
    }
  }
}

/**
 * The network's weights as a matrix, one column per hidden unit: its bias beta_0 and input weight
 * omega_0, then its weight into each output f_k (Omega_1, as the book writes it: rows are outputs).
 * The layout is head-network.ts's.
 */
export function weightMatrix(snapshot: LossLabSnapshot): { values: number[][]; rowLabels: string[]; columnLabels: string[] } {
  const hidden = snapshot.hidden;
  const outputs = (snapshot.phi.length - 2 * hidden - createHead(snapshot.head, snapshot.settings).extras) / (hidden + 1);
  const omega1 = 2 * hidden + outputs;
  const units = Array.from({ length: hidden }, (_, d) => d);
  const values = [
    units.map((d) => snapshot.phi[d]),
    units.map((d) => snapshot.phi[hidden + d]),
    ...Array.from({ length: outputs }, (_, k) => units.map((d) => snapshot.phi[omega1 + k * hidden + d])),
  ];
  return {
    values,
    rowLabels: ['bias β₀', 'slope ω₀', ...Array.from({ length: outputs }, (_, k) => `to f${k + 1}`)],
    columnLabels: units.map((d) => `h${d + 1}`),
  };
}
