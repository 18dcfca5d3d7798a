/**
 * The 1-D convolution playground's plain data: the input signals, the book's presets (eq. 10.3,
 * figs. 10.3, 10.4 and 10.6), where each unit of each layer sits over the input (the diagram
 * draws strided layers spread out, as fig. 10.6 does), and the selected unit's equation.
 */
import { createRng } from '../../../environments/core/rng';
import type { Conv1dConfig, Padding } from '../../../supervised/m4/conv1d';
import type { ConvStack } from '../../../supervised/m4-session/conv-stack';

export type SignalId = 'bump' | 'step' | 'spike' | 'noisy-sine';

export const SIGNALS: readonly { readonly id: SignalId; readonly title: string }[] = [
  { id: 'bump', title: 'Bump' },
  { id: 'step', title: 'Step' },
  { id: 'spike', title: 'Spike (shows the kernel, reversed)' },
  { id: 'noisy-sine', title: 'Noisy sine' },
];

export const MIN_LENGTH = 3;
export const MAX_LENGTH = 40;
export const MAX_KERNEL = 7;
export const MAX_STRIDE = 4;
export const MAX_DILATION = 4;
export const MAX_PADDING = 4;

/** `length` samples of a signal; the noisy sine's noise is seeded, so it is the same every time. */
export function makeSignal(id: SignalId, length: number): number[] {
  const centre = (length - 1) / 2;
  const rng = createRng('convolution-page/noisy-sine');
  return Array.from({ length }, (_, j) => {
    switch (id) {
      case 'bump':
        return Math.exp(-0.5 * ((j - centre) / Math.max(1, length / 8)) ** 2);
      case 'step':
        return j >= Math.floor(length / 2) ? 1 : 0;
      case 'spike':
        return j === Math.floor(centre) ? 1 : 0;
      case 'noisy-sine':
        return Math.sin((2 * Math.PI * j) / Math.max(4, length / 2)) + 0.3 * (2 * rng.next() - 1);
    }
  });
}

export interface PlaygroundLayer {
  readonly kernel: readonly number[];
  readonly stride: number;
  readonly dilation: number;
  readonly padding: Padding;
}

export interface PlaygroundPreset {
  readonly id: string;
  readonly title: string;
  /** One line on what it shows. */
  readonly note: string;
  readonly length: number;
  readonly signal: SignalId;
  readonly layers: readonly PlaygroundLayer[];
}

const smooth = [0.25, 0.5, 0.25];
const layer = (kernel: readonly number[], stride = 1, dilation = 1, padding: Padding = 'same'): PlaygroundLayer => ({ kernel, stride, dilation, padding });

export const PLAYGROUND_PRESETS: readonly PlaygroundPreset[] = [
  { id: 'eq-10-3', title: 'Eq. 10.3: kernel 3, zero padding', note: 'Each output is a weighted sum of three neighbouring inputs; one zero is added at each end.', length: 11, signal: 'noisy-sine', layers: [layer(smooth)] },
  { id: 'fig-10-4', title: 'Fig. 10.4: 6 inputs, 3 shared weights', note: 'The same three weights on every diagonal of W: 3 parameters where a dense layer has 36.', length: 6, signal: 'bump', layers: [layer([-0.5, 1, 0.5])] },
  { id: 'stride', title: 'Fig. 10.3: stride 2', note: 'The kernel moves two inputs at a time: half as many outputs.', length: 11, signal: 'noisy-sine', layers: [layer(smooth, 2)] },
  { id: 'kernel-5', title: 'Fig. 10.3: kernel size 5', note: 'A wider kernel: each output sees five inputs.', length: 11, signal: 'noisy-sine', layers: [layer([0.2, 0.2, 0.2, 0.2, 0.2])] },
  { id: 'dilation', title: 'Fig. 10.3: dilation 2', note: 'Gaps between the taps: three weights span five inputs.', length: 11, signal: 'noisy-sine', layers: [layer(smooth, 1, 2)] },
  { id: 'valid', title: "'Valid': no padding", note: 'Only outputs whose whole kernel lies on the input: two fewer outputs.', length: 11, signal: 'noisy-sine', layers: [layer(smooth, 1, 1, 'valid')] },
  {
    id: 'fig-10-6',
    title: 'Fig. 10.6: receptive fields through four layers',
    note: 'Kernel 3 in every layer, the third with stride 2 and no padding: receptive fields of 3, 5, 7, then all 11 inputs.',
    length: 11,
    signal: 'noisy-sine',
    layers: [layer(smooth), layer(smooth), layer(smooth, 2, 1, 'valid'), layer(smooth)],
  },
];

export function layerConfig(layer: PlaygroundLayer): Conv1dConfig {
  return { kernel: [...layer.kernel], stride: layer.stride, dilation: layer.dilation, padding: layer.padding };
}

/** Where a layer's units sit over the input: unit i at first + i * jump (input positions). */
export interface LayerFrame {
  readonly first: number;
  /** How many inputs apart neighbouring units are. */
  readonly jump: number;
  readonly length: number;
}

/**
 * Each layer's frame: unit i of layer l is centred over the middle of its (dilated) kernel in
 * layer l - 1, so strided layers spread out as in fig. 10.6. frames[0] is the input (first 0,
 * jump 1). A padding tap j < 0 or j >= length of layer l sits at first + j * jump too.
 */
export function layerFrames(stack: ConvStack): LayerFrame[] {
  const frames: LayerFrame[] = [{ first: 0, jump: 1, length: stack.values[0].length }];
  stack.geometries.forEach((g, l) => {
    const below = frames[l];
    const centre = (g.dilation * (g.kernelSize - 1)) / 2 - g.padLeft;
    frames.push({ first: below.first + centre * below.jump, jump: below.jump * g.stride, length: g.outputLength });
  });
  return frames;
}

export function positionOf(frame: LayerFrame, index: number): number {
  return frame.first + index * frame.jump;
}

function number(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** The symbol of layer l's units: x for the input, h for hidden layers, z for the top layer. */
export function unitSymbol(layer: number, layers: number): string {
  if (layer === 0) return 'x';
  if (layer === layers) return 'z';
  return `h^{(${layer})}`;
}

/**
 * The selected unit's sum with the live numbers (eq. 10.3 written out):
 * z_5 = 0.25 x_4 + 0.50 x_5 + 0.25 x_6 = 0.83, padding zeros written as 0.
 */
export function unitEquation(stack: ConvStack, layers: readonly PlaygroundLayer[], layer: number, unit: number): string {
  if (layer === 0) return `x_{${unit + 1}} = ${number(stack.values[0][unit])}`;
  const below = unitSymbol(layer - 1, layers.length);
  const taps = stack.taps[layer - 1][unit];
  const kernel = layers[layer - 1].kernel;
  const terms = taps.map((j, k) => {
    const weight = number(kernel[k]);
    return j < 0 ? `${weight}\\cdot 0` : `${weight}\\,${below}_{${j + 1}}`;
  });
  const sum = terms.join(' + ').replace(/\+ -/g, '- ');
  return `${unitSymbol(layer, layers.length)}_{${unit + 1}} = ${sum} = ${number(stack.values[layer][unit])}`;
}
