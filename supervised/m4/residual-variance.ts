/**
 * Variance through residual stacks at initialisation (section 11.3, fig. 11.6, M4.4).
 *
 * Each block is f_k[h] = Omega_k ReLU[h] (the pre-activation order of fig. 11.5: ReLU, then the
 * linear layer; zero biases) with He weights, sigma^2 = 2 / D. For a zero-mean symmetric input
 * E[ReLU(h)^2] = var(h) / 2 (Problem 7.14), so var(f_k[h]) = D (2 / D) var(h) / 2 = var(h): He
 * initialisation preserves the variance through one block. Four stacks of K blocks:
 *
 * | variant               | h_k                                         | var(h_k) expected |
 * |-----------------------|---------------------------------------------|-------------------|
 * | `plain`               | f_k[h_{k-1}]                                | v_0               |
 * | `residual`            | h_{k-1} + f_k[h_{k-1}]                      | v_0 2^k (fig. 11.6a: doubles each block) |
 * | `residual-scaled`     | (h_{k-1} + f_k[h_{k-1}]) / sqrt(2)          | v_0 (fig. 11.6b)  |
 * | `residual-batchnorm`  | h_{k-1} + f_k[BatchNorm(h_{k-1})]           | v_0 + k (fig. 11.6c: linear growth) |
 *
 * The residual sum adds variances because f_k's output is uncorrelated with its input (Omega_k is
 * zero-mean and independent of h). Batch norm (gamma = 1, delta = 0, eq. 11.8's epsilon placement)
 * hands every block a unit-variance input, so each block adds exactly one unit of variance.
 *
 * Measured over a seeded batch of standard normal inputs (v_0 = 1) and every unit; all variants
 * use the same draws (streams `${seed}/inputs` and `${seed}/weights`), so they differ only in the
 * architecture.
 */
import { createRng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';
import { affineBatch, variance } from '../m2/dense-batch';
import { batchNormalise } from './batch-norm';

export type ResidualVariant = 'plain' | 'residual' | 'residual-scaled' | 'residual-batchnorm';
export const RESIDUAL_VARIANTS: readonly ResidualVariant[] = ['plain', 'residual', 'residual-scaled', 'residual-batchnorm'];

export interface ResidualVarianceOptions {
  /** Residual blocks K. Default 10. */
  readonly blocks?: number;
  /** Units D per layer. Default 100. */
  readonly width?: number;
  /** Examples the variance is taken over. Default 100. */
  readonly batch?: number;
  /** Seed of the input and weight draws. Default 0. */
  readonly seed?: number | string;
}

export interface ResidualVarianceProfile {
  readonly variant: ResidualVariant;
  /** var(h_k) for k = 0..K, measured (h_0 is the input). */
  readonly measured: number[];
  /** What the analysis above predicts for k = 0..K, from the measured var(h_0). */
  readonly expected: number[];
}

function resolve(options: ResidualVarianceOptions): Required<ResidualVarianceOptions> {
  if (typeof options !== 'object' || options === null) throw new Error(`residual variance: options must be an object, got ${JSON.stringify(options)}`);
  const count = (value: unknown, fallback: number, name: string, max: number): number => {
    if (value === undefined) return fallback;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) throw new Error(`residual variance: ${name} must be an integer in [1, ${max}], got ${JSON.stringify(value)}`);
    return value;
  };
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' && typeof seed !== 'string') throw new Error(`residual variance: seed must be a number or a string, got ${JSON.stringify(seed)}`);
  return { blocks: count(options.blocks, 10, 'blocks', 200), width: count(options.width, 100, 'width', 1000), batch: count(options.batch, 100, 'batch', 10000), seed };
}

function expectedVariance(variant: ResidualVariant, v0: number, k: number): number {
  switch (variant) {
    case 'plain':
    case 'residual-scaled':
      return v0;
    case 'residual':
      return v0 * 2 ** k;
    case 'residual-batchnorm':
      return v0 + k;
  }
}

/** The measured and expected variance per block for each variant (default: all four). */
export function residualVarianceProfiles(options: ResidualVarianceOptions = {}, variants: readonly ResidualVariant[] = RESIDUAL_VARIANTS): ResidualVarianceProfile[] {
  const { blocks, width, batch, seed } = resolve(options);
  if (!Array.isArray(variants) || variants.length === 0) throw new Error('residual variance: variants must be a non-empty array');
  variants.forEach((variant, i) => {
    if (!RESIDUAL_VARIANTS.includes(variant)) throw new Error(`residual variance: variants[${i}] must be one of ${RESIDUAL_VARIANTS.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(variant)}`);
  });
  const input = fillNormal(createRng(`${String(seed)}/inputs`), new Float64Array(batch * width));
  const weightRng = createRng(`${String(seed)}/weights`);
  const heScale = Math.sqrt(2 / width);
  const weights = Array.from({ length: blocks }, () => fillNormal(weightRng, new Float64Array(width * width), heScale));
  return variants.map((variant) => {
    let h = input;
    const measured = [variance(h)];
    for (let k = 0; k < blocks; k++) {
      const blockInput = variant === 'residual-batchnorm' ? batchNormalise(h, batch, width).output : h;
      const f = affineBatch(weights[k], width, width, null, blockInput.map((v) => (v > 0 ? v : 0)), batch);
      if (variant === 'plain') h = f;
      else if (variant === 'residual-scaled') h = h.map((v, i) => (v + f[i]) / Math.SQRT2);
      else h = h.map((v, i) => v + f[i]);
      measured.push(variance(h));
    }
    return { variant, measured, expected: measured.map((_, k) => expectedVariance(variant, measured[0], k)) };
  });
}
