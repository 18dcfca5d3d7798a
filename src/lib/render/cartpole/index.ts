/**
 * CartPole renderer: draws a `CartPoleScene` (plain data) with Pixi v8.
 *
 * - `createCartPoleRenderer(host, opts)` resolves once Pixi is ready.
 * - `mountCartPoleRenderer(host, opts)` returns at once, for Svelte `{@attach}` (see ../mount).
 */
import { mountRenderer, type MountErrorOptions, type RendererHandle } from '../mount';
import { createCartPoleRenderer, type CartPoleRenderer, type CartPoleRendererOptions } from './renderer';
import type { CartPoleScene } from './scene';

export { createCartPoleRenderer };
export type { CartPoleRenderer, CartPoleRendererOptions };
export { endCause, type CartPoleScene, type EndCause, type PushDirection } from './scene';
export { fitCartPole, poleScreenEndpoints, toScreen, type CartPoleLayout, type ScreenPoint } from './layout';

export type CartPoleRendererHandle = RendererHandle<CartPoleScene, CartPoleRenderer>;

export interface MountOptions extends Omit<CartPoleRendererOptions, 'signal'>, MountErrorOptions {}

/** Mount synchronously: `{@attach (host) => { const h = mountCartPoleRenderer(host); ...; return h.destroy; }}`. */
export function mountCartPoleRenderer(host: HTMLElement, opts: MountOptions = {}): CartPoleRendererHandle {
  return mountRenderer(createCartPoleRenderer, host, opts);
}
