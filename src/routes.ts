/**
 * Pages by path, with no router library: plain links reload the page and App.svelte picks the
 * page from `location.pathname`. Every page but the home page is loaded on demand, so the home
 * page's bundle does not grow with each new page. `vite` and `vite preview` serve index.html for
 * unknown paths (appType 'spa'), so /cartpole works in dev, in preview and in the browser tests.
 */
export type PageId = 'gridworld' | 'cartpole' | 'arcade' | 'compare' | 'library' | 'backends' | 'offline' | 'pomdp';

export interface Route {
  readonly id: PageId;
  /** Path under the app's base, without the leading slash ('' is the home page). */
  readonly path: string;
  readonly title: string;
}

export const ROUTES: readonly Route[] = [
  { id: 'gridworld', path: '', title: 'Gridworld' },
  { id: 'cartpole', path: 'cartpole', title: 'CartPole' },
  { id: 'arcade', path: 'arcade', title: 'Arcade' },
  { id: 'pomdp', path: 'pomdp', title: 'POMDP' },
  { id: 'offline', path: 'offline', title: 'Offline RL' },
  { id: 'compare', path: 'compare', title: 'Compare' },
  { id: 'library', path: 'library', title: 'Library' },
  { id: 'backends', path: 'backends', title: 'Backends' },
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
