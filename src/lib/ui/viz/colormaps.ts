/**
 * Colour maps for heatmaps and matrix views, as piecewise-linear ramps between a few stops, and
 * colour scales that put data values on them (linear, logarithmic, or symmetric around zero for
 * signed weights). Pure functions: the pixels of a heatmap are computed here and tested in Node.
 *
 * - 'viridis': perceptually uniform, readable in greyscale and for common colour-vision
 *   deficiencies (stops from matplotlib's viridis, which is in the public domain);
 * - 'ice': white to deep glacier blue, the theme's accent (ColorBrewer Blues);
 * - 'diverging': blue through near-white to red (ColorBrewer RdBu), for signed values.
 */
import { clamp, type Interval } from './scales';

export type Rgb = readonly [number, number, number];
export type ColorMapId = 'viridis' | 'ice' | 'diverging';
export const COLOR_MAP_IDS: readonly ColorMapId[] = ['viridis', 'ice', 'diverging'];

function hex(code: string): Rgb {
  return [parseInt(code.slice(1, 3), 16), parseInt(code.slice(3, 5), 16), parseInt(code.slice(5, 7), 16)];
}

const STOPS: Record<ColorMapId, readonly Rgb[]> = {
  viridis: ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'].map(hex),
  ice: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'].map(hex),
  diverging: ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'].map(hex),
};

/** The colour at t in [0, 1] (clamped; NaN gives the first stop). */
export function sampleColorMap(map: ColorMapId, t: number): Rgb {
  const stops = STOPS[map];
  const u = Number.isNaN(t) ? 0 : clamp(t, 0, 1) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export function rgbCss(rgb: Rgb): string {
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}

/** Dark or light text, whichever reads on `background` (WCAG relative luminance). */
export function textColorOn(background: Rgb): string {
  const linear = background.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  return luminance > 0.25 ? '#17232f' : '#ffffff';
}

export type ColorScaleKind = 'linear' | 'log' | 'symmetric';

export interface ColorScale {
  /** The position in [0, 1] on the map of a value (clamped outside the domain). */
  position(value: number): number;
  color(value: number): Rgb;
  readonly map: ColorMapId;
  readonly domain: Interval;
  readonly kind: ColorScaleKind;
}

/**
 * Values onto a colour map. 'log' needs a positive domain (loss surfaces spanning decades);
 * 'symmetric' centres zero on the map's middle (signed weights), with the domain
 * [-max|v|, max|v|].
 */
export function colorScale(map: ColorMapId, domain: Interval, kind: ColorScaleKind = 'linear'): ColorScale {
  let [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) throw new Error(`colour scale: the domain must be finite, got [${lo}, ${hi}]`);
  if (kind === 'symmetric') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    lo = -m;
    hi = m;
  }
  if (kind === 'log' && !(lo > 0 && hi > 0)) throw new Error(`colour scale: a log scale needs a positive domain, got [${lo}, ${hi}]`);
  if (lo === hi) hi = lo + (kind === 'log' ? lo : 1);
  const position =
    kind === 'log'
      ? (v: number) => (v > 0 ? clamp(Math.log(v / lo) / Math.log(hi / lo), 0, 1) : 0)
      : (v: number) => clamp((v - lo) / (hi - lo), 0, 1);
  return { position, color: (v) => sampleColorMap(map, position(v)), map, domain: [lo, hi], kind };
}

/** The value at position t of a scale (the inverse of `position`, for legend ticks). */
export function valueAt(scale: ColorScale, t: number): number {
  const [lo, hi] = scale.domain;
  return scale.kind === 'log' ? lo * Math.pow(hi / lo, t) : lo + t * (hi - lo);
}

/**
 * RGBA pixels of a grid of values for an ImageData: `values[j * nx + i]` is the value at column i
 * and grid row j counted from the *bottom* (the way plots count y); image rows run from the top,
 * so grid row ny - 1 is the first image row. Non-finite values are transparent.
 */
export function heatmapPixels(values: ArrayLike<number>, nx: number, ny: number, scale: ColorScale): Uint8ClampedArray {
  if (values.length !== nx * ny) throw new Error(`heatmap: ${values.length} values do not fill a ${nx} x ${ny} grid`);
  const pixels = new Uint8ClampedArray(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      const v = values[j * nx + i];
      const p = (row * nx + i) * 4;
      if (!Number.isFinite(v)) continue;
      const [r, g, b] = scale.color(v);
      pixels[p] = r;
      pixels[p + 1] = g;
      pixels[p + 2] = b;
      pixels[p + 3] = 255;
    }
  }
  return pixels;
}

/** Gradient stops for a legend bar: `count` evenly spaced colours with their offsets in [0, 1]. */
export function gradientStops(map: ColorMapId, count = 16): { offset: number; color: string }[] {
  return Array.from({ length: count }, (_, k) => {
    const t = k / (count - 1);
    return { offset: t, color: rgbCss(sampleColorMap(map, t)) };
  });
}
