/**
 * The ten MNIST-1D digit templates (Appendix B, "Templates"), before and after the recipe's
 * normalisation.
 *
 * The raw numbers are the published ones from greydanus/mnist1d (mnist1d/data.py, get_templates):
 * ten hand-drawn 12-point curves, each starting and ending at 5, that rise above or dip below 5
 * in a digit-like way. Only d0 is written out in the reference (book-chapters.md, Appendix B); it
 * matches the published d0 exactly. The numbers are facts taken as they are; the code is Floe's.
 *
 * Normalisation, per template (the reference says "whitened per template, shifted so they start
 * at 0, and divided by 6"):
 * 1. "Whitened" here means standardised: subtract the template's own mean and divide by its own
 *    population standard deviation (divide by n, not n - 1). It is not PCA/ZCA whitening across
 *    the ten templates: each 12-point curve is scaled on its own, so every digit has the same
 *    energy before the shift. This is what the published generator does.
 * 2. Subtract the first value, so every template starts (and, since d0..d9 all end where they
 *    start, also ends) at exactly 0. The mean is no longer 0 after this shift.
 * 3. Divide by 6.
 */

/** The published raw templates d0 .. d9, index = digit. */
export const RAW_MNIST1D_TEMPLATES: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5]),
  Object.freeze([5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5]),
  Object.freeze([5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5]),
  Object.freeze([5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5]),
  Object.freeze([5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5]),
  Object.freeze([5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5]),
  Object.freeze([5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5]),
  Object.freeze([5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5]),
  Object.freeze([5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5]),
  Object.freeze([5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5]),
]);

/** Digits 0 .. 9: one class per template. */
export const MNIST1D_CLASSES = 10;

/** Points in every template. */
export const MNIST1D_TEMPLATE_POINTS = 12;

/** One raw template standardised, shifted to start at 0 and divided by 6 (steps 1-3 above). */
export function normaliseTemplate(raw: readonly number[]): Float64Array {
  const n = raw.length;
  const mean = raw.reduce((sum, v) => sum + v, 0) / n;
  const variance = raw.reduce((sum, v) => sum + (v - mean) * (v - mean), 0) / n;
  if (!(variance > 0)) throw new Error('mnist1d template: a template must not be constant');
  const std = Math.sqrt(variance);
  const standardised = raw.map((v) => (v - mean) / std);
  const start = standardised[0];
  return Float64Array.from(standardised, (v) => (v - start) / 6);
}

/** The ten normalised templates, index = digit; fresh arrays, safe to change. */
export function mnist1dTemplates(): Float64Array[] {
  return RAW_MNIST1D_TEMPLATES.map(normaliseTemplate);
}
