/**
 * The two draws the data generators need beyond Floe's Rng (environments/core/rng.ts), which
 * gives only uniform numbers: standard normal samples and a seeded shuffle. Kept here, next to
 * their only users, so the shared Rng stays as small as it is.
 */
import type { Rng } from '../../environments/core/rng';

/**
 * Fills `out` with independent standard normal samples times `scale`, by the Box-Muller
 * transform: each pair of uniforms gives two normals, so a sequence of length n costs
 * ceil(n / 2) pairs. The same Rng state always gives the same numbers.
 */
export function fillNormal(rng: Rng, out: Float64Array, scale = 1): Float64Array {
  for (let i = 0; i < out.length; i += 2) {
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const angle = 2 * Math.PI * rng.next();
    out[i] = scale * radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = scale * radius * Math.sin(angle);
  }
  return out;
}

/** A uniformly random permutation of 0 .. n-1 (Fisher-Yates, drawing from `rng`). */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const held = order[i];
    order[i] = order[j];
    order[j] = held;
  }
  return order;
}
