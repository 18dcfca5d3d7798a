/** The loss heads of chapter 5, by id (types.ts has the contract). */
import { bernoulliHead, softmaxHead } from './classification';
import { mixtureHead } from './mixture';
import { heteroscedasticHead, normalFixedHead, normalLearnedHead } from './normal';
import { poissonHead } from './poisson';
import { DEFAULT_HEAD_SETTINGS, HEAD_IDS, type HeadId, type HeadSettings, type LossHead } from './types';
import { vonMisesHead } from './von-mises';

export * from './types';
export { softmax } from './classification';
export { logFactorial } from './poisson';
export { besselI0, MAX_KAPPA, wrapAngle } from './von-mises';

export function isHeadId(value: unknown): value is HeadId {
  return typeof value === 'string' && (HEAD_IDS as readonly string[]).includes(value);
}

/** The head `id` with its fixed settings (sigma for 'normal-fixed', kappa for 'von-mises'). */
export function createHead(id: HeadId, settings: HeadSettings = DEFAULT_HEAD_SETTINGS): LossHead {
  switch (id) {
    case 'normal-fixed':
      return normalFixedHead(settings.sigma);
    case 'normal-learned':
      return normalLearnedHead();
    case 'heteroscedastic':
      return heteroscedasticHead();
    case 'bernoulli':
      return bernoulliHead();
    case 'softmax':
      return softmaxHead();
    case 'poisson':
      return poissonHead();
    case 'von-mises':
      return vonMisesHead(settings.kappa);
    case 'mixture':
      return mixtureHead();
  }
}
export { centralBand, densityAt, type CentralBand } from './density';
