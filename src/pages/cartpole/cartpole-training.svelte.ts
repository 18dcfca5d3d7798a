/**
 * What the CartPole page trains: a WorldTrainingState (agent, options, seed) plus how the agent
 * sees the cart. With "Hide the velocities" the run's world is 'pomdp/cartpole-hidden-velocities'
 * (the same CartPole, observed as [x, theta] only: a POMDP), and `history` stacks the last k
 * observations side by side (environments/pomdp/history.ts). Either change starts a fresh run;
 * the agent and its options stay as they are, so the same agent can be compared memoryless and
 * stacked.
 */
import type { CartPoleWorld, WorldRunConfig } from '../../../agents/runner/world-deep-session';
import { CARTPOLE_HIDDEN_VELOCITIES_ID } from '../../../environments/pomdp/cartpole-hidden';
import { cartpoleStart } from '../../lib/ui/agent/world-defaults';
import { WorldTrainingState } from '../../lib/ui/agent/world-training-state.svelte';
import { FULL_VIEW, type AgentView } from './agent-view';

/** The choices of the "observations stacked" control. */
export const HISTORY_CHOICES = [1, 2, 3, 4] as const;

export class CartPoleTraining extends WorldTrainingState<CartPoleWorld> {
  /** Observations stacked when the velocities are hidden (1: memoryless). */
  history = $state(1);

  constructor() {
    super('cartpole', (_world, agent) => cartpoleStart(agent));
  }

  get hiddenVelocities(): boolean {
    return this.world === CARTPOLE_HIDDEN_VELOCITIES_ID;
  }

  /** Hide the velocities from the agent, or show them again; the agent and its options stay. */
  setHiddenVelocities(hidden: boolean): void {
    this.world = hidden ? CARTPOLE_HIDDEN_VELOCITIES_ID : 'cartpole';
  }

  setHistory(k: number): void {
    if ((HISTORY_CHOICES as readonly number[]).includes(k)) this.history = k;
  }

  /** What the agent of this config sees (the person's game asks it about the same). */
  get view(): AgentView {
    return this.hiddenVelocities ? { hiddenVelocities: true, history: this.history } : FULL_VIEW;
  }

  override get runConfig(): WorldRunConfig<CartPoleWorld> {
    const config = super.runConfig;
    return this.hiddenVelocities ? { ...config, history: this.history } : config;
  }

  /** A loaded run brings its world and, with hidden velocities, its history (1 when it has none). */
  override adoptRun(config: WorldRunConfig): void {
    super.adoptRun(config);
    if (config.world === CARTPOLE_HIDDEN_VELOCITIES_ID) this.history = config.history ?? 1;
  }
}
