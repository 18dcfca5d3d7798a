/**
 * The training diagnostics a deep agent reports besides its losses, with readable names: what
 * the second chart offers. Only the ones the running agent actually reports are listed.
 */
import type { SeriesSet } from '../../../../agents/runner/metrics';

export const DIAGNOSTICS: readonly { readonly key: string; readonly label: string }[] = [
  { key: 'losses/q_values', label: 'mean Q' },
  { key: 'charts/entropy', label: 'policy entropy' },
  { key: 'charts/approx_kl', label: 'approximate KL' },
  { key: 'charts/clip_fraction', label: 'clip fraction' },
  { key: 'charts/grad_variance', label: 'gradient variance' },
  { key: 'charts/epsilon', label: 'epsilon' },
  { key: 'charts/beta', label: 'importance-weight beta' },
];

export function availableDiagnostics(series: SeriesSet): { key: string; label: string }[] {
  return DIAGNOSTICS.filter((d) => Object.hasOwn(series, d.key));
}
