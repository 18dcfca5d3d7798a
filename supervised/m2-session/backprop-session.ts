/**
 * The backprop stepper as a worker session (M2.2, section 7.3): the toy model of eq. 7.5 computed
 * one value per step, in the order backpropagation computes them. The forward pass (eq. 7.8)
 * f0, h1, f1, h2, f2, h3, f3 and the loss; then the backward pass (eqs. 7.10-7.12) from dl/df3
 * back to dl/df0; then the parameter derivatives dl/dbeta_k, dl/domega_k (eqs. 7.13-7.15), each
 * beside its central finite difference.
 *
 * With the default inputs (Appendix A.4) the values are the reference's: f0 = 1.230, ...,
 * dl/df0 = 2.281. The numbers come from supervised/m2/backprop-toy.ts; the session decides how
 * many of them have been computed so far, so the shared Play / Step controls walk through them.
 * Each row carries 'backprop/value', the value just computed. Done when all 23 are shown.
 */
import type { Metrics } from '../../environments/core/types';
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { backpropToy, toyFiniteDifferences, type BackpropToyInputs, type ToyQuantity } from '../m2/backprop-toy';
import { OptimisationSession } from './base-session';
import { checkBackpropConfig } from './session-config';
import { runKey, type BackpropSessionSnapshot, type RevealedQuantity } from './session-types';

export class BackpropSession extends OptimisationSession<BackpropSessionSnapshot> {
  readonly inputs: BackpropToyInputs;
  private readonly quantities: ToyQuantity[];
  private readonly finiteDifferences: Record<string, number>;
  private readonly key: string;
  private shown = 0;

  constructor(config: ModuleRunConfig) {
    super();
    this.inputs = checkBackpropConfig(config);
    const result = backpropToy(this.inputs);
    this.quantities = [...result.forward, ...result.backward, ...result.parameters];
    const differences = toyFiniteDifferences(this.inputs);
    this.finiteDifferences = {};
    for (let k = 0; k < 4; k++) {
      this.finiteDifferences[`dl/dbeta${k}`] = differences.beta[k];
      this.finiteDifferences[`dl/domega${k}`] = differences.omega[k];
    }
    this.key = runKey(config);
  }

  protected advance(): Metrics {
    const quantity = this.quantities[this.shown++];
    return { 'backprop/value': quantity.value };
  }

  done(): boolean {
    return this.shown >= this.quantities.length;
  }

  snapshot(): BackpropSessionSnapshot {
    const revealed: RevealedQuantity[] = this.quantities.slice(0, this.shown).map((q) => ({
      ...q,
      reads: q.reads.slice(),
      finiteDifference: q.pass === 'parameter' ? this.finiteDifferences[q.name] : null,
    }));
    return {
      kind: 'backprop',
      runKey: this.key,
      inputs: { beta: this.inputs.beta.slice(), omega: this.inputs.omega.slice(), x: this.inputs.x, y: this.inputs.y },
      revealed,
      upcoming: this.quantities.slice(this.shown).map(({ name, symbol, formula, pass }) => ({ name, symbol, formula, pass })),
      total: this.quantities.length,
    };
  }
}
