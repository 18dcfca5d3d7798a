/**
 * The gridworld renderer: a Pixi v8 Application drawn on demand from plain `GridScene` snapshots
 * (ARCHITECTURE.md section 5, style rule 6). There is no ticker: each draw() renders once, and a
 * requestAnimationFrame loop runs only while the penguin moves or cells flash.
 */
import { Application, Container, Graphics, type ColorSource } from 'pixi.js';
import { Flash, drawHighlights } from './highlights';
import { LabelPool, ensureLabelFont } from './labels';
import { cellAtPoint, fitGrid, sameLayout, type Layout } from './layout';
import { Overlays } from './overlays';
import { Penguin } from './penguin';
import type { GridScene } from './scene';
import { drawTiles, tilesKey } from './tiles';

export interface GridRendererOptions {
  /**
   * Graphics backend. 'webgl' (default) draws the most reliably across browsers and drivers;
   * 'webgpu' works too, and Pixi falls back to the other when the preferred one is missing.
   */
  readonly preference?: 'webgl' | 'webgpu';
  /** Canvas background; transparent by default so the page's surface shows through. */
  readonly background?: ColorSource;
  /** Space kept free around the grid, CSS px. Default 6. */
  readonly padding?: number;
  /** Animate moves and flashes. Default: on unless the user prefers reduced motion. */
  readonly animate?: boolean;
  /** Aborting before init resolves destroys the half-made renderer and rejects with an AbortError. */
  readonly signal?: AbortSignal;
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

function abortError(): Error {
  return new DOMException('Grid renderer creation was aborted', 'AbortError');
}

/**
 * Create a renderer whose canvas fills `host`. The host needs a size from its own CSS (e.g. a
 * height or an aspect-ratio): the canvas follows it and never sizes it. A statically positioned
 * host is made `position: relative` so the canvas can sit on it.
 */
export async function createGridRenderer(host: HTMLElement, opts: GridRendererOptions = {}): Promise<GridRenderer> {
  if (opts.signal?.aborted) throw abortError();
  const app = new Application();
  const dpr = () => Math.max(1, globalThis.devicePixelRatio || 1);
  await app.init({
    preference: opts.preference ?? 'webgl',
    autoStart: false,
    sharedTicker: false,
    antialias: true,
    autoDensity: true,
    resolution: dpr(),
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
    backgroundAlpha: opts.background === undefined ? 0 : 1,
    background: opts.background ?? 0xffffff,
    // The page owns pointer handling (cellAt); Pixi's event system would only add listeners.
    eventMode: 'none',
    eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
  });
  // NOTE: crucial: destroying a Pixi v8 Application while init() is pending breaks it
  // (pixijs#10331), so an abort during init is honoured here, after init resolved.
  if (opts.signal?.aborted) {
    app.destroy(true, { children: true });
    throw abortError();
  }
  app.ticker?.stop();
  ensureLabelFont();
  return new PixiGridRenderer(host, app, opts, dpr);
}

class PixiGridRenderer implements GridRenderer {
  readonly canvas: HTMLCanvasElement;
  readonly backend: string;

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

  private scene: GridScene | null = null;
  private layout: Layout | null = null;
  private tilesCacheKey = '';
  private width = 0;
  private height = 0;
  private resolution: number;
  private raf = 0;
  private destroyed = false;
  private readonly observer: ResizeObserver;
  private readonly animate: boolean;
  private readonly padding: number;
  private dprQuery: MediaQueryList | null = null;
  private readonly onDprChange = () => {
    this.watchDpr();
    this.resize();
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly app: Application,
    opts: GridRendererOptions,
    private readonly dpr: () => number,
  ) {
    this.canvas = app.canvas;
    this.backend = app.renderer.name;
    this.resolution = app.renderer.resolution;
    this.padding = opts.padding ?? 6;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.animate = opts.animate ?? !reduced;
    this.overlays = new Overlays({ fills: this.fills, marks: this.marks, badges: this.badges, labels: this.labels });
    this.flash = new Flash(this.flashG);

    // Bottom to top: ice, heat, arrows and trail, flash, numbers, penguin, Bellman highlights.
    const world = new Container({ label: 'gridworld' });
    world.addChild(
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
    app.stage.addChild(world);
    app.stage.eventMode = 'none';

    // The canvas is taken out of flow so it never sizes the host: the host's CSS alone sets the
    // size, and the ResizeObserver below cannot feed back into itself.
    if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', display: 'block' });
    host.appendChild(this.canvas);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(host);
    this.watchDpr();
    this.resize();
  }

  draw(scene: GridScene): void {
    if (this.destroyed) return;
    this.scene = scene;
    this.rebuild();
  }

  resize(): void {
    if (this.destroyed) return;
    const w = this.host.clientWidth;
    const h = this.host.clientHeight;
    const res = this.dpr();
    if (w === this.width && h === this.height && res === this.resolution) return;
    this.width = w;
    this.height = h;
    this.resolution = res;
    if (w <= 0 || h <= 0) return; // hidden (display: none, collapsed panel): keep the last frame
    this.app.renderer.resize(w, h, res);
    this.rebuild();
  }

  cellAt(clientX: number, clientY: number): number | null {
    if (this.destroyed || !this.layout) return null;
    const r = this.canvas.getBoundingClientRect();
    return cellAtPoint(this.layout, clientX - r.left, clientY - r.top);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.observer.disconnect();
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.canvas.remove();
    this.app.destroy(true, { children: true });
  }

  /** Redraw everything from the current scene and render once (or let the running loop do it). */
  private rebuild(): void {
    const scene = this.scene;
    if (!scene || this.width <= 0 || this.height <= 0) return;
    const l = fitGrid(this.width, this.height, scene.rows, scene.cols, this.padding);
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

    if (moving || flashing) this.startLoop();
    // While the loop runs it renders on the next frame; otherwise render right now.
    if (!this.raf) this.app.render();
  }

  private startLoop(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(this.tick);
  }

  private readonly tick = (now: number): void => {
    this.raf = 0;
    if (this.destroyed) return;
    const l = this.layout;
    let busy = this.penguin.update(now);
    if (l && this.flash.running(now)) busy = this.flash.update(l, now) || busy;
    else this.flashG.clear();
    this.app.render();
    if (busy) this.raf = requestAnimationFrame(this.tick);
  };

  /** Re-render crisply when the window moves to a screen with another devicePixelRatio. */
  private watchDpr(): void {
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = globalThis.matchMedia?.(`(resolution: ${this.dpr()}dppx)`) ?? null;
    this.dprQuery?.addEventListener('change', this.onDprChange);
  }
}
