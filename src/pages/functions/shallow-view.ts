/**
 * What the shallow-network and depth parts draw: each stage of fig. 3.3 over x (one curve per
 * hidden unit and stage), the linear regions as shaded intervals coloured by activation pattern,
 * the composition's three graphs, and the 2-D networks' output surfaces and hinge lines. Pure.
 */
import {
  COMPOSITION_DOMAIN,
  DOMAIN_2D,
  composedOutput2d,
  composedPieces,
  shallowOutput,
  shallowOutput2d,
  shallowStages,
  type AffinePiece,
  type OuterNetwork1d,
  type Region1d,
  type ShallowNetwork1d,
  type ShallowNetwork2d,
} from '../../../supervised/m1';
import { sampleGrid, type Grid2d } from '../../lib/ui/viz/contours';
import { clipLine } from '../../lib/ui/viz/paths';
import type { PlotShade } from '../../lib/ui/viz/types';

/** Points along x for smooth curves; joints are added exactly so kinks stay sharp. */
export function sampleXs(lo: number, hi: number, joints: readonly number[] = [], count = 241): number[] {
  const xs = Array.from({ length: count }, (_, k) => lo + ((hi - lo) * k) / (count - 1));
  return [...xs, ...joints.filter((x) => x > lo && x < hi)].sort((a, b) => a - b);
}

export type StageName = 'pre' | 'activation' | 'weighted';
export const STAGE_TITLES: Record<StageName, string> = {
  pre: 'pre-activation θ_d0 + θ_d1 x',
  activation: 'activation h_d = a[·]',
  weighted: 'weighted φ_d h_d',
};

/** One panel of fig. 3.3: stage `stage` of unit `unit` over xs. */
export function stageCurve(network: ShallowNetwork1d, xs: readonly number[], stage: StageName, unit: number): number[] {
  return xs.map((x) => shallowStages(network, x)[stage][unit]);
}

export function outputCurve(network: ShallowNetwork1d, xs: readonly number[]): number[] {
  return xs.map((x) => shallowOutput(network, x));
}

/** Soft colours for activation patterns (which units are on), the shading of fig. 3.3j. */
const PATTERN_COLORS = ['#dbe9f6', '#fde9cf', '#d5efe6', '#f7dde0', '#e8def0', '#e0eef8', '#f3efd6', '#e6e6e6'];

export function patternColor(pattern: readonly boolean[]): string {
  const bits = pattern.reduce((b, on, d) => (on ? b | (1 << d) : b), 0);
  return PATTERN_COLORS[bits % PATTERN_COLORS.length];
}

export function regionShades(regions: readonly Region1d[]): PlotShade[] {
  return regions.map((r) => ({ x0: r.x0, x1: r.x1, color: patternColor(r.pattern) }));
}

/** Alternating shades for pieces without patterns (the composition's 9 pieces). */
export function pieceShades(pieces: readonly AffinePiece[]): PlotShade[] {
  return pieces.map((p, k) => ({ x0: p.x0, x1: p.x1, color: k % 2 === 0 ? '#dbe9f6' : '#fde9cf' }));
}

/** The 2-input network's output over the square. */
export function surfaceOf(network: ShallowNetwork2d, resolution = 141): Grid2d {
  return sampleGrid((x1, x2) => shallowOutput2d(network, x1, x2), DOMAIN_2D.x1, DOMAIN_2D.x2, resolution, resolution);
}

export function composedSurface(inner: ShallowNetwork2d, outer: OuterNetwork1d, resolution = 161): Grid2d {
  return sampleGrid((x1, x2) => composedOutput2d(inner, outer, x1, x2), DOMAIN_2D.x1, DOMAIN_2D.x2, resolution, resolution);
}

/** The hinge lines theta_d0 + theta_d1 x1 + theta_d2 x2 = 0 inside the square, as segments. */
export function hingeSegments(network: ShallowNetwork2d): number[][] {
  return network.theta.map((line) => clipLine(line, DOMAIN_2D.x1, DOMAIN_2D.x2) ?? []);
}

/** The composition's pieces over the folding domain. */
export function compositionPieces(first: ShallowNetwork1d, second: ShallowNetwork1d): AffinePiece[] {
  return composedPieces(first, second, COMPOSITION_DOMAIN[0], COMPOSITION_DOMAIN[1]);
}
