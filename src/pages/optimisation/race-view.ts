/**
 * What the race part draws, from its setup and the session's snapshot: the loss surface of each
 * landscape (a grid over the notebook's window, with its lowest point), racer colours, the
 * current fits on the data landscapes, and each optimiser's update rule in TeX, in the book's or
 * the library's form. Pure functions of plain data.
 */
import type { OptimiserForm, OptimiserKind } from '../../../supervised/core/optimisers/config';
import { landscapeById, type Landscape } from '../../../supervised/m2/landscapes';
import type { RacerTrajectory } from '../../../supervised/m2/optimiser-race';
import type { RaceLandscapeId } from '../../../supervised/m2-session/race-setup';
import { sampleGrid, type Grid2d } from '../../lib/ui/viz/contours';
import type { ColorScaleKind } from '../../lib/ui/viz/colormaps';

export type Point = readonly [number, number];

/** Racer k's colour: the theme's series palette, the same on the surface, in the chart and the table. */
export function racerColor(k: number): string {
  return `var(--floe-series-${(k % 6) + 1})`;
}

export interface LandscapeView {
  readonly landscape: Landscape;
  readonly grid: Grid2d;
  /** The grid's lowest point (the global minimum, to the grid's resolution). */
  readonly lowest: Point;
  readonly lowestLoss: number;
  /** Log colours for the sums of squares (they span decades); linear for the bowl, whose minimum is 0. */
  readonly colorScale: ColorScaleKind;
}

const views = new Map<RaceLandscapeId, LandscapeView>();

/** The landscape's surface over its notebook window, 121 x 121 (computed once per landscape). */
export function landscapeView(id: RaceLandscapeId): LandscapeView {
  const cached = views.get(id);
  if (cached) return cached;
  const landscape = landscapeById(id);
  const { phi0, phi1 } = landscape.window;
  const grid = sampleGrid((a, b) => landscape.loss([a, b]), [phi0[0], phi0[1]], [phi1[0], phi1[1]], 121, 121);
  let best = 0;
  for (let k = 1; k < grid.values.length; k++) if (grid.values[k] < grid.values[best]) best = k;
  const column = best % grid.nx;
  const row = Math.floor(best / grid.nx);
  const lowest: Point = [phi0[0] + (column * (phi0[1] - phi0[0])) / (grid.nx - 1), phi1[0] + (row * (phi1[1] - phi1[0])) / (grid.ny - 1)];
  const view: LandscapeView = { landscape, grid, lowest, lowestLoss: grid.values[best], colorScale: id === 'anisotropic-bowl' ? 'linear' : 'log' };
  views.set(id, view);
  return view;
}

/** True when phi lies inside the landscape's plotted window. */
export function inWindow(landscape: Landscape, phi: Point): boolean {
  const { phi0, phi1 } = landscape.window;
  return phi[0] >= phi0[0] && phi[0] <= phi0[1] && phi[1] >= phi1[0] && phi[1] <= phi1[1];
}

/** phi clamped into the window (where a drag may put the start). */
export function clampToWindow(landscape: Landscape, phi: Point): Point {
  const { phi0, phi1 } = landscape.window;
  return [Math.min(Math.max(phi[0], phi0[0]), phi0[1]), Math.min(Math.max(phi[1], phi1[0]), phi1[1])];
}

/** A model curve f[x, phi] over the data's x range (the current fit of one racer). */
export function fitCurve(landscape: Landscape, phi: Point, samples = 160): { x: number[]; y: number[] } {
  if (!landscape.fit) return { x: [], y: [] };
  const xs = landscape.fit.data.x;
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  const x = Array.from({ length: samples }, (_, k) => low + ((high - low) * k) / (samples - 1));
  return { x, y: x.map((v) => landscape.fit!.model([phi[0], phi[1]], v)) };
}

/** The racer's latest point. */
export function currentPoint(t: RacerTrajectory): Point {
  return t.points[t.points.length - 1];
}

/** phi1 against the step: how each racer moves across the steep direction (fig. 6.9). */
export function coordinateCurve(t: RacerTrajectory, coordinate: 0 | 1): { x: number[]; y: number[] } {
  return { x: t.points.map((_, k) => k), y: t.points.map((p) => p[coordinate]) };
}

const BATCH_SUM = String.raw`\mathbf{g}_t = \sum_{i \in \mathcal{B}_t} \frac{\partial \ell_i[\boldsymbol\phi_t]}{\partial \boldsymbol\phi}`;
const BATCH_MEAN = String.raw`\mathbf{g}_t = \frac{1}{|\mathcal{B}_t|}\sum_{i \in \mathcal{B}_t} \frac{\partial \ell_i[\boldsymbol\phi_t]}{\partial \boldsymbol\phi}`;

/** The batch gradient each form uses: the book sums (eq. 6.10), the libraries average. */
export function batchGradientTex(form: OptimiserForm): string {
  return form === 'book' ? BATCH_SUM : BATCH_MEAN;
}

export interface UpdateRule {
  readonly name: string;
  readonly equation: string;
  readonly tex: string;
}

/** Lines stacked and centred (display math): the side column is narrow. */
function lines(...rows: string[]): string {
  return String.raw`\begin{gathered}` + rows.join(String.raw` \\ `) + String.raw`\end{gathered}`;
}

const PHI_NEXT = String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha\,\mathbf{m}_{t+1}`;
const ADAM_MOMENTS = [
  String.raw`\mathbf{m}_{t+1} = \beta\mathbf{m}_t + (1-\beta)\,\mathbf{g}_t`,
  String.raw`\mathbf{v}_{t+1} = \gamma\mathbf{v}_t + (1-\gamma)\,\mathbf{g}_t^2`,
  String.raw`\tilde{\mathbf{m}}_{t+1} = \frac{\mathbf{m}_{t+1}}{1-\beta^{t+1}},\quad \tilde{\mathbf{v}}_{t+1} = \frac{\mathbf{v}_{t+1}}{1-\gamma^{t+1}}`,
];

/** One optimiser's update, in the form that runs, with the book's equation number. */
export function updateRule(kind: OptimiserKind, form: OptimiserForm): UpdateRule {
  const book = form === 'book';
  switch (kind) {
    case 'line-search':
      return {
        name: 'Gradient descent with line search',
        equation: 'fig. 6.10',
        tex: lines(
          String.raw`\alpha_t = \operatorname*{argmin}_{\alpha \in [0, \alpha_{\max}]} L[\boldsymbol\phi_t - \alpha\mathbf{g}_t]`,
          String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha_t \mathbf{g}_t`,
        ),
      };
    case 'sgd':
      return { name: 'Gradient descent / SGD', equation: 'eqs. 6.3, 6.10', tex: String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha\,\mathbf{g}_t` };
    case 'momentum':
      return book
        ? { name: 'Momentum', equation: 'eq. 6.11', tex: lines(String.raw`\mathbf{m}_{t+1} = \beta\mathbf{m}_t + (1-\beta)\,\mathbf{g}_t`, PHI_NEXT) }
        : { name: 'Momentum (library)', equation: 'PyTorch, tfjs', tex: lines(String.raw`\mathbf{m}_{t+1} = \beta\mathbf{m}_t + \mathbf{g}_t`, PHI_NEXT) };
    case 'nesterov':
      return book
        ? { name: 'Nesterov momentum', equation: 'eq. 6.12', tex: lines(String.raw`\mathbf{m}_{t+1} = \beta\mathbf{m}_t + (1-\beta)\,\mathbf{g}[\boldsymbol\phi_t - \alpha\beta\mathbf{m}_t]`, PHI_NEXT) }
        : {
            name: 'Nesterov momentum (library)',
            equation: 'PyTorch',
            tex: lines(String.raw`\mathbf{m}_{t+1} = \beta\mathbf{m}_t + \mathbf{g}_t`, String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha(\mathbf{g}_t + \beta\mathbf{m}_{t+1})`),
          };
    case 'normalised':
      return { name: 'Normalised gradients', equation: 'eqs. 6.13-6.14', tex: String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha\,\frac{\mathbf{g}_t}{\sqrt{\mathbf{g}_t^2 + \epsilon}}` };
    case 'adam':
      return book
        ? {
            name: 'Adam',
            equation: 'eqs. 6.15-6.17: ε inside the root',
            tex: lines(...ADAM_MOMENTS, String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha\,\frac{\tilde{\mathbf{m}}_{t+1}}{\sqrt{\tilde{\mathbf{v}}_{t+1} + \epsilon}}`),
          }
        : {
            name: 'Adam (library)',
            equation: 'Kingma & Ba, PyTorch: ε outside the root',
            tex: lines(...ADAM_MOMENTS, String.raw`\boldsymbol\phi_{t+1} = \boldsymbol\phi_t - \alpha\,\frac{\tilde{\mathbf{m}}_{t+1}}{\sqrt{\tilde{\mathbf{v}}_{t+1}} + \epsilon}`),
          };
  }
}

/** What each kind is called in the racer list and the "add" menu. */
export const KIND_NAMES: Record<OptimiserKind, string> = {
  'line-search': 'GD + line search',
  sgd: 'GD / SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  normalised: 'Normalised',
  adam: 'Adam',
};

/** A number for the page: fixed decimals, a real minus sign. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits).replace('-', '−');
}
