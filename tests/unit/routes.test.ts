import { describe, expect, it } from 'vitest';
import { hrefFor, routeFor, ROUTES } from '../../src/routes';

describe('routeFor', () => {
  it('maps paths to pages; trailing slashes, index.html and unknown paths behave', () => {
    expect(routeFor('/').id).toBe('gridworld');
    expect(routeFor('/index.html').id).toBe('gridworld');
    expect(routeFor('/cartpole').id).toBe('cartpole');
    expect(routeFor('/cartpole/').id).toBe('cartpole');
    expect(routeFor('/backends').id).toBe('backends');
    expect(routeFor('/compare').id).toBe('compare');
    expect(routeFor('/library').id).toBe('library');
    expect(routeFor('/nowhere').id).toBe('gridworld');
    expect(routeFor('/floe/cartpole', '/floe/').id).toBe('cartpole');
    expect(ROUTES.map((r) => hrefFor(r))).toEqual(['/', '/cartpole', '/arcade', '/pomdp', '/offline', '/compare', '/library', '/backends']);
  });
});
