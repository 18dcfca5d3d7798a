/**
 * The conv layer every deep agent may put before its dense layers, for 'planes' input (the
 * arcade games): MinAtar's network is one conv layer of 16 3x3 filters at stride 1 ('valid'),
 * then a dense layer of 128 (Young & Tian 2019). 0 filters: no conv layer (the default: vector
 * and one-hot inputs). Plain config data, no tensors.
 */
import type { FieldSpecs } from '../../tabular/config';
import type { ConvSpec } from '../types';

export interface ConvConfig {
  /** Filters of the conv layer before the dense layers; 0 for none. Needs 'planes' input. */
  readonly convFilters: number;
  /** Its kernel size (square). */
  readonly convKernel: number;
  /** Its stride. */
  readonly convStride: number;
}

export const CONV_DEFAULTS: ConvConfig = { convFilters: 0, convKernel: 3, convStride: 1 };

export const CONV_FIELDS: FieldSpecs<ConvConfig> = {
  convFilters: { type: 'integer', min: 0, max: 256, doc: "Filters of a conv layer before the dense layers (0: none; needs 'planes' input, the arcade games). MinAtar's network: 16." },
  convKernel: { type: 'integer', min: 1, max: 10, doc: 'Kernel size of the conv layer (square).' },
  convStride: { type: 'integer', min: 1, max: 4, doc: 'Stride of the conv layer.' },
};

/** The conv layers a config asks for: one layer, or none with 0 filters. */
export function convLayers(config: ConvConfig): ConvSpec[] {
  return config.convFilters > 0 ? [{ filters: config.convFilters, kernel: config.convKernel, stride: config.convStride }] : [];
}
