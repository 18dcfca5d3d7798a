/**
 * Pure helpers of the network panel: colours of the activation squares (the value map's diverging
 * red-white-blue palette on each layer's own symmetric scale, so 0 is always near-white and a
 * relu layer runs white to blue), the action bars and the text summary screen readers get.
 */
import type { NetworkReading } from '../../../../agents/runner/network-reading';
import { divergingColor, symmetricScale } from '../../render/gridworld/colors';

export function cssHex(color: number): string {
  return `#${color.toString(16).padStart(6, '0')}`;
}

/** One CSS colour per value, on the layer's own scale (the largest |value|, 1 when all are 0). */
export function layerColors(values: readonly number[]): string[] {
  const scale = symmetricScale(values);
  return values.map((v) => cssHex(divergingColor(v / scale)));
}

export interface ActionBar {
  readonly label: string;
  readonly value: number;
  /** Bar length in [0, 1]: the probability, or |q| over the largest |q|. */
  readonly fraction: number;
  readonly negative: boolean;
  /** One of the greedy actions (ties all count). */
  readonly greedy: boolean;
}

export function actionBars(outputs: NetworkReading['outputs'], labels: readonly string[]): ActionBar[] {
  const values = outputs.values;
  const best = Math.max(...values);
  const scale = outputs.kind === 'probabilities' ? 1 : symmetricScale(values);
  return values.map((value, a) => ({
    label: labels[a] ?? `action ${a + 1}`,
    value,
    fraction: Math.min(1, Math.abs(value) / scale),
    negative: value < 0,
    greedy: value === best,
  }));
}

export function formatValue(value: number, kind: NetworkReading['outputs']['kind']): string {
  const text = kind === 'probabilities' ? value.toFixed(2) : value.toFixed(3);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

/** What the panel shows, in words. */
export function networkSummary(reading: NetworkReading, labels: readonly string[], subject: string): string {
  const layers = reading.layers.map((layer) => `${layer.name} ${layer.units}${layer.kind === 'input' ? '' : ` ${layer.activation}`}`).join(', ');
  const bars = actionBars(reading.outputs, labels);
  const what = reading.outputs.kind === 'q-values' ? 'Q-values' : 'action probabilities';
  const outputs = bars.map((bar) => `${bar.label} ${formatValue(bar.value, reading.outputs.kind)}`).join(', ');
  const greedy = bars.filter((bar) => bar.greedy).map((bar) => bar.label).join(' or ');
  const value = reading.valueEstimate === undefined ? '' : ` Value estimate ${reading.valueEstimate.toFixed(3)}.`;
  return `Network read for ${subject}. Layers: ${layers}. ${what}: ${outputs}; greedy ${greedy}.${value}`;
}
