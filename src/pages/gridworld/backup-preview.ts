/**
 * What the Bellman card shows for a chosen state. For planning methods: the backup that was just
 * applied to that state, or else the backup that *would* be applied now (from the session's
 * current values). For learners: the update the agent actually made last (fig 19.12).
 */
import type { GridModel } from '../../../environments/gridworld';
import type { UpdateExplanation } from '../../../agents/core/agent';
import type { SessionSnapshot } from '../../../agents/runner/grid-session';
import { backupState } from '../../../agents/tabular/bellman';

export interface CardContent {
  readonly explanation: UpdateExplanation | null;
  /** 'applied': the last update made; 'preview': what backing the state up now would give. */
  readonly status: 'applied' | 'preview';
}

export function cardContent(model: GridModel, snapshot: SessionSnapshot | null, selected: number | null, gamma: number): CardContent {
  if (snapshot === null || snapshot.nS !== model.nS) return { explanation: null, status: 'preview' };
  if (snapshot.kind === 'learner') return { explanation: snapshot.lastExplanation, status: 'applied' };
  // A deep agent updates a network, not one state's entry: there is no single backup to show.
  if (snapshot.kind === 'deep') return { explanation: null, status: 'applied' };
  if (selected === null) return { explanation: snapshot.lastExplanation, status: 'applied' };
  if (snapshot.lastExplanation?.state === selected) return { explanation: snapshot.lastExplanation, status: 'applied' };
  const optimality = snapshot.method === 'value-iteration' || snapshot.method === 'async-dp';
  const explanation = optimality
    ? backupState(model, snapshot.values, selected, gamma, 'optimality')
    : backupState(model, snapshot.values, selected, gamma, 'evaluation', snapshot.policy);
  return { explanation, status: 'preview' };
}

/** Cells to outline on the grid for the card: the successors of one action with their probabilities. */
export function successorHighlights(model: GridModel, state: number | null, action: number | null): { cell: number; prob: number }[] {
  if (state === null || action === null || model.terminal(state) || action >= model.nA) return [];
  return model.P(state, action).map(({ next, prob }) => ({ cell: next, prob }));
}
