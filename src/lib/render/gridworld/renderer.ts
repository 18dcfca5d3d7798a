/**
 * The gridworld renderer: draws plain `GridScene` snapshots on demand in a shared `PixiHost`
 * (ARCHITECTURE.md section 5, style rule 6). There is no ticker: each draw() renders once, and a
 * requestAnimationFrame loop runs only while the penguin moves or cells flash.
 */
import { Container, Graphics, type Application, type ColorSource } from 'pixi.js';
import { PixiHost, createPixiApp, type PixiAppOptions, type ScenePainter } from '../pixi-host';
import { Flash, drawHighlights } from './highlights';
import { LabelPool, ensureLabelFont } from './labels';
import { cellAtPoint, fitGrid, sameLayout, type Layout } from './layout';
import { Overlays } from './overlays';
import { Penguin } from './penguin';
import type { GridScene } from './scene';
import { drawTiles, tilesKey } from './tiles';

export interface GridRendererOptions extends PixiAppOptions {
  /** Canvas background; transparent by default so the page's surface shows through. */
  readonly background?: ColorSource;
  /** Space kept free around the grid, CSS px. Default 6. */
  readonly padding?: number;
  /** Animate moves and flashes. Default: on unless the user prefers reduced motion. */
  readonly animate?: boolean;
}

export interface GridRenderer {
  /** The canvas inside the host: attach pointer listeners and ARIA attributes here. */
  readonly canvas: HTMLCanvasElement;
  /** The backend Pixi picked: 'webgl', 'webgpu' or 'canvas'. */
  readonly backend: string;
  /** Draw a scene. Cheap to call at 30 Hz: objects are reused, tiles only redrawn when the map changes. */
  draw(scene: GridScene): void;
  /** Re-measure the host (the renderer also watches it with a ResizeObserver). */
  resize(): void;
  /** Cell index under a client (viewport) point, or null outside the grid or before the first draw. */
  cellAt(clientX: number, clientY: number): number | null;
  destroy(): void;
}

/**
 * Create a renderer whose canvas fills `host`. The host needs a size from its own CSS (e.g. a
 * height or an aspect-ratio): the canvas follows it and never sizes it. A statically positioned
 * host is made `position: relative` so the canvas can sit on it.
 */
export async function createGridRenderer(host: HTMLElement, opts: GridRendererOptions = {}): Promise<GridRenderer> {
  const app = await createPixiApp(host, opts, 'Grid renderer', {
    backgroundAlpha: opts.background === undefined ? 0 : 1,
    background: opts.background ?? 0xffffff,
  });
  ensureLabelFont();
  return new PixiGridRenderer(host, app, new GridPainter(opts));
}

class PixiGridRenderer extends PixiHost<GridScene> implements GridRenderer {
  constructor(
    host: HTMLElement,
    app: Application,
    private readonly grid: GridPainter,
  ) {
    super(host, app, grid, grid.world);
  }

  cellAt(clientX: number, clientY: number): number | null {
    const layout = this.grid.layout;
    if (this.isDestroyed || !layout) return null;
    const r = this.canvas.getBoundingClientRect();
    return cellAtPoint(layout, clientX - r.left, clientY - r.top);
  }
}

class GridPainter implements ScenePainter<GridScene> {
  readonly world = new Container({ label: 'gridworld' });
  private readonly tiles = new Graphics({ label: 'tiles' });
  private readonly fills = new Graphics({ label: 'fills' });
  private readonly marks = new Graphics({ label: 'marks' });
  private readonly badges = new Graphics({ label: 'badges' });
  private readonly flashG = new Graphics({ label: 'flash' });
  private readonly highlightG = new Graphics({ label: 'highlights' });
  private readonly labels = new LabelPool('labels');
  private readonly highlightLabels = new LabelPool('highlight-labels');
  private readonly overlays: Overlays;
  private readonly flash: Flash;
  private readonly penguin = new Penguin();

  /** The layout of the last paint; null before the first. */
  layout: Layout | null = null;
  private tilesCacheKey = '';
  private readonly animate: boolean;
  private readonly padding: number;

  constructor(opts: GridRendererOptions) {
    this.padding = opts.padding ?? 6;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.animate = opts.animate ?? !reduced;
    this.overlays = new Overlays({ fills: this.fills, marks: this.marks, badges: this.badges, labels: this.labels });
    this.flash = new Flash(this.flashG);

    // Bottom to top: ice, heat, arrows and trail, flash, numbers, penguin, Bellman highlights.
    this.world.addChild(
      this.tiles,
      this.fills,
      this.marks,
      this.flashG,
      this.badges,
      this.labels.container,
      this.penguin.view,
      this.highlightG,
      this.highlightLabels.container,
    );
  }

  /** Redraw everything from the scene; true while the penguin moves or cells flash. */
  paint(scene: GridScene, width: number, height: number): boolean {
    const l = fitGrid(width, height, scene.rows, scene.cols, this.padding);
    const layoutChanged = !sameLayout(this.layout, l);
    this.layout = l;

    const key = tilesKey(l, scene.looks, scene.starts);
    if (key !== this.tilesCacheKey) {
      this.tilesCacheKey = key;
      drawTiles(this.tiles, l, scene.looks, scene.starts);
    }
    this.overlays.draw(scene, l);
    drawHighlights(this.highlightG, this.highlightLabels, scene, l);
    if (layoutChanged) {
      // A smaller map leaves labels unused; free them rather than keep thousands hidden.
      this.labels.trim(256);
    }

    const now = performance.now();
    const animate = this.animate && scene.motion !== 'jump';
    const moving = this.penguin.sync(scene, l, now, animate);
    const flashing = this.flash.sync(scene, now, animate);
    if (flashing) this.flash.update(l, now);
    else this.flashG.clear();
    return moving || flashing;
  }

  frame(now: number): boolean {
    const l = this.layout;
    let busy = this.penguin.update(now);
    if (l && this.flash.running(now)) busy = this.flash.update(l, now) || busy;
    else this.flashG.clear();
    return busy;
  }
}
