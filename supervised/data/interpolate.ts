/**
 * Linear resampling of a 1-D signal to a new number of samples, as MNIST-1D uses it twice
 * (Appendix B, steps 2 and 8: to 72 samples, then to the final 40).
 *
 * Both the old and the new samples are spread evenly over the same interval, first sample on
 * first sample and last on last (numpy's linspace(0, 1, n) grids), and each new sample is the
 * straight-line blend of the two old samples around it. So resampling stretches or squeezes the
 * whole signal; it never crops it.
 */
export function resampleLinear(values: ArrayLike<number>, length: number): Float64Array {
  const n = values.length;
  if (n < 1) throw new Error('resample: the signal must have at least 1 sample, got 0');
  if (!Number.isInteger(length) || length < 1) throw new Error(`resample: length must be an integer >= 1, got ${String(length)}`);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    // Position on the old grid; i * (n - 1) / (length - 1) keeps whole positions exact.
    const position = length === 1 ? 0 : (i * (n - 1)) / (length - 1);
    const left = Math.floor(position);
    if (left >= n - 1) {
      out[i] = values[n - 1];
      continue;
    }
    const fraction = position - left;
    // a + f (b - a): exactly a at f = 0, and exactly 0 between two zeros (the padding mask relies on it).
    out[i] = values[left] + fraction * (values[left + 1] - values[left]);
  }
  return out;
}
