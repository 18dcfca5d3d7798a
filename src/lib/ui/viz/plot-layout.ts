/**
 * The plots' frame: margins around the plotting area, the scales that fill it, and pointer
 * positions turned back into data. Shared by FunctionPlot and SurfacePlot so their axes line up
 * in a page's small multiples.
 */
import { clamp, linearScale, niceTicks, type Interval, type LinearScale } from './scales';

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export const MARGINS: Margins = Object.freeze({ top: 8, right: 12, bottom: 38, left: 48 });
/** Small multiples: less room for axes. */
export const COMPACT_MARGINS: Margins = Object.freeze({ top: 6, right: 6, bottom: 22, left: 34 });

export interface PlotFrame {
  readonly width: number;
  readonly height: number;
  readonly margins: Margins;
  readonly sx: LinearScale;
  readonly sy: LinearScale;
  readonly xTicks: number[];
  readonly yTicks: number[];
}

/** Scales mapping the domains onto the area inside the margins (y upwards), with ticks sized to fit. */
export function plotFrame(width: number, height: number, xDomain: Interval, yDomain: Interval, compact = false): PlotFrame {
  const margins = compact ? COMPACT_MARGINS : MARGINS;
  const innerWidth = Math.max(10, width - margins.left - margins.right);
  const innerHeight = Math.max(10, height - margins.top - margins.bottom);
  const sx = linearScale(xDomain, [margins.left, margins.left + innerWidth]);
  const sy = linearScale(yDomain, [margins.top + innerHeight, margins.top]);
  // About one tick per 70 px across and 45 px up: labels never collide.
  const xTicks = niceTicks(xDomain[0], xDomain[1], Math.max(2, Math.floor(innerWidth / (compact ? 55 : 70))));
  const yTicks = niceTicks(yDomain[0], yDomain[1], Math.max(2, Math.floor(innerHeight / (compact ? 30 : 45))));
  return { width, height, margins, sx, sy, xTicks, yTicks };
}

/** What pointerToData needs of the plot's <svg>: where it is on screen. */
export interface Boxed {
  getBoundingClientRect(): { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
}

/** The data point under a pointer, clamped to the domains. */
export function pointerToData(frame: PlotFrame, element: Boxed, clientX: number, clientY: number): [number, number] {
  const box = element.getBoundingClientRect();
  const px = ((clientX - box.left) * frame.width) / (box.width || frame.width);
  const py = ((clientY - box.top) * frame.height) / (box.height || frame.height);
  const [x0, x1] = frame.sx.domain;
  const [y0, y1] = frame.sy.domain;
  return [clamp(frame.sx.invert(px), Math.min(x0, x1), Math.max(x0, x1)), clamp(frame.sy.invert(py), Math.min(y0, y1), Math.max(y0, y1))];
}

/** How far an arrow key moves a handle: 1% of the domain (10% with Shift). */
export function keyStep(domain: Interval, large: boolean): number {
  return (Math.abs(domain[1] - domain[0]) / 100) * (large ? 10 : 1);
}
