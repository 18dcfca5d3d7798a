/**
 * The functions-page module session's plain data (session.ts): its config, as the page builds it,
 * and its snapshots, as the worker posts them. Types and constants only, so the page imports them
 * without pulling the session in.
 *
 *   { module: 'functions', agent: 'linear-regression', world: { start: [phi0, phi1] },
 *     options: { optimiser: OptimiserConfig, maxSteps, tolerance }, seed }
 *   { module: 'functions', agent: 'loss-lab', world: { head, points, sigma, kappa },
 *     options: { hidden, optimiser: OptimiserConfig }, seed }
 */
import type { OptimiserConfig } from '../core';
import type { HeadId, HeadSettings } from './heads';

export const FUNCTIONS_MODULE = 'functions';

export type FunctionsTask = 'linear-regression' | 'loss-lab';
export const FUNCTIONS_TASKS: readonly FunctionsTask[] = ['linear-regression', 'loss-lab'];

export interface LinearRegressionWorld {
  /** Where gradient descent starts: [phi_0, phi_1]. Default the notebooks' [0.6, -0.2]. */
  readonly start?: readonly [number, number];
}

export interface LinearRegressionOptions {
  /** A float64 optimiser config (supervised/core). Default: gradient descent, book form, alpha = 0.01. */
  readonly optimiser?: OptimiserConfig;
  /** The run stops after this many steps. Default 2,000. */
  readonly maxSteps?: number;
  /** The run stops when the gradient's length falls below this (converged). Default 1e-6. */
  readonly tolerance?: number;
}

export interface LossLabWorld {
  readonly head: HeadId;
  /** Data points. Default 80. */
  readonly points?: number;
  /** The fixed sigma of the 'normal-fixed' head. Default 0.5. */
  readonly sigma?: number;
  /** The fixed kappa of the 'von-mises' head. Default 8. */
  readonly kappa?: number;
}

export interface LossLabOptions {
  /** Hidden units of the shallow network. Default 12. */
  readonly hidden?: number;
  /** A float64 optimiser config. Default: Adam, book form, alpha = 0.005. */
  readonly optimiser?: OptimiserConfig;
}

export const DEFAULT_LINEAR_OPTIMISER: OptimiserConfig = Object.freeze({ kind: 'sgd', learningRate: 0.01 });
export const DEFAULT_LAB_OPTIMISER: OptimiserConfig = Object.freeze({ kind: 'adam', learningRate: 0.005 });
export const DEFAULT_HIDDEN_UNITS = 12;
export const MAX_HIDDEN_UNITS = 256;

export interface LinearRegressionSnapshot {
  readonly kind: 'linear-regression';
  readonly start: readonly [number, number];
  readonly phi: readonly [number, number];
  /** Eq. 2.5 at phi. */
  readonly loss: number;
  readonly gradient: readonly [number, number];
  readonly steps: number;
  /** The step length the last update used (the line search's choice), null before the first. */
  readonly learningRate: number | null;
  /** phi after every step, from the start (every other point once it grows long; the last is phi). */
  readonly trajectory: readonly (readonly [number, number])[];
  readonly converged: boolean;
  /** The loss ran away (a learning rate too large for this bowl): the run stops. */
  readonly diverged: boolean;
  readonly maxSteps: number;
  /** Which optimiser runs, in which form (supervised/core's describeOptimiser). */
  readonly optimiser: string;
}

export interface LossLabSnapshot {
  readonly kind: 'loss-lab';
  readonly head: HeadId;
  readonly settings: HeadSettings;
  readonly hidden: number;
  readonly data: { readonly x: readonly number[]; readonly y: readonly number[] };
  /** The network's parameters (head-network.ts's layout), for the page to draw the prediction. */
  readonly phi: readonly number[];
  /** Eq. 5.4: the sum over the data of -log Pr(y_i | x_i). */
  readonly nll: number;
  /** The NLL is no longer finite (a learning rate too large): the run stops. */
  readonly diverged: boolean;
  readonly steps: number;
  readonly optimiser: string;
}

export type FunctionsSnapshot = LinearRegressionSnapshot | LossLabSnapshot;
