/**
 * Numbers on the grid. A 16x16 map with q-values has over a thousand labels redrawn at 30 Hz, so
 * labels are BitmapText (one shared glyph atlas, no texture per label) kept in pools: a draw
 * hands out the same objects in the same order, so unchanged strings cost nothing.
 */
import { BitmapFont, BitmapText, Container } from 'pixi.js';

const FONT = 'floe-grid-labels';
let installed = false;

/**
 * Install the glyph atlas once per page. Glyphs are rasterised at 32 px x resolution 2 and drawn
 * scaled down (the atlas is mipmapped), which stays sharp from ~7 px labels on high-DPI screens up
 * to ~24 px. The fill is white so each label is coloured with `tint`.
 */
export function ensureLabelFont(): void {
  if (installed) return;
  BitmapFont.install({
    name: FONT,
    style: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      fontSize: 32,
      fontWeight: '600',
      fill: 0xffffff,
    },
    chars: [['0', '9'], ['a', 'z'], ['A', 'Z'], ' .,:+-−–×%·=()/∞'],
    resolution: 2,
    padding: 4,
  });
  installed = true;
}

export interface LabelSpec {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly tint: number;
  /** 0..1 on each axis; default centred. */
  readonly ax?: number;
  readonly ay?: number;
  readonly alpha?: number;
}

/** A pool of BitmapText in one container. Call begin(), then add() per label, then end(). */
export class LabelPool {
  readonly container = new Container();
  private readonly items: BitmapText[] = [];
  private used = 0;

  constructor(label: string) {
    this.container.label = label;
    // Labels never take pointer events: the page handles clicks on the canvas itself.
    this.container.eventMode = 'none';
    this.container.interactiveChildren = false;
  }

  begin(): void {
    this.used = 0;
  }

  add(spec: LabelSpec): void {
    let t = this.items[this.used];
    if (!t) {
      t = new BitmapText({ text: '', style: { fontFamily: FONT, fontSize: spec.size } });
      this.items.push(t);
      this.container.addChild(t);
    }
    this.used++;
    // Setters are only touched on change: re-laying out a BitmapText is the costly part.
    if (t.style.fontSize !== spec.size) t.style.fontSize = spec.size;
    t.text = spec.text;
    const ax = spec.ax ?? 0.5;
    const ay = spec.ay ?? 0.5;
    if (t.anchor.x !== ax || t.anchor.y !== ay) t.anchor.set(ax, ay);
    t.x = spec.x;
    t.y = spec.y;
    t.tint = spec.tint;
    t.alpha = spec.alpha ?? 1;
    t.visible = true;
  }

  end(): void {
    for (let i = this.used; i < this.items.length; i++) this.items[i].visible = false;
  }

  /** Drop labels beyond what the last draw used, e.g. after a big map was replaced by a small one. */
  trim(keep: number): void {
    while (this.items.length > Math.max(keep, this.used)) this.items.pop()!.destroy();
  }
}

/** Fixed-point with a true minus sign; "−0.00" is shown as "0.00". */
export function formatValue(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : v < 0 ? '−∞' : '–';
  const s = Math.abs(v).toFixed(digits);
  return v < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** Signed reward, e.g. "+3", "−2", "−0.5". */
export function formatReward(r: number): string {
  const a = Math.abs(r);
  const s = Number.isInteger(a) ? String(a) : a.toFixed(a < 1 ? 2 : 1).replace(/0+$/, '');
  return r < 0 ? `−${s}` : `+${s}`;
}

/** Visit counts: 12, 980, 1.2k, 34k, 1.5M. */
export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 10_000) return `${(n / 1000).toFixed(1)}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
