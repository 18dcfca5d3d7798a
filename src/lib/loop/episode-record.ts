/**
 * The "recent episodes" of a page where a person and the agent can both hold the controls: who
 * played each episode, and the short list the page shows.
 */

/** Who holds the controls now. */
export type Controller = 'person' | 'agent';

/** Who played an episode: the person, the agent, or both in turn. */
export type Player = 'you' | 'agent' | 'you + agent';

/** How many finished episodes a page lists. */
const HISTORY_LENGTH = 8;

/** Counts the steps each controller took in an episode, to say who played it. */
export class PlayerTally {
  private personSteps = 0;
  private agentSteps = 0;

  count(controller: Controller): void {
    if (controller === 'agent') this.agentSteps++;
    else this.personSteps++;
  }

  /** Who played the steps counted since the last clear(). */
  get player(): Player {
    return this.agentSteps === 0 ? 'you' : this.personSteps === 0 ? 'agent' : 'you + agent';
  }

  clear(): void {
    this.personSteps = 0;
    this.agentSteps = 0;
  }
}

/** The list with `record` first, cut to the HISTORY_LENGTH most recent. */
export function withRecent<T>(history: readonly T[], record: T): readonly T[] {
  return [record, ...history].slice(0, HISTORY_LENGTH);
}
