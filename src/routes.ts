/**
 * Pages by path, with no router library: plain links reload the page and App.svelte picks the
 * page from `location.pathname`. Every page but the home page is loaded on demand, so the home
 * page's bundle does not grow with each new page. `vite` and `vite preview` serve index.html for
 * unknown paths (appType 'spa'), so /cartpole works in dev, in preview and in the browser tests.
 */
export type PageId = 'gridworld' | 'cartpole' | 'arcade' | 'compare' | 'library' | 'backends' | 'offline' | 'pomdp' | 'functions' | 'optimisation' | 'generalisation' | 'convolution';

/** Where a page sits in the top bar: the RL pages, the side modules' menu, the tools. */
export type RouteGroup = 'rl' | 'chapters' | 'tools';

export interface Route {
  readonly id: PageId;
  /** Path under the app's base, without the leading slash ('' is the home page). */
  readonly path: string;
  readonly title: string;
  readonly group: RouteGroup;
  /** The side modules' chapters, shown in their menu ('ch 2-5'). */
  readonly chapters?: string;
}

export const ROUTES: readonly Route[] = [
  { id: 'gridworld', path: '', title: 'Gridworld', group: 'rl' },
  { id: 'cartpole', path: 'cartpole', title: 'CartPole', group: 'rl' },
  { id: 'arcade', path: 'arcade', title: 'Arcade', group: 'rl' },
  { id: 'pomdp', path: 'pomdp', title: 'POMDP', group: 'rl' },
  { id: 'offline', path: 'offline', title: 'Offline RL', group: 'rl' },
  { id: 'functions', path: 'functions', title: 'Functions', group: 'chapters', chapters: 'ch 2–5' },
  { id: 'optimisation', path: 'optimisation', title: 'Optimisation', group: 'chapters', chapters: 'ch 6–7' },
  { id: 'generalisation', path: 'generalisation', title: 'Generalisation', group: 'chapters', chapters: 'ch 8–9' },
  { id: 'convolution', path: 'convolution', title: 'Convolution', group: 'chapters', chapters: 'ch 10–11' },
  { id: 'compare', path: 'compare', title: 'Compare', group: 'tools' },
  { id: 'library', path: 'library', title: 'Library', group: 'tools' },
  { id: 'backends', path: 'backends', title: 'Backends', group: 'tools' },
];

/** The route for a pathname under `base` ('/' in Floe); unknown paths get the home page. */
export function routeFor(pathname: string, base = '/'): Route {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  const path = rest.replace(/\/+$/, '').replace(/(^|\/)index\.html$/, '');
  return ROUTES.find((r) => r.path === path) ?? ROUTES[0];
}

export function hrefFor(route: Route, base = '/'): string {
  return base + route.path;
}
