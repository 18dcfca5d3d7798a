/**
 * Cell highlights for the Bellman card: the selected state gets a thick outline, its successors an
 * amber outline with their probability; and cells whose value just changed flash briefly.
 */
import type { Graphics } from 'pixi.js';
import { AMBER, FLASH, INK, WHITE } from './colors';
import { LabelPool, formatValue } from './labels';
import { cellX, cellY, type Layout } from './layout';
import type { GridScene } from './scene';

export function drawHighlights(g: Graphics, labels: LabelPool, scene: GridScene, l: Layout): void {
  g.clear();
  labels.begin();
  const s = l.cell;
  const n = l.rows * l.cols;
  if (s > 0) {
    const lw = Math.max(2, Math.min(4, s * 0.06));
    const inCell = (i: number | null): i is number => i !== null && i >= 0 && i < n;
    for (const h of scene.highlights) {
      if (!inCell(h.cell)) continue;
      const inset = lw / 2 + 1;
      g.rect(cellX(l, h.cell) + inset, cellY(l, h.cell) + inset, s - 2 * inset, s - 2 * inset);
    }
    // A dark halo under the amber keeps the outline visible on light ice and dark heat alike.
    g.stroke({ width: lw + 2, color: INK, alpha: 0.55, join: 'miter' });
    for (const h of scene.highlights) {
      if (!inCell(h.cell)) continue;
      const inset = lw / 2 + 1;
      g.rect(cellX(l, h.cell) + inset, cellY(l, h.cell) + inset, s - 2 * inset, s - 2 * inset);
    }
    g.stroke({ width: lw, color: AMBER, join: 'miter' });

    // Probability tags: top centre, between the state number and the reward (the centre holds
    // the value); with q triangles the centre is the free spot.
    const centred = scene.overlays.has('q') && scene.q !== null;
    // Smaller in the centre of q cells, to stay clear of the left and right q numbers.
    const size = centred ? Math.min(11, Math.max(8, s * 0.11)) : Math.min(13, Math.max(8, s * 0.17));
    if (s >= 26) {
      for (const h of scene.highlights) {
        if (!inCell(h.cell)) continue;
        const text = formatValue(h.prob);
        const w = size * (0.6 * text.length + 0.8);
        const hh = size * 1.4;
        const x = cellX(l, h.cell) + (s - w) / 2;
        const y = centred ? cellY(l, h.cell) + (s - hh) / 2 : cellY(l, h.cell) + lw + 2;
        g.roundRect(x, y, w, hh, hh / 2);
        labels.add({ text, x: x + w / 2, y: y + hh / 2 + 0.5, size, tint: INK });
      }
      g.fill(AMBER);
    }

    if (inCell(scene.selected)) {
      // Centred on the cell edge (half outside) so the state number in the corner stays visible.
      const sw = Math.max(3, Math.min(6, s * 0.08));
      const x = cellX(l, scene.selected);
      const y = cellY(l, scene.selected);
      g.rect(x, y, s, s).stroke({ width: sw, color: INK, join: 'miter' });
      g.rect(x + sw / 2 + 0.75, y + sw / 2 + 0.75, s - sw - 1.5, s - sw - 1.5).stroke({ width: 1.5, color: WHITE, alpha: 0.9 });
    }
  }
  labels.end();
}

/** ~400 ms pulse on cells whose value changed; restarted whenever `flashId` changes. */
export class Flash {
  private cells: readonly number[] = [];
  private start = -Infinity;
  private lastId: number | null = null;
  static readonly DURATION = 420;

  constructor(private readonly g: Graphics) {}

  /** Note a new scene; returns true when a flash is (still) running. */
  sync(scene: GridScene, now: number, enabled: boolean): boolean {
    if (scene.flashId !== this.lastId) {
      // The first scene seen only records the id: mounting should not flash the whole map.
      const first = this.lastId === null;
      this.lastId = scene.flashId;
      if (!first && enabled && scene.flash.length > 0) {
        this.cells = scene.flash;
        this.start = now;
      }
    }
    return this.running(now);
  }

  running(now: number): boolean {
    return now - this.start < Flash.DURATION;
  }

  /** Redraw for time `now`; returns true while still running. */
  update(l: Layout, now: number): boolean {
    const g = this.g;
    g.clear();
    // rAF timestamps can be a little older than the performance.now() that started the flash.
    const t = Math.max(0, (now - this.start) / Flash.DURATION);
    if (t >= 1 || l.cell <= 0) return false;
    const s = l.cell;
    const n = l.rows * l.cols;
    // Quick rise, slow ease-out fade; the outline grows outward a little, like a ripple.
    const a = t < 0.15 ? t / 0.15 : (1 - (t - 0.15) / 0.85) ** 2;
    const grow = s * 0.08 * t;
    for (const i of this.cells) {
      if (i < 0 || i >= n) continue;
      g.rect(cellX(l, i), cellY(l, i), s, s);
    }
    g.fill({ color: FLASH, alpha: 0.7 * a });
    for (const i of this.cells) {
      if (i < 0 || i >= n) continue;
      g.rect(cellX(l, i) + 1 - grow, cellY(l, i) + 1 - grow, s - 2 + 2 * grow, s - 2 + 2 * grow);
    }
    // White ripple, not amber: amber already means "successor" in the Bellman highlights.
    g.stroke({ width: Math.max(1.5, s * 0.05), color: WHITE, alpha: a });
    return true;
  }
}
