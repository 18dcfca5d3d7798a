/**
 * The CartPole renderer: a Pixi v8 Application drawn on demand from plain `CartPoleScene`
 * snapshots (ARCHITECTURE.md section 5, style rule 6). No ticker runs: each draw() renders once.
 * The track is redrawn only when the layout changes; the cart and pole on every draw.
 */
import { Application, Container, Graphics } from 'pixi.js';
import { LabelPool, ensureLabelFont } from '../gridworld/labels';
import { drawCartPole } from './cart';
import { fitCartPole, sameLayout, type CartPoleLayout } from './layout';
import type { CartPoleScene } from './scene';
import { drawTrack } from './track';

export interface CartPoleRendererOptions {
  /** Graphics backend; 'webgl' (default) is the most reliable, Pixi falls back to the other. */
  readonly preference?: 'webgl' | 'webgpu';
  /** Aborting before init resolves destroys the half-made renderer and rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

export interface CartPoleRenderer {
  readonly canvas: HTMLCanvasElement;
  /** The backend Pixi picked. */
  readonly backend: string;
  draw(scene: CartPoleScene): void;
  /** Re-measure the host (a ResizeObserver also watches it). */
  resize(): void;
  destroy(): void;
}

function abortError(): Error {
  return new DOMException('CartPole renderer creation was aborted', 'AbortError');
}

/**
 * Create a renderer whose canvas fills `host`. The host's own CSS sets its size (e.g. an
 * aspect-ratio); the canvas follows it and never sizes it.
 */
export async function createCartPoleRenderer(host: HTMLElement, opts: CartPoleRendererOptions = {}): Promise<CartPoleRenderer> {
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
    backgroundAlpha: 0,
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
  return new PixiCartPoleRenderer(host, app, dpr);
}

class PixiCartPoleRenderer implements CartPoleRenderer {
  readonly canvas: HTMLCanvasElement;
  readonly backend: string;

  private readonly track = new Graphics({ label: 'track' });
  private readonly trackLabels = new LabelPool('track-labels');
  private readonly cart = new Graphics({ label: 'cart-and-pole' });
  private scene: CartPoleScene | null = null;
  private layout: CartPoleLayout | null = null;
  private width = 0;
  private height = 0;
  private resolution: number;
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
    private readonly dpr: () => number,
  ) {
    this.canvas = app.canvas;
    this.backend = app.renderer.name;
    this.resolution = app.renderer.resolution;
    const world = new Container({ label: 'cartpole' });
    world.addChild(this.track, this.trackLabels.container, this.cart);
    app.stage.addChild(world);
    app.stage.eventMode = 'none';

    // Out of flow, so the canvas never sizes the host and the observer cannot feed back into itself.
    if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
    Object.assign(this.canvas.style, { position: 'absolute', left: '0', top: '0', display: 'block' });
    host.appendChild(this.canvas);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(host);
    this.watchDpr();
    this.resize();
  }

  draw(scene: CartPoleScene): void {
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
    if (w <= 0 || h <= 0) return; // hidden: keep the last frame
    this.app.renderer.resize(w, h, res);
    this.rebuild();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.observer.disconnect();
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.canvas.remove();
    this.app.destroy(true, { children: true });
  }

  private rebuild(): void {
    const scene = this.scene;
    if (!scene || this.width <= 0 || this.height <= 0) return;
    const l = fitCartPole(this.width, this.height, scene.params);
    if (!sameLayout(this.layout, l)) {
      this.layout = l;
      drawTrack(this.track, this.trackLabels, l);
    }
    drawCartPole(this.cart, scene, l);
    this.app.render();
  }

  /** Re-render crisply when the window moves to a screen with another devicePixelRatio. */
  private watchDpr(): void {
    this.dprQuery?.removeEventListener('change', this.onDprChange);
    this.dprQuery = globalThis.matchMedia?.(`(resolution: ${this.dpr()}dppx)`) ?? null;
    this.dprQuery?.addEventListener('change', this.onDprChange);
  }
}
