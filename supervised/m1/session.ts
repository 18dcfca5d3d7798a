/**
 * The functions page's module session (issue 8, M1), registered as module 'functions' with the
 * training worker (agents/runner/worker-session.ts), so the page trains with the same XState
 * machine, worker, controls and chart as the RL pages. Two tasks (the config's `agent`):
 *
 * - 'linear-regression': a float64 optimiser from supervised/core (default: gradient descent,
 *   book form, alpha = 0.01) on eq. 2.5 over the 12 points of A.1, from world.start. One step is
 *   one update on the full batch; rows carry 'losses/loss' (L after the update) and
 *   'charts/gradient_norm'. Done when the gradient is shorter than options.tolerance (converged),
 *   the loss runs away (diverged: alpha above 2 / 50, the bowl's steepest curvature), or
 *   options.maxSteps have run.
 * - 'loss-lab': a shallow ReLU network (head-network.ts) trained on the chosen chapter 5 head's
 *   NLL (eq. 5.4) over a seeded dataset suited to it (loss-lab-data.ts), default Adam in book form;
 *   rows carry 'losses/nll' (the sum over the data after the update). It trains on until stopped,
 *   unless the NLL stops being finite (diverged).
 *
 * Snapshots are session-types.ts's plain data. No tfjs: everything here is float64 and
 * deterministic, the same numbers bit for bit for the same config on any backend.
 */
import type { Metrics } from '../../environments/core/types';
import { deriveRng } from '../../environments/core/rng';
import type { StepUnit } from '../../agents/runner/trainable';
import { registerModuleSession, type ModuleRunConfig, type WorkerSession } from '../../agents/runner/worker-session';
import { createOptimiser, describeOptimiser, type Objective, type Optimiser } from '../core';
import { createHead, type LossHead } from './heads';
import { initialParameters, nllObjective, shapeFor, totalNll, type HeadNetworkShape } from './head-network';
import { linearGradient, linearLoss, linearObjective } from './linear-regression';
import { lossLabData, type LossLabData } from './loss-lab-data';
import { checkLinearRegressionConfig, checkLossLabConfig, fail, taskOf, type LinearRegressionConfig, type LossLabConfig } from './session-config';
import { FUNCTIONS_MODULE, type FunctionsSnapshot, type LinearRegressionSnapshot, type LossLabSnapshot } from './session-types';

/** Gradient steps are the only unit ('step'). */
const UNITS: readonly StepUnit[] = ['step'];
/** The most steps one call takes (a typo must not freeze the worker). */
const MAX_STEPS_PER_CALL = 100_000;
/** Trajectory points kept for the loss surface; beyond it every other point is dropped. */
const TRAJECTORY_CAPACITY = 4096;
/** A loss above this has run away (the 12 points' loss is 12.4 at the start). */
const DIVERGED_LOSS = 1e12;

function checkStepCall(n: number, unit: StepUnit | undefined): void {
  if (unit !== undefined && !UNITS.includes(unit)) fail(`steps are optimiser steps; unit '${unit}' does not apply`);
  if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`step needs a whole number of steps up to ${MAX_STEPS_PER_CALL}, got ${JSON.stringify(n)}`);
}

abstract class FunctionsSession<S extends FunctionsSnapshot> implements WorkerSession<S> {
  readonly units = UNITS;
  protected disposed = false;

  abstract step(n: number, unit?: StepUnit): Metrics[];
  abstract snapshot(): S;
  abstract done(): boolean;

  backupState(): Metrics[] {
    fail('these models learn by gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('a functions-page run is not saved as a run file: its settings are on the page, and it trains again in seconds');
  }

  dispose(): void {
    this.disposed = true;
  }

  protected checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export class LinearRegressionSession extends FunctionsSession<LinearRegressionSnapshot> {
  readonly config: LinearRegressionConfig;
  private readonly objective: Objective = linearObjective();
  private readonly optimiser: Optimiser;
  private phi: Float64Array;
  private loss: number;
  private gradient: [number, number];
  private lastRate: number | null = null;
  private trajectory: [number, number][];

  constructor(config: ModuleRunConfig) {
    super();
    this.config = checkLinearRegressionConfig(config);
    this.optimiser = createOptimiser(this.config.optimiser);
    this.phi = Float64Array.from(this.config.start);
    this.loss = linearLoss(this.config.start);
    this.gradient = linearGradient(this.config.start);
    this.trajectory = [[this.phi[0], this.phi[1]]];
  }

  private get converged(): boolean {
    return Math.hypot(this.gradient[0], this.gradient[1]) < this.config.tolerance;
  }

  private get diverged(): boolean {
    return !(this.loss <= DIVERGED_LOSS);
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    checkStepCall(n, unit);
    const rows: Metrics[] = [];
    for (let i = 0; i < n && !this.done(); i++) {
      const record = this.optimiser.step(this.phi, this.objective);
      this.phi = record.phi;
      this.lastRate = record.learningRate;
      const phi: [number, number] = [this.phi[0], this.phi[1]];
      this.loss = linearLoss(phi);
      this.gradient = linearGradient(phi);
      this.trajectory.push(phi);
      if (this.trajectory.length > TRAJECTORY_CAPACITY) this.trajectory = this.trajectory.filter((_, k, all) => k % 2 === 0 || k === all.length - 1);
      rows.push({ 'losses/loss': this.loss, 'charts/gradient_norm': Math.hypot(this.gradient[0], this.gradient[1]) });
    }
    return rows;
  }

  done(): boolean {
    return this.converged || this.diverged || this.optimiser.steps >= this.config.maxSteps;
  }

  snapshot(): LinearRegressionSnapshot {
    return {
      kind: 'linear-regression',
      start: this.config.start,
      phi: [this.phi[0], this.phi[1]],
      loss: this.loss,
      gradient: this.gradient,
      steps: this.optimiser.steps,
      learningRate: this.lastRate,
      trajectory: this.trajectory.slice(),
      converged: this.converged,
      diverged: this.diverged,
      maxSteps: this.config.maxSteps,
      optimiser: describeOptimiser(this.config.optimiser),
    };
  }
}

export class LossLabSession extends FunctionsSession<LossLabSnapshot> {
  readonly config: LossLabConfig;
  readonly head: LossHead;
  readonly data: LossLabData;
  private readonly shape: HeadNetworkShape;
  private readonly objective: Objective;
  private readonly optimiser: Optimiser;
  private phi: Float64Array;
  private nll: number;

  constructor(config: ModuleRunConfig) {
    super();
    this.config = checkLossLabConfig(config);
    this.head = createHead(this.config.head, this.config.settings);
    this.data = lossLabData(this.config.head, this.config.points, this.config.seed);
    this.shape = shapeFor(this.head, this.config.hidden);
    this.objective = nllObjective(this.head, this.shape, this.data.x, this.data.y);
    this.optimiser = createOptimiser(this.config.optimiser);
    this.phi = initialParameters(this.head, this.shape, this.data.y, deriveRng(this.config.seed, 'init'));
    this.nll = totalNll(this.objective, this.phi);
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    checkStepCall(n, unit);
    const rows: Metrics[] = [];
    for (let i = 0; i < n && !this.done(); i++) {
      this.phi = this.optimiser.step(this.phi, this.objective).phi;
      this.nll = totalNll(this.objective, this.phi);
      rows.push({ 'losses/nll': this.nll });
    }
    return rows;
  }

  /** Only when the NLL runs away (a learning rate too large): otherwise it trains on. */
  done(): boolean {
    return !Number.isFinite(this.nll);
  }

  snapshot(): LossLabSnapshot {
    return {
      kind: 'loss-lab',
      head: this.config.head,
      settings: this.config.settings,
      hidden: this.config.hidden,
      data: this.data,
      phi: Array.from(this.phi),
      nll: this.nll,
      diverged: !Number.isFinite(this.nll),
      steps: this.optimiser.steps,
      optimiser: describeOptimiser(this.config.optimiser),
    };
  }
}

/** The session for a functions-page ModuleRunConfig; one message for anything wrong in it. */
export function createFunctionsSession(config: ModuleRunConfig): LinearRegressionSession | LossLabSession {
  return taskOf(config) === 'linear-regression' ? new LinearRegressionSession(config) : new LossLabSession(config);
}

registerModuleSession(FUNCTIONS_MODULE, createFunctionsSession);
