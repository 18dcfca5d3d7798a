/**
 * The keyboard of a game page (CartPole, the arcade's Play tab, duel and match): the game's own
 * keys play, A hands the controls to the agent, P pauses, Enter starts the next game. One rule for
 * all, so a key means the same on every game page; each page says what its keys do.
 */
import { isActivatableTarget, isTypingTarget } from '../controls/speed';

export interface GameKeys {
  /** What a key does in the game (an arcade action, CartPole's push direction), or null: not a game key. */
  action(key: string): number | null;
  /** A game key went down (not its auto-repeat, unless `pressRepeats`). */
  press(action: number): void;
  /** CartPole: a held arrow's repeats push again, so a held key starts the next episode too. */
  pressRepeats?: boolean;
  /** A: the agent takes the controls (absent where the agent always plays its own side). */
  takeOver?(): void;
  /** P */
  togglePause(): void;
  /** Enter: the next game, or the start of a waiting one. */
  enter(): void;
}

/** The window's keydown on a game page. Keys typed into a field, or with a modifier, are not the game's. */
export function onGameKey(event: KeyboardEvent, keys: GameKeys): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTypingTarget(event.target)) return;
  const action = keys.action(event.key);
  if (action !== null) {
    // No scrolling; and on a focused button space would press it instead of playing.
    event.preventDefault();
    if (!event.repeat || keys.pressRepeats) keys.press(action);
    return;
  }
  switch (event.key) {
    case 'a':
    case 'A':
      if (!event.repeat) keys.takeOver?.();
      break;
    case 'p':
    case 'P':
      if (!event.repeat) keys.togglePause();
      break;
    case 'Enter':
      // On a focused button Enter already means "press it".
      if (isActivatableTarget(event.target) || event.repeat) return;
      event.preventDefault();
      keys.enter();
      break;
  }
}
