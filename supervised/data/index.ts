/**
 * supervised/data: the datasets of the chapter 2-11 modules. MNIST-1D generated from its
 * published recipe (chapter 8, Appendix B), the companion notebooks' small datasets
 * (Appendix A), and the signal helpers they are built from. No tfjs: typed arrays only.
 */
export { generateMnist1d, traceMnist1dTransform } from './mnist1d';
export type { Mnist1dDataset, Mnist1dSamples, Mnist1dStages, Mnist1dTransformDraws } from './mnist1d';
export {
  CORRELATED_NOISE_SIGMA,
  MNIST1D_DEFAULTS,
  MNIST1D_MAX_LENGTH,
  MNIST1D_MAX_SAMPLES,
  MNIST1D_OPTION_KEYS,
  resolveMnist1dOptions,
  trainCount,
  workingLength,
} from './mnist1d-options';
export type { Mnist1dOptions } from './mnist1d-options';
export { MNIST1D_CLASSES, MNIST1D_TEMPLATE_POINTS, RAW_MNIST1D_TEMPLATES, mnist1dTemplates, normaliseTemplate } from './mnist1d-templates';
export { gaussianFilter1d, gaussianKernel, reflectIndex } from './gaussian-filter';
export { resampleLinear } from './interpolate';
export { fillNormal, randomPermutation } from './random-draws';
export {
  BACKPROP_TOY_INPUTS,
  GABOR_DATA,
  LINEAR_REGRESSION_DATA,
  gaborModel,
  linearModel,
  sumOfSquaresLoss,
} from './book-data';
export type { BookDataset1d, Phi2 } from './book-data';
