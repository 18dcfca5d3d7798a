/** Words and numbers the CartPole page shows. */
import type { CartPoleParams } from '../../../environments/classic/cartpole';
import type { EndReason } from './game.svelte';

/** Fixed digits with an explicit sign and a true minus: "+0.123", "−1.50"; "−0.000" reads "0.000". */
export function signed(v: number, digits: number): string {
  const s = Math.abs(v).toFixed(digits);
  if (Number(s) === 0) return s;
  return `${v < 0 ? '−' : '+'}${s}`;
}

export function degrees(radians: number): number {
  return (radians * 180) / Math.PI;
}

export function endReasonText(reason: EndReason, params: Pick<CartPoleParams, 'xThreshold' | 'thetaThreshold' | 'maxSteps'>): string {
  const angle = `${Math.round(degrees(params.thetaThreshold))}°`;
  switch (reason) {
    case 'fallen':
      return `The pole fell past ${angle}`;
    case 'out-of-bounds':
      return `The cart left the track (|x| > ${params.xThreshold} m)`;
    case 'fallen-and-out-of-bounds':
      return `The pole fell past ${angle} and the cart left the track`;
    case 'time-limit':
      return `Balanced for all ${params.maxSteps} steps: the time limit ended it`;
    case 'reset':
      return 'Reset before the end';
  }
}

/** Short form for the episode list. */
export const END_REASON_SHORT: Record<EndReason, string> = {
  fallen: 'pole fell',
  'out-of-bounds': 'off the track',
  'fallen-and-out-of-bounds': 'fell, off track',
  'time-limit': 'time limit',
  reset: 'reset',
};
