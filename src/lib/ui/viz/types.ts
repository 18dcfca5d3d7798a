/** The plain data the visual kit's plots draw (props in; the plots own no state of their own). */

/** A curve y(x): x ascending. */
export interface PlotCurve {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Any CSS colour; the theme's series palette by default. */
  readonly color?: string;
  readonly width?: number;
  /** An SVG stroke-dasharray ('4 3'). */
  readonly dash?: string;
  /** Left out of the legend (helper lines). */
  readonly hideInLegend?: boolean;
}

/** A shaded band lo(x)..hi(x), e.g. mean +- 2 standard deviations (fig. 5.5). */
export interface PlotBand {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
  readonly color?: string;
  /** Fill opacity (default 0.18). */
  readonly opacity?: number;
}

/** Data points (x_i, y_i), one colour or one per point. */
export interface PlotPoints {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly color?: string | readonly string[];
  readonly radius?: number;
}

/** Straight segments in data coordinates: residual bars, likelihood bars, hinge lines. */
export interface PlotSegments {
  readonly label: string;
  /** [x1, y1, x2, y2, x1, y1, ...]. */
  readonly coordinates: ArrayLike<number>;
  readonly color?: string;
  readonly width?: number;
  readonly dash?: string;
  readonly hideInLegend?: boolean;
}

/** A vertical line at x (a joint), with an optional short label at the top. */
export interface PlotMarker {
  readonly x: number;
  readonly label?: string;
  readonly color?: string;
}

/** A shaded interval of x (a linear region). */
export interface PlotShade {
  readonly x0: number;
  readonly x1: number;
  readonly color: string;
}

/** A draggable point (Handle.svelte). */
export interface PlotHandle {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** For screen readers; the current values are added. */
  readonly label: string;
  readonly axis?: 'xy' | 'x' | 'y';
  readonly color?: string;
}

/** A point drawn on a surface: the optimum, a start. */
export interface PlotMarkerPoint {
  readonly x: number;
  readonly y: number;
  readonly label: string;
  readonly shape?: 'star' | 'cross' | 'dot';
  readonly color?: string;
}

/** A path through parameter space: an optimiser's trajectory. */
export interface PlotTrajectory {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color?: string;
}

/** The theme's series colour k (1-based, cycling through 6). */
export function seriesColor(k: number): string {
  return `var(--floe-series-${(((k - 1) % 6) + 6) % 6 + 1})`;
}
