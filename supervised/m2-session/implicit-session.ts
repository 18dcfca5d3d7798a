/**
 * Implicit regularisation as a worker session (M2.4, section 9.2, fig. 9.3): on the A.6 loss,
 * whose minima fill the line phi1 = 0, three paths leave one start together:
 * - gradient descent with a finite step alpha (the discrete path);
 * - the continuous gradient flow of L (RK4, `substeps` per alpha of time);
 * - the continuous flow of the modified loss L~ = L + (alpha / 4) |grad L|^2 (eq. 9.8).
 * One step is one discrete update, and both flows advance by the same time alpha. The discrete
 * path drifts from the flow of L and stays near the flow of L~: gradient descent behaves as if it
 * also penalised the gradient's norm. Rows carry 'charts/gap_to_flow' and
 * 'charts/gap_to_modified_flow', the distances of the discrete point from the two flows.
 *
 * RK4 is a one-step method, so advancing the flows one interval at a time gives exactly the
 * points of supervised/m2's compareImplicitRegularisation (the tests check bit for bit).
 */
import type { Metrics } from '../../environments/core/types';
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { gradientDescentPath, gradientFlowPath, modifiedGradient } from '../m2/implicit-regularisation';
import { IMPLICIT_REGULARISATION_LANDSCAPE } from '../m2/landscapes';
import { OptimisationSession } from './base-session';
import { checkImplicitConfig, type CheckedImplicitConfig } from './session-config';
import { runKey, type ImplicitSessionSnapshot } from './session-types';

type Point = [number, number];

const landscape = IMPLICIT_REGULARISATION_LANDSCAPE;
const gradient = (phi: ArrayLike<number>): Float64Array => landscape.gradient(phi);
const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
const last = (path: Point[]): Point => path[path.length - 1];

export class ImplicitRegularisationSession extends OptimisationSession<ImplicitSessionSnapshot> {
  readonly config: CheckedImplicitConfig;
  private readonly modified: (phi: ArrayLike<number>) => Float64Array;
  private readonly discrete: Point[];
  private readonly flow: Point[];
  private readonly modifiedFlow: Point[];
  private readonly distanceToFlow: number[] = [0];
  private readonly distanceToModifiedFlow: number[] = [0];
  private readonly key: string;

  constructor(config: ModuleRunConfig) {
    super();
    this.config = checkImplicitConfig(config);
    this.modified = modifiedGradient(landscape, this.config.alpha);
    const start = this.config.start;
    this.discrete = [[start[0], start[1]]];
    this.flow = [[start[0], start[1]]];
    this.modifiedFlow = [[start[0], start[1]]];
    this.key = runKey(config);
  }

  get steps(): number {
    return this.discrete.length - 1;
  }

  protected advance(): Metrics {
    const { alpha, substeps } = this.config;
    const next = gradientDescentPath(gradient, last(this.discrete), alpha, 1)[1];
    this.discrete.push(next);
    this.flow.push(gradientFlowPath(gradient, last(this.flow), alpha, 1, substeps)[1]);
    this.modifiedFlow.push(gradientFlowPath(this.modified, last(this.modifiedFlow), alpha, 1, substeps)[1]);
    const toFlow = distance(next, last(this.flow));
    const toModified = distance(next, last(this.modifiedFlow));
    this.distanceToFlow.push(toFlow);
    this.distanceToModifiedFlow.push(toModified);
    return { 'charts/gap_to_flow': toFlow, 'charts/gap_to_modified_flow': toModified };
  }

  done(): boolean {
    return this.steps >= this.config.steps;
  }

  snapshot(): ImplicitSessionSnapshot {
    const copy = (path: Point[]): Point[] => path.map(([a, b]) => [a, b]);
    return {
      kind: 'implicit-regularisation',
      runKey: this.key,
      start: [this.config.start[0], this.config.start[1]],
      alpha: this.config.alpha,
      budget: this.config.steps,
      steps: this.steps,
      discrete: copy(this.discrete),
      flow: copy(this.flow),
      modifiedFlow: copy(this.modifiedFlow),
      distanceToFlow: this.distanceToFlow.slice(),
      distanceToModifiedFlow: this.distanceToModifiedFlow.slice(),
      losses: { discrete: landscape.loss(last(this.discrete)), flow: landscape.loss(last(this.flow)), modifiedFlow: landscape.loss(last(this.modifiedFlow)) },
    };
  }
}
