/** Colour helpers for canvas drawing: canvases cannot read CSS variables, so resolve them once. */

const FALLBACK_PALETTE = ['#0b72b9', '#e08a00', '#00916e', '#d1495b', '#8e5ea2', '#56a0d3'];

/** The value of a CSS custom property on `el`, or `fallback` when it is not set. */
export function cssVar(el: Element, name: string, fallback: string): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** The theme's series palette (`--floe-series-1..6`). */
export function seriesPalette(el: Element): string[] {
  return FALLBACK_PALETTE.map((c, i) => cssVar(el, `--floe-series-${i + 1}`, c));
}

let probe: CanvasRenderingContext2D | null = null;

/** Parses a CSS colour to [r, g, b, a]; named and other colours go through a canvas. */
function toRgba(color: string): [number, number, number, number] | null {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (hex) {
    let h = hex[1];
    if (h.length === 3 || h.length === 4) h = [...h].map((d) => d + d).join('');
    if (h.length !== 6 && h.length !== 8) return null;
    const n = (k: number) => parseInt(h.slice(k, k + 2), 16);
    return [n(0), n(2), n(4), h.length === 8 ? n(6) / 255 : 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(c);
  if (rgb) {
    const a = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), a];
  }
  if (typeof document === 'undefined') return null;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return null;
  // An invalid colour leaves fillStyle unchanged: try from two starting points to tell.
  probe.fillStyle = '#000000';
  probe.fillStyle = c;
  const first = String(probe.fillStyle);
  probe.fillStyle = '#ffffff';
  probe.fillStyle = c;
  if (String(probe.fillStyle) !== first || first === c) return null;
  return toRgba(first);
}

/** `color` with its opacity multiplied by `alpha`; unparsable colours come back unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const rgba = toRgba(color);
  if (!rgba) return color;
  const [r, g, b, a] = rgba;
  return `rgba(${r}, ${g}, ${b}, ${+(a * alpha).toFixed(3)})`;
}
