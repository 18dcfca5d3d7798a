/**
 * Learning overlays drawn over the tiles: value heatmap, q-value triangles (fig 19.7b), visit
 * counts, policy arrows (fig 19.5c) and the episode trail (fig 19.3a), plus the small per-cell
 * labels (state numbers, tile rewards). Everything is redrawn from the scene on each draw into
 * reused Graphics and label pools.
 */
import type { Graphics } from 'pixi.js';
import { INK, TRAIL, TRAIL_GHOST, WHITE, divergingColor, sequentialColor, symmetricScale, textOn } from './colors';
import { LabelPool, formatCount, formatReward, formatValue } from './labels';
import { DIRS, centreX, centreY, cellX, cellY, type Layout } from './layout';
import type { GridScene, TrailStep } from './scene';
import { arrowPath, dashedPath } from './shapes';

/** Most recent trail steps drawn; older ones would only be a tangle. */
const TRAIL_MAX = 400;
const NO_FILL = -1;

export interface OverlayLayers {
  /** Cell fills: heatmaps and q triangles. */
  readonly fills: Graphics;
  /** Lines over the fills: policy arrows and the trail. */
  readonly marks: Graphics;
  /** Pill backgrounds for corner labels, under `labels`. */
  readonly badges: Graphics;
  readonly labels: LabelPool;
}

/** Text sizes for a cell size; 0 means "too small, hide". */
export function textSizes(cell: number): { centre: number; corner: number; q: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return {
    centre: cell >= 30 ? clamp(cell * 0.21, 9, 20) : 0,
    corner: cell >= 34 ? clamp(cell * 0.15, 8, 13) : 0,
    q: cell >= 60 ? clamp(cell * 0.12, 8, 12) : 0,
  };
}

export class Overlays {
  /** Fill colour of each cell after the last draw (NO_FILL: the bare tile), for contrast choices. */
  private cellFill = new Int32Array(0);

  constructor(private readonly layers: OverlayLayers) {}

  draw(scene: GridScene, l: Layout): void {
    const { fills, marks, badges, labels } = this.layers;
    fills.clear();
    marks.clear();
    badges.clear();
    labels.begin();
    const n = l.rows * l.cols;
    if (this.cellFill.length !== n) this.cellFill = new Int32Array(n);
    this.cellFill.fill(NO_FILL);
    if (l.cell > 0 && scene.looks.length === n) {
      const on = scene.overlays;
      const q = on.has('q') && scene.q?.length === n * 4 ? scene.q : null;
      const values = on.has('values') && scene.values?.length === n ? scene.values : null;
      const visits = on.has('visits') && scene.visits?.length === n ? scene.visits : null;
      const policy = on.has('policy') && scene.policy?.length === n * 4 ? scene.policy : null;

      // One cell fill at a time, in order of detail: q triangles, else values, else visits.
      if (q) this.drawQ(scene, l, q);
      else if (values) this.drawValueHeat(scene, l, values);
      else if (visits) this.drawVisitHeat(scene, l, visits);

      if (policy) this.drawPolicy(scene, l, policy);
      if (on.has('trail') && scene.trail.length > 0) this.drawTrail(l, scene.trail);

      if (values) this.labelValues(scene, l, values, { corner: !!policy, pill: !!q });
      if (visits) this.labelVisits(scene, l, visits, !q && !values);
      this.drawCornerLabels(scene, l);
    }
    labels.end();
  }

  private isWall(scene: GridScene, i: number): boolean {
    return scene.looks[i] === 'wall';
  }

  private drawValueHeat(scene: GridScene, l: Layout, values: readonly number[]): void {
    const g = this.layers.fills;
    const scale = symmetricScale(values, (i) => this.isWall(scene, i));
    for (let i = 0; i < values.length; i++) {
      if (this.isWall(scene, i)) continue;
      const c = divergingColor(values[i] / scale);
      this.cellFill[i] = c;
      // Special tiles stay a little visible under the colour so a hole still reads as a hole.
      g.rect(cellX(l, i), cellY(l, i), l.cell, l.cell).fill({ color: c, alpha: scene.looks[i] === 'ice' ? 0.9 : 0.62 });
    }
  }

  private drawVisitHeat(scene: GridScene, l: Layout, visits: readonly number[]): void {
    const g = this.layers.fills;
    let max = 0;
    for (const v of visits) max = Math.max(max, v);
    // Log scale: counts span orders of magnitude (start cell vs far corners).
    const norm = Math.log1p(max);
    for (let i = 0; i < visits.length; i++) {
      if (this.isWall(scene, i) || !(visits[i] > 0)) continue;
      const c = sequentialColor(norm > 0 ? Math.log1p(visits[i]) / norm : 0);
      this.cellFill[i] = c;
      g.rect(cellX(l, i), cellY(l, i), l.cell, l.cell).fill({ color: c, alpha: scene.looks[i] === 'ice' ? 0.85 : 0.6 });
    }
  }

  private drawQ(scene: GridScene, l: Layout, q: readonly number[]): void {
    const g = this.layers.fills;
    const s = l.cell;
    const scale = symmetricScale(q, (k) => this.isWall(scene, k >> 2));
    const size = textSizes(s).q;
    for (let i = 0; i < l.rows * l.cols; i++) {
      if (this.isWall(scene, i)) continue;
      const x = cellX(l, i);
      const y = cellY(l, i);
      const cx = x + s / 2;
      const cy = y + s / 2;
      // Corners in action order: each action's triangle is the cell edge it points to + centre.
      const corners = [x, y, x + s, y, x + s, y + s, x, y + s];
      const alpha = scene.looks[i] === 'ice' ? 0.92 : 0.66;
      let sum = 0;
      for (let a = 0; a < 4; a++) {
        const c = divergingColor(q[i * 4 + a] / scale);
        const k = a * 2;
        const k2 = ((a + 1) % 4) * 2;
        g.poly([corners[k], corners[k + 1], corners[k2], corners[k2 + 1], cx, cy]).fill({ color: c, alpha });
        sum += q[i * 4 + a];
        if (size) {
          // Up/down labels centred in their triangle; left/right ones hug the cell edge so wide
          // numbers like "−0.71" stay inside the cell.
          const [dx, dy] = DIRS[a];
          const pad = Math.max(3, s * 0.05);
          this.layers.labels.add({
            text: formatValue(q[i * 4 + a]),
            x: dx === 0 ? cx : dx > 0 ? x + s - pad : x + pad,
            y: cy + dy * s * 0.34,
            size,
            tint: textOn(c),
            ax: dx === 0 ? 0.5 : dx > 0 ? 1 : 0,
          });
        }
      }
      this.cellFill[i] = divergingColor(sum / 4 / scale);
    }
    // The diagonals that split cells into triangles, one path for the whole grid.
    if (s >= 10) {
      for (let i = 0; i < l.rows * l.cols; i++) {
        if (this.isWall(scene, i)) continue;
        const x = cellX(l, i);
        const y = cellY(l, i);
        g.moveTo(x, y).lineTo(x + s, y + s).moveTo(x + s, y).lineTo(x, y + s);
      }
      g.stroke({ width: 1, color: WHITE, alpha: 0.75 });
    }
  }

  private drawPolicy(scene: GridScene, l: Layout, policy: readonly number[]): void {
    const g = this.layers.marks;
    const s = l.cell;
    // Tiny cells: only the most likely action(s), or the map becomes noise.
    const onlyBest = s < 16;
    for (const colour of [INK, WHITE]) {
      for (let i = 0; i < l.rows * l.cols; i++) {
        if (this.isWall(scene, i)) continue;
        const fill = this.cellFill[i];
        if ((fill === NO_FILL ? INK : textOn(fill)) !== colour) continue;
        let best = 0;
        for (let a = 0; a < 4; a++) best = Math.max(best, policy[i * 4 + a]);
        const cx = centreX(l, i);
        const cy = centreY(l, i);
        for (let a = 0; a < 4; a++) {
          const p = policy[i * 4 + a];
          if (!(p > 0.01) || (onlyBest && p < best - 1e-9)) continue;
          const [dx, dy] = DIRS[a];
          // Fig 19.5c: length and thickness grow with pi(a|s); the head grows more slowly so
          // unlikely actions still show a readable direction.
          const root = Math.sqrt(p);
          arrowPath(g, cx, cy, dx, dy, s * 0.06, s * (0.06 + 0.34 * p), Math.max(1.2, s * 0.09 * p), Math.max(3, s * 0.15 * root), Math.max(4, s * 0.2 * root));
        }
      }
      g.fill({ color: colour, alpha: colour === INK ? 0.85 : 0.95 });
    }
  }

  private drawTrail(l: Layout, trail: readonly TrailStep[]): void {
    const g = this.layers.marks;
    const s = l.cell;
    const first = Math.max(0, trail.length - TRAIL_MAX);
    const count = trail.length - first;
    const lw = Math.max(1.5, Math.min(5, s * 0.07));
    const cap = 'round' as const;

    // Where the episode began.
    const st = trail[first].from;
    g.circle(centreX(l, st), centreY(l, st), Math.max(2.5, s * 0.09))
      .fill({ color: WHITE, alpha: 0.8 })
      .stroke({ width: lw * 0.8, color: TRAIL, alpha: 0.8 });

    for (let k = first; k < trail.length; k++) {
      const step = trail[k];
      // Older steps fade so the recent path stands out when the penguin revisits cells.
      const alpha = 0.3 + 0.65 * ((k - first + 1) / count);
      const x1 = centreX(l, step.from);
      const y1 = centreY(l, step.from);
      const x2 = centreX(l, step.to);
      const y2 = centreY(l, step.to);
      if (step.actual < 0 && step.from !== step.to) {
        // Sent elsewhere without moving (the cliff's return to start): a thin dashed jump.
        dashedPath(g, x1, y1, x2, y2, Math.max(3, s * 0.1), Math.max(3, s * 0.1));
        g.stroke({ width: Math.max(1, lw * 0.5), color: TRAIL, alpha: alpha * 0.7, cap });
        continue;
      }
      if (step.from === step.to) {
        // Bumped into a wall or the edge: a short stub toward where it tried to go.
        const dir = step.actual >= 0 ? step.actual : step.intended;
        if (dir >= 0) {
          const [dx, dy] = DIRS[dir];
          g.moveTo(x1, y1).lineTo(x1 + dx * s * 0.34, y1 + dy * s * 0.34);
          g.stroke({ width: lw * 0.8, color: TRAIL, alpha, cap });
          g.circle(x1 + dx * s * 0.36, y1 + dy * s * 0.36, lw * 0.7).fill({ color: TRAIL, alpha });
        }
      } else {
        g.moveTo(x1, y1).lineTo(x2, y2);
        g.stroke({ width: lw + 2.5, color: WHITE, alpha: alpha * 0.55, cap });
        g.moveTo(x1, y1).lineTo(x2, y2);
        g.stroke({ width: lw, color: TRAIL, alpha, cap });
        g.circle(x2, y2, lw * 0.9).fill({ color: TRAIL, alpha });
      }
      if (step.intended >= 0 && step.actual >= 0 && step.intended !== step.actual) {
        this.drawSlipGhost(l, step, alpha);
      }
    }
  }

  /** Fig 19.3a: the move the penguin meant to make, dashed, beside the one it made. */
  private drawSlipGhost(l: Layout, step: TrailStep, alpha: number): void {
    const g = this.layers.marks;
    const s = l.cell;
    const [dx, dy] = DIRS[step.intended];
    const [ax, ay] = DIRS[step.actual];
    // Offset sideways, away from the actual move when it is perpendicular, so the two never overlap.
    let ox = -dy;
    let oy = dx;
    if (ox * ax + oy * ay > 0) {
      ox = -ox;
      oy = -oy;
    }
    const off = s * 0.13;
    const x1 = centreX(l, step.from) + ox * off + dx * s * 0.1;
    const y1 = centreY(l, step.from) + oy * off + dy * s * 0.1;
    const len = s * 0.62;
    const head = Math.max(4, s * 0.13);
    const lw = Math.max(1.2, Math.min(3, s * 0.04));
    dashedPath(g, x1, y1, x1 + dx * (len - head), y1 + dy * (len - head), Math.max(2.5, s * 0.07), Math.max(2, s * 0.05));
    g.stroke({ width: lw, color: TRAIL_GHOST, alpha: Math.min(0.9, alpha + 0.1), cap: 'butt' });
    arrowPath(g, x1, y1, dx, dy, len - head, head, 0, head, head * 0.9).fill({ color: TRAIL_GHOST, alpha: Math.min(0.9, alpha + 0.1) });
  }

  private labelValues(scene: GridScene, l: Layout, values: readonly number[], where: { corner: boolean; pill: boolean }): void {
    const sizes = textSizes(l.cell);
    const s = l.cell;
    const labels = this.layers.labels;
    if (where.pill) {
      // Over q triangles: v(s) sits in a small white pill where the four triangles meet, only
      // when cells are big enough to keep it clear of the four q numbers.
      if (s < 120) return;
      const size = sizes.corner;
      for (let i = 0; i < values.length; i++) {
        if (this.isWall(scene, i)) continue;
        const cx = centreX(l, i);
        const cy = centreY(l, i);
        this.layers.badges.roundRect(cx - size * 1.7, cy - size * 0.75, size * 3.4, size * 1.5, size * 0.5);
        labels.add({ text: formatValue(values[i]), x: cx, y: cy, size, tint: INK });
      }
      this.layers.badges.fill({ color: WHITE, alpha: 0.9 });
      return;
    }
    const size = where.corner ? sizes.corner : sizes.centre;
    // Beside arrows a number needs a roomy cell; below that the heat colour carries the value.
    if (!size || (where.corner && s < 56)) return;
    for (let i = 0; i < values.length; i++) {
      if (this.isWall(scene, i)) continue;
      const fill = this.cellFill[i];
      const tint = fill === NO_FILL ? INK : textOn(fill);
      if (where.corner) {
        // With policy arrows the centre is taken: the value goes bottom right, clear of the shafts.
        labels.add({ text: formatValue(values[i]), x: cellX(l, i) + s - 3, y: cellY(l, i) + s - 2, size, tint, ax: 1, ay: 1 });
      } else {
        labels.add({ text: formatValue(values[i]), x: centreX(l, i), y: centreY(l, i), size, tint });
      }
    }
  }

  private labelVisits(scene: GridScene, l: Layout, visits: readonly number[], centre: boolean): void {
    const sizes = textSizes(l.cell);
    const size = centre ? sizes.centre : sizes.corner;
    if (!size) return;
    const s = l.cell;
    for (let i = 0; i < visits.length; i++) {
      if (this.isWall(scene, i) || !(visits[i] > 0)) continue;
      const fill = this.cellFill[i];
      const tint = fill === NO_FILL ? INK : textOn(fill);
      if (centre) {
        this.layers.labels.add({ text: formatCount(visits[i]), x: centreX(l, i), y: centreY(l, i), size, tint });
      } else {
        // Beside another fill: a small "×12" in the bottom-left corner.
        this.layers.labels.add({ text: `×${formatCount(visits[i])}`, x: cellX(l, i) + 3, y: cellY(l, i) + s - 2, size, tint, ax: 0, ay: 1, alpha: 0.9 });
      }
    }
  }

  /** State numbers (top left) and tile rewards (top right, in a tinted pill). */
  private drawCornerLabels(scene: GridScene, l: Layout): void {
    const size = textSizes(l.cell).corner;
    if (!size) return;
    const s = l.cell;
    const labels = this.layers.labels;
    const badges = this.layers.badges;
    const n = l.rows * l.cols;
    if (scene.showStateNumbers) {
      for (let i = 0; i < n; i++) {
        if (this.isWall(scene, i)) continue;
        const fill = this.cellFill[i];
        const tint = fill === NO_FILL ? INK : textOn(fill);
        labels.add({ text: String(i + 1), x: cellX(l, i) + 4, y: cellY(l, i) + 3, size, tint, ax: 0, ay: 0, alpha: 0.75 });
      }
    }
    // Tile rewards only where there is room: on small cells the tile's look says enough.
    if (s < 40) return;
    const rewardSize = Math.max(8, size - 2);
    for (const positive of [false, true]) {
      for (let i = 0; i < n; i++) {
        const r = scene.rewards[i];
        if (!r || r > 0 !== positive) continue;
        const text = formatReward(r);
        const w = rewardSize * (0.6 * text.length + 0.6);
        const h = rewardSize * 1.3;
        const x = cellX(l, i) + s - 2 - w;
        const y = cellY(l, i) + 2;
        badges.roundRect(x, y, w, h, h / 2);
        labels.add({ text, x: x + w / 2, y: y + h / 2 + 0.5, size: rewardSize, tint: WHITE });
      }
      // Colour-blind safe pair from the value map's ends: red-brown for costs, blue for treats.
      badges.fill({ color: positive ? 0x2166ac : 0xb2182b, alpha: 0.92 });
    }
  }
}

