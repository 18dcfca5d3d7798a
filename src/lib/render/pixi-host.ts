/**
 * The Pixi machinery the scene renderers share (ARCHITECTURE.md section 5, style rule 6): a Pixi v8
 * Application in a host element, drawn on demand from plain scene snapshots. No ticker runs: each
 * draw() renders once, and a requestAnimationFrame loop runs only while the painter animates.
 * The host is watched with a ResizeObserver and for devicePixelRatio changes.
 */
import { Application, type ApplicationOptions, type Container } from 'pixi.js';

export interface PixiAppOptions {
  /**
   * Graphics backend. 'webgl' (default) draws the most reliably across browsers and drivers;
   * 'webgpu' works too, and Pixi falls back to the other when the preferred one is missing.
   */
  readonly preference?: 'webgl' | 'webgpu';
  /** Aborting before init resolves destroys the half-made Application and rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

const devicePixelRatio = () => Math.max(1, globalThis.devicePixelRatio || 1);

/**
 * Start a Pixi Application sized to `host`, transparent unless `init` says otherwise, with its
 * ticker stopped and Pixi's event system off (the page owns pointer handling; Pixi's would only
 * add listeners). `what` names the renderer in the AbortError message.
 */
export async function createPixiApp(
  host: HTMLElement,
  opts: PixiAppOptions,
  what: string,
  init: Partial<ApplicationOptions> = {},
): Promise<Application> {
  const abortError = () => new DOMException(`${what} creation was aborted`, 'AbortError');
  if (opts.signal?.aborted) throw abortError();
  const app = new Application();
  await app.init({
    preference: opts.preference ?? 'webgl',
    autoStart: false,
    sharedTicker: false,
    antialias: true,
    autoDensity: true,
    resolution: devicePixelRatio(),
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
    backgroundAlpha: 0,
    eventMode: 'none',
    eventFeatures: { move: false, globalMove: false, click: false, wheel: false },
    ...init,
  });
  // NOTE: crucial: destroying a Pixi v8 Application while init() is pending breaks it
  // (pixijs#10331), so an abort during init is honoured here, after init resolved.
  if (opts.signal?.aborted) {
    app.destroy(true, { children: true });
    throw abortError();
  }
  app.ticker?.stop();
  return app;
}

/** What a renderer draws; the host decides when. */
export interface ScenePainter<S> {
  /** Draw `scene` on a `width` x `height` CSS px stage. Return true to run the animation loop. */
  paint(scene: S, width: number, height: number): boolean;
  /** One animation frame, before it is rendered. Return true while still animating. */
  frame?(now: number): boolean;
}

/**
 * Puts `app`'s canvas in `host` and redraws the latest scene through `painter` on draw(), on
 * resize and on a devicePixelRatio change. The host's own CSS sets its size (e.g. an aspect-ratio);
 * the canvas follows it and never sizes it. A statically positioned host is made `position: relative`.
 */
export class PixiHost<S> {
  readonly canvas: HTMLCanvasElement;
  /** The backend Pixi picked: 'webgl', 'webgpu' or 'canvas'. */
  readonly backend: string;

  private scene: S | null = null;
  private width = 0;
  private height = 0;
  private resolution: number;
  private raf = 0;
  private destroyed = false;
  private readonly observer: ResizeObserver;
  private dprQuery: MediaQueryList | null = null;
  private readonly onDprChange = () => {
    this.watchDpr();
    this.resize();
  };

  constructor(
    private readonly host: HTMLElement,
    private readonly app: Application,
    private readonly painter: ScenePainter<S>,
    world: Container,
  ) {
    this.canvas = app.canvas;
    this.backend = app.renderer.name;
    this.resolution = app.renderer.resolution;
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

  /** True once destroy() ran. */
  get isDestroyed(): boolean {
    return this.destroyed;
  }

  draw(scene: S): void {
    if (this.destroyed) return;
    this.scene = scene;
    this.rebuild();
  }

  /** Re-measure the host (the ResizeObserver also watches it). */
  resize(): void {
    if (this.destroyed) return;
    const w = this.host.clientWidth;
    const h = this.host.clientHeight;
    const res = devicePixelRatio();
    if (w === this.width && h === this.height && res === this.resolution) return;
    this.width = w;
    this.height = h;
    this.resolution = res;
    if (w <= 0 || h <= 0) return; // hidden (display: none, collapsed panel): keep the last frame
    this.app.renderer.resize(w, h, res);
    this.rebuild();
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

  /** Paint the current scene and render once (or let the running loop do it). */
  private rebuild(): void {
    const scene = this.scene;
    if (scene === null || this.width <= 0 || this.height <= 0) return;
    if (this.painter.paint(scene, this.width, this.height) && !this.raf) {
      this.raf = requestAnimationFrame(this.tick);
    }
    // While the loop runs it renders on the next frame; otherwise render right now.
    if (!this.raf) this.app.render();
  }

  private readonly tick = (now: number): void => {
    this.raf = 0;
    if (this.destroyed) return;
    const busy = this.painter.frame?.(now) ?? false;
    this.app.render();
    if (busy) this.raf = requestAnimationFrame(this.tick);
  };

  /** Re-render crisply when the window moves to a screen with another devicePixelRatio. */
  private watchDpr(): void {
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = globalThis.matchMedia?.(`(resolution: ${devicePixelRatio()}dppx)`) ?? null;
    this.dprQuery?.addEventListener('change', this.onDprChange);
  }
}
