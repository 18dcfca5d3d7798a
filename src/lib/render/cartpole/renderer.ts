/**
 * The CartPole renderer: draws plain `CartPoleScene` snapshots on demand in a shared `PixiHost`
 * (ARCHITECTURE.md section 5, style rule 6). No ticker runs: each draw() renders once.
 * The track is redrawn only when the layout changes; the cart and pole on every draw.
 */
import { Container, Graphics } from 'pixi.js';
import { LabelPool, ensureLabelFont } from '../gridworld/labels';
import { PixiHost, createPixiApp, type PixiAppOptions, type ScenePainter } from '../pixi-host';
import { drawCartPole } from './cart';
import { fitCartPole, sameLayout, type CartPoleLayout } from './layout';
import type { CartPoleScene } from './scene';
import { drawTrack } from './track';

/** `preference`: 'webgl' (default) is the most reliable, Pixi falls back to the other. */
export type CartPoleRendererOptions = PixiAppOptions;

export interface CartPoleRenderer {
  readonly canvas: HTMLCanvasElement;
  /** The backend Pixi picked. */
  readonly backend: string;
  draw(scene: CartPoleScene): void;
  /** Re-measure the host (a ResizeObserver also watches it). */
  resize(): void;
  destroy(): void;
}

/**
 * Create a renderer whose canvas fills `host`. The host's own CSS sets its size (e.g. an
 * aspect-ratio); the canvas follows it and never sizes it.
 */
export async function createCartPoleRenderer(host: HTMLElement, opts: CartPoleRendererOptions = {}): Promise<CartPoleRenderer> {
  const app = await createPixiApp(host, opts, 'CartPole renderer');
  ensureLabelFont();
  const painter = new CartPolePainter();
  return new PixiHost(host, app, painter, painter.world);
}

class CartPolePainter implements ScenePainter<CartPoleScene> {
  readonly world = new Container({ label: 'cartpole' });
  private readonly track = new Graphics({ label: 'track' });
  private readonly trackLabels = new LabelPool('track-labels');
  private readonly cart = new Graphics({ label: 'cart-and-pole' });
  private layout: CartPoleLayout | null = null;

  constructor() {
    this.world.addChild(this.track, this.trackLabels.container, this.cart);
  }

  paint(scene: CartPoleScene, width: number, height: number): boolean {
    const l = fitCartPole(width, height, scene.params);
    if (!sameLayout(this.layout, l)) {
      this.layout = l;
      drawTrack(this.track, this.trackLabels, l);
    }
    drawCartPole(this.cart, scene, l);
    return false;
  }
}
