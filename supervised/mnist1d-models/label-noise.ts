/**
 * Label noise for the double-descent experiment (fig. 8.10b: "15% of the training labels
 * randomised"), as the companion notebook 8_3 does it: each training label, independently, is
 * replaced with probability `fraction` by a class drawn uniformly from all K classes (so about
 * one randomised label in K keeps its class by chance). Test labels are never touched.
 *
 * Every label draws the same two numbers (u, then the new class) whatever the fraction, from one
 * stream of the dataset's seed, so the labels randomised at 15% are among those randomised at
 * 30%, and 0% changes nothing: noise levels differ only by the noise (common random numbers).
 */
import { deriveRng } from '../../environments/core/rng';

export interface NoisyLabels {
  readonly labels: Int32Array;
  /** Labels that were redrawn. */
  readonly randomised: number;
  /** Labels whose class changed (randomised and drawn as another class). */
  readonly changed: number;
}

export function randomiseLabels(labels: Int32Array, fraction: number, classes: number, seed: number): NoisyLabels {
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) throw new Error(`label noise must be a fraction in [0, 1], got ${JSON.stringify(fraction)}`);
  const rng = deriveRng(seed, 'mnist1d/label-noise');
  const out = Int32Array.from(labels);
  let randomised = 0;
  let changed = 0;
  for (let i = 0; i < out.length; i++) {
    const u = rng.next();
    const drawn = rng.int(classes);
    if (u >= fraction) continue;
    randomised++;
    if (drawn !== out[i]) changed++;
    out[i] = drawn;
  }
  return { labels: out, randomised, changed };
}
