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
    expect(ROUTES.map((r) => hrefFor(r))).toEqual(['/', '/cartpole', '/arcade', '/pomdp', '/offline', '/functions', '/optimisation', '/generalisation', '/convolution', '/compare', '/library', '/backends']);
  });

  it('groups the pages for the top bar: the RL pages, the side modules of chapters 2-11, the tools', () => {
    const group = (g: string) => ROUTES.filter((r) => r.group === g).map((r) => r.id);
    expect(group('rl')).toEqual(['gridworld', 'cartpole', 'arcade', 'pomdp', 'offline']);
    expect(group('chapters')).toEqual(['functions', 'optimisation', 'generalisation', 'convolution']);
    expect(group('tools')).toEqual(['compare', 'library', 'backends']);
    expect(ROUTES.filter((r) => r.group === 'chapters').every((r) => r.chapters)).toBe(true);
  });
});
