/**
 * What the agent sees of the person's game, so that its answers on the page are answers about the
 * observations it was trained on: all four numbers of CartPole, or with the velocities hidden
 * (environments/pomdp/cartpole-hidden.ts) the [x, theta] of the last `history` states of the
 * episode side by side, oldest first, with zeros before the episode's start, exactly as the
 * history wrapper (environments/pomdp/history.ts) builds them for the training copies.
 */
import type { CartPoleState } from '../../../environments/classic/cartpole';
import { cartPolePositionObservation } from '../../../environments/pomdp/cartpole-hidden';
import { historyObservation } from '../../../environments/pomdp/history';

export interface AgentView {
  /** The agent sees [x, theta] only. */
  readonly hiddenVelocities: boolean;
  /** Observations stacked side by side (1: the current one alone); applies with hidden velocities. */
  readonly history: number;
}

export const FULL_VIEW: AgentView = { hiddenVelocities: false, history: 1 };

/** The most states a game keeps for the view: the longest history the runs may stack (run-file.ts's MAX_RUN_HISTORY). */
export const MAX_VIEW_HISTORY = 16;

/**
 * The agent's observation after `recent`, the episode's states so far (at least the start; the
 * current one last; earlier ones may have been dropped beyond MAX_VIEW_HISTORY).
 */
export function agentObservation(recent: readonly CartPoleState[], view: AgentView): number[] {
  const now = recent[recent.length - 1];
  if (!view.hiddenVelocities) return [now.x, now.xDot, now.theta, now.thetaDot];
  const k = view.history;
  const seen = recent.slice(-k).map(cartPolePositionObservation);
  // NOTE: zeros before the episode's start, not copies of the first observation (history.ts).
  const frames = [...Array.from({ length: k - seen.length }, () => new Float32Array(2)), ...seen];
  return Array.from(historyObservation(frames, null, 0));
}
