/**
 * Colours of the CartPole renderer, from the shared theme (src/lib/ui/theme.css) and the
 * gridworld's ice, so both pages speak the same visual language.
 */
export const INK = 0x17232f; // --floe-text
export const MUTED = 0x52657a; // --floe-text-muted
export const FAINT = 0x7b8ea3; // --floe-text-faint
export const WHITE = 0xffffff;

export const ICE = { base: 0xdcecf8, light: 0xeaf4fc, line: 0xb7d3ea, edge: 0x9dbfdc } as const;
export const RAIL = { bar: 0x33475b, sleeper: 0xa9bccf } as const;

/** The cart: glacier blue (--floe-accent and its hover shade). */
export const CART_COLORS = { body: 0x1d6fb8, top: 0x4a90d0, edge: 0x175b98, wheel: INK, hub: 0xdcecf8, bracket: MUTED } as const;
/** The pole: warm amber, far from the cart's blue. */
export const POLE_COLORS = { fill: 0xf0a23a, edge: 0xb86e12 } as const;

export const DANGER = 0xb3261e; // --floe-danger
export const LIMIT = 0xd1495b; // --floe-series-4
export const SUCCESS = 0x1b7a57; // --floe-positive
export const WEDGE = 0x1d6fb8;
