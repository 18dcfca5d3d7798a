/**
 * supervised/mnist1d-models: the MNIST-1D networks of chapters 8-10 on raw tf.variables (the
 * 40-100-100-10 MLP, the 2,050-parameter conv net, the 59,065-parameter MLP, width-swept MLPs),
 * their training loop, and the module sessions 'mnist1d' and 'double-descent' the training worker
 * runs (registered by ./register.ts, which the worker's deep runtime imports).
 */
export { conv1dIm2col, conv1dOutputLength } from './conv1d';
export { INIT_SCHEMES, initBound, initialWeights, type InitScheme } from './init';
export {
  BOOK_MLP,
  CONV_COMPARISON_MLP,
  CONV_NET,
  MAX_PARAMETERS,
  checkNetworkSpec,
  describeNetwork,
  layerSummaries,
  parameterCount,
  widthMlp,
  type Conv1dLayerSpec,
  type LayerSummary,
  type Mnist1dNetworkSpec,
} from './network-spec';
export { Mnist1dNetwork, type WeightGrid } from './network';
export { SplitTensors } from './data-tensors';
export { MinibatchSampler } from './minibatches';
export { crossEntropy, scoreSplit, smoothTargets, type SplitScore } from './loss';
export { randomiseLabels, type NoisyLabels } from './label-noise';
export { MAX_TRAINING_STEPS, TRAINING_DEFAULTS, describeTraining, resolveTrainingConfig, type Mnist1dTrainingConfig, type ResolvedTrainingConfig } from './training-config';
export { Mnist1dTrainer, type Evaluation, type TrainerReading } from './trainer';
export { checkNoiseFraction, parseDatasetWorld, uploadDataset, type UploadedDataset } from './world';
export { AGENT_DEFAULTS, MNIST1D_AGENTS, resolveMnist1dRunOptions, type Mnist1dAgent } from './mnist1d-options';
export { MAX_STEPS_PER_CALL, MNIST1D_MODULE, Mnist1dSession, createMnist1dSession, type Mnist1dSnapshot, type PredictAnswer, type PredictQuestion } from './mnist1d-session';
export { DOUBLE_DESCENT_DEFAULTS, DOUBLE_DESCENT_DEFAULT_WORLD, resolveDoubleDescentOptions, resolveDoubleDescentWorld, type DoubleDescentOptions, type DoubleDescentWorld } from './double-descent-options';
export {
  DOUBLE_DESCENT_MODULE,
  DoubleDescentSession,
  createDoubleDescentSession,
  type DoubleDescentCurve,
  type DoubleDescentPoint,
  type DoubleDescentSnapshot,
} from './double-descent-session';
export { MNIST1D_PRESETS, NOTEBOOK_WIDTHS, getMnist1dPreset, type Mnist1dPreset } from './presets';
export { MNIST1D_BENCH_BATCH, bareModel, mnist1dBareStep, mnist1dFloeStep } from './step-bench';
