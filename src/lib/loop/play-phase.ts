/**
 * Where a game a person plays on a page stands (CartPole, the arcade's Play tab, a duel, a match).
 * ready: set up, waiting for the first key (a person is never surprised by a game that began
 * before they were). over: ended, waiting for a reset.
 */
export type PlayPhase = 'ready' | 'running' | 'paused' | 'over';

/** The phase after the pause key: only a game under way pauses or goes on. */
export function togglePause(phase: PlayPhase): PlayPhase {
  if (phase === 'running') return 'paused';
  if (phase === 'paused') return 'running';
  return phase;
}
