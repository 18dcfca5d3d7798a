/**
 * A 1-D Gaussian filter, the smoother behind MNIST-1D's correlated noise (Appendix B, step 5:
 * "Gaussian-filtered (sigma = 2) noise").
 *
 * It follows the conventions of the filter the recipe was written with (scipy.ndimage's
 * gaussian_filter), so a sigma means the same thing here as there:
 * - the kernel is exp(-k^2 / (2 sigma^2)) for k = -radius .. radius, normalised to sum to 1;
 * - radius = floor(truncate * sigma + 0.5), with truncate = 4 by default (17 taps at sigma 2);
 * - beyond the ends the signal is mirrored about the edge, repeating the edge sample
 *   (d c b a | a b c d | d c b a), so a constant signal stays exactly constant in value up to
 *   rounding and no mass leaks out at the ends.
 */

function checkPositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`gaussian filter: ${name} must be a finite number > 0, got ${String(value)}`);
  }
}

/** The normalised weights for offsets -radius .. radius (index radius is offset 0). */
export function gaussianKernel(sigma: number, truncate = 4): Float64Array {
  checkPositive('sigma', sigma);
  checkPositive('truncate', truncate);
  const radius = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) {
    const w = Math.exp((-0.5 * k * k) / (sigma * sigma));
    weights[k + radius] = w;
    total += w;
  }
  for (let i = 0; i < weights.length; i++) weights[i] /= total;
  return weights;
}

/** Index into a signal of length n after mirroring about its edges ("reflect" boundary). */
export function reflectIndex(index: number, n: number): number {
  const period = 2 * n;
  const wrapped = ((index % period) + period) % period;
  return wrapped < n ? wrapped : period - 1 - wrapped;
}

/** The signal convolved with a Gaussian of standard deviation `sigma` samples; a new array. */
export function gaussianFilter1d(values: ArrayLike<number>, sigma: number, truncate = 4): Float64Array {
  const weights = gaussianKernel(sigma, truncate);
  const radius = (weights.length - 1) / 2;
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = -radius; k <= radius; k++) sum += weights[k + radius] * values[reflectIndex(i + k, n)];
    out[i] = sum;
  }
  return out;
}
