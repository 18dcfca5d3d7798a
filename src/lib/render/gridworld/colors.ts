/**
 * Colours of the gridworld renderer. Kept in one place so tiles, overlays and labels agree, and
 * so the palette matches src/lib/ui/theme.css (ink = --floe-text, amber = --floe-highlight-border).
 */

/** Dark ink for lines and text on light backgrounds (theme --floe-text). */
export const INK = 0x17232f;
export const WHITE = 0xffffff;
/** Successor highlights and flashes (theme --floe-highlight-border / --floe-highlight). */
export const AMBER = 0xe8a317;
export const FLASH = 0xfff3b0;
/**
 * The episode trail: violet, outside the red-blue value map and unlike the ink policy arrows, so
 * the path stays distinct on every overlay. The ghost (intended move of a slip) is a lighter violet.
 */
export const TRAIL = 0x5b2a86;
export const TRAIL_GHOST = 0x9b59d0;

export const ICE = {
  base: 0xdcecf8,
  light: 0xeaf4fc,
  line: 0xb7d3ea,
  crack: 0x9fc2de,
  shine: 0xffffff,
  floeEdge: 0x9dbfdc,
} as const;

export const WATER = { rim: 0xf4f9fd, rimShade: 0x8fb3d1, deep: 0x0c2a47, mid: 0x16466f, ripple: 0x5d8fbb } as const;
export const FISH = { body: 0xf08c3c, belly: 0xffc48a, fin: 0xd9692a, eye: INK } as const;
export const GOAL = { star: 0xf6c445, edge: 0xb7860b, pole: 0x5b6b7c, flag: 0xe4572e } as const;
export const SNOW = { face: 0xf7fafd, shade: 0xd5e2ee, mortar: 0xb9cbdc, top: 0xffffff } as const;

/**
 * Diverging map for values and q-values: red for negative, near-white at zero, blue for positive
 * (ColorBrewer RdBu, which stays readable for the common colour-vision deficiencies). The darkest
 * ends are left out so that numbers printed on them stay legible.
 */
const DIVERGING: readonly number[] = [
  0xb2182b, 0xd6604d, 0xf4a582, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x92c5de, 0x4393c3, 0x2166ac,
];

/** Sequential map for visit counts: viridis, light (few visits) to dark (many). */
const SEQUENTIAL: readonly number[] = [0xfde725, 0xa0da39, 0x4ac16d, 0x1fa187, 0x277f8e, 0x365c8d, 0x46327e];

/** Linear blend of two 0xRRGGBB colours, t in [0, 1]. */
export function lerpColorHex(a: number, b: number, t: number): number {
  const ar = (a >> 16) & 255, ag = (a >> 8) & 255, ab = a & 255;
  const br = (b >> 16) & 255, bg = (b >> 8) & 255, bb = b & 255;
  const r = Math.round(ar + (br - ar) * t);
  const g = Math.round(ag + (bg - ag) * t);
  const bl = Math.round(ab + (bb - ab) * t);
  return (r << 16) | (g << 8) | bl;
}

function sample(stops: readonly number[], t: number): number {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return lerpColorHex(stops[i], stops[i + 1], x - i);
}

/** `t` in [-1, 1]: -1 most negative, 0 neutral, 1 most positive. NaN maps to neutral. */
export function divergingColor(t: number): number {
  return sample(DIVERGING, Number.isFinite(t) ? (t + 1) / 2 : 0.5);
}

/** `t` in [0, 1]. */
export function sequentialColor(t: number): number {
  return sample(SEQUENTIAL, t);
}

/** Relative luminance (sRGB, WCAG) of a 0xRRGGBB colour. */
function luminance(c: number): number {
  const ch = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch((c >> 16) & 255) + 0.7152 * ch((c >> 8) & 255) + 0.0722 * ch(c & 255);
}

/** Ink or white, whichever reads better on `background`. */
export function textOn(background: number): number {
  // NOTE: 0.18 rather than WCAG's 0.179 midpoint; prefers ink on mid tones, which look less noisy.
  return luminance(background) > 0.18 ? INK : WHITE;
}

/**
 * Symmetric scale for a diverging map: the largest |v| among finite entries (1 when all are
 * zero), so that zero is always the neutral colour and both signs share one scale.
 */
export function symmetricScale(values: readonly number[], skip?: (i: number) => boolean): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && !skip?.(i)) m = Math.max(m, Math.abs(v));
  }
  return m > 0 ? m : 1;
}
