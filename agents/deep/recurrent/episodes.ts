/**
 * Whole episodes, the unit the recurrent agents learn from: a recurrent network's state at step t
 * depends on every observation before it, so training replays an episode from its first step with
 * a zero memory, exactly as the agent acted (backpropagation through time over the episode).
 *
 * - `Episode`: one finished episode, with the observation after its last step (bootstrapped
 *   through when a time limit cut the episode, never when the world ended it).
 * - `EpisodeRecorder`: collects an agent's transitions into episodes.
 * - `timeMajorInput`: a batch of episodes as one padded, time-major network input.
 * - JSON forms for agent files (observations round-trip exactly, see pg-file.ts).
 */
import type { Transition } from '../../../environments/core/types';
import { inputSize } from '../network';
import { observationToJson, readArray, readNumbers, readObservation, readObservations } from '../pg-file';
import type { InputSpec, Observation } from '../types';

export interface Episode {
  readonly observations: readonly Observation[];
  readonly actions: readonly number[];
  readonly rewards: readonly number[];
  /** The observation after the last step. */
  readonly finalObs: Observation;
  /** Ended by the world (no bootstrap); false when a time limit or the runner cut it (bootstrap). */
  readonly terminated: boolean;
}

/** Collects transitions into episodes; the open episode is part of a saved agent. */
export class EpisodeRecorder {
  private observations: Observation[] = [];
  private actions: number[] = [];
  private rewards: number[] = [];
  private lastNextObs: Observation | null = null;

  constructor(
    private readonly agent: string,
    private readonly input: InputSpec,
    private readonly nActions: number,
  ) {}

  /** Steps recorded in the open episode. */
  get length(): number {
    return this.actions.length;
  }

  /** Records a step; returns the episode when the step ended it (terminated or truncated). */
  add(t: Transition<Observation, number>): Episode | null {
    if (!(Number.isInteger(t.action) && t.action >= 0 && t.action < this.nActions)) {
      throw new Error(`${this.agent}: action must be an integer in [0, ${this.nActions}), got ${JSON.stringify(t.action)}`);
    }
    if (typeof t.reward !== 'number' || !Number.isFinite(t.reward)) throw new Error(`${this.agent}: reward must be a finite number, got ${JSON.stringify(t.reward)}`);
    checkObservation(`${this.agent}: obs`, this.input, t.obs);
    checkObservation(`${this.agent}: nextObs`, this.input, t.nextObs);
    // Copies: an env may reuse its observation arrays, and a stored episode must never change.
    this.observations.push(copyObservation(t.obs));
    this.actions.push(t.action);
    this.rewards.push(t.reward);
    this.lastNextObs = copyObservation(t.nextObs);
    return t.terminated || t.truncated ? this.close(t.terminated) : null;
  }

  /**
   * Ends the open episode from outside (the runner started a new one before this one ended):
   * it is kept as cut, so it bootstraps from its last observation. Null when nothing is open.
   */
  cut(): Episode | null {
    return this.length > 0 ? this.close(false) : null;
  }

  private close(terminated: boolean): Episode {
    const episode: Episode = { observations: this.observations, actions: this.actions, rewards: this.rewards, finalObs: this.lastNextObs as Observation, terminated };
    this.observations = [];
    this.actions = [];
    this.rewards = [];
    this.lastNextObs = null;
    return episode;
  }

  toJson(): { observations: (number | number[])[]; actions: number[]; rewards: number[]; lastNextObs: number | number[] | null } {
    return {
      observations: this.observations.map(observationToJson),
      actions: [...this.actions],
      rewards: [...this.rewards],
      lastNextObs: this.lastNextObs === null ? null : observationToJson(this.lastNextObs),
    };
  }

  /** Checks a saved open episode (throws a precise error); returns a function that puts it back. */
  read(where: string, value: unknown): () => void {
    const input = this.input;
    if (typeof value !== 'object' || value === null) throw new Error(`${where} must be an object`);
    const e = value as Record<string, unknown>;
    const actions = readActions(`${where}.actions`, e.actions, this.nActions);
    const rewards = readNumbers(`${where}.rewards`, e.rewards, actions.length);
    const observations = readObservations(`${where}.observations`, e.observations, input, actions.length);
    if (actions.length > 0 && e.lastNextObs === null) throw new Error(`${where}.lastNextObs must be an observation when steps are recorded`);
    const lastNextObs = e.lastNextObs === null ? null : readObservation(`${where}.lastNextObs`, e.lastNextObs, input);
    return () => {
      this.observations = observations;
      this.actions = actions;
      this.rewards = rewards;
      this.lastNextObs = lastNextObs;
    };
  }
}

function copyObservation(obs: Observation): Observation {
  return typeof obs === 'number' ? obs : obs.slice();
}

function readActions(where: string, value: unknown, nActions: number): number[] {
  return readNumbers(where, value).map((a, t) => {
    if (!Number.isInteger(a) || a < 0 || a >= nActions) throw new Error(`${where}[${t}] must be an action in [0, ${nActions}), got ${a}`);
    return a;
  });
}

export function episodeToJson(episode: Episode): Record<string, unknown> {
  return {
    observations: episode.observations.map(observationToJson),
    actions: [...episode.actions],
    rewards: [...episode.rewards],
    finalObs: observationToJson(episode.finalObs),
    terminated: episode.terminated,
  };
}

export function readEpisode(where: string, value: unknown, input: InputSpec, nActions: number): Episode {
  if (typeof value !== 'object' || value === null) throw new Error(`${where} must be an object`);
  const e = value as Record<string, unknown>;
  const actions = readActions(`${where}.actions`, e.actions, nActions);
  if (actions.length === 0) throw new Error(`${where}.actions must hold at least one step`);
  const rewards = readNumbers(`${where}.rewards`, e.rewards, actions.length);
  const observations = readObservations(`${where}.observations`, e.observations, input, actions.length);
  const finalObs = readObservation(`${where}.finalObs`, e.finalObs, input);
  if (typeof e.terminated !== 'boolean') throw new Error(`${where}.terminated must be true or false, got ${JSON.stringify(e.terminated)}`);
  return { observations, actions, rewards, finalObs, terminated: e.terminated };
}

export function readEpisodes(where: string, value: unknown, input: InputSpec, nActions: number): Episode[] {
  return readArray(where, value).map((e, i) => readEpisode(`${where}[${i}]`, e, input, nActions));
}

/**
 * A batch of B episodes as one network input, time-major: row t * B + b holds step t of episode
 * b, for t = 0 .. T - 1 with T = the longest episode's length + 1. Row len_b * B + b holds episode
 * b's final observation (so one pass also gives the memory's value after the last step); rows
 * after it are zeros. Padding only ever follows an episode, so it never changes the memory at
 * the episode's own steps; the losses mask it out.
 */
export function timeMajorInput(input: InputSpec, episodes: readonly Episode[]): { values: Float32Array; steps: number; batch: number } {
  const size = inputSize(input);
  const batch = episodes.length;
  const steps = Math.max(...episodes.map((e) => e.actions.length)) + 1;
  const values = new Float32Array(steps * batch * size);
  episodes.forEach((episode, b) => {
    const length = episode.actions.length;
    for (let t = 0; t <= length; t++) {
      const obs = t < length ? episode.observations[t] : episode.finalObs;
      checkObservation(`episode ${b} observation ${t}`, input, obs);
      writeObservation(obs, values, (t * batch + b) * size);
    }
  });
  return { values, steps, batch };
}

/** Throws `<what> must be ...` unless `obs` fits `input`: an integer state (one-hot) or a Float32Array of the input size. */
export function checkObservation(what: string, input: InputSpec, obs: Observation): void {
  const size = inputSize(input);
  if (input.kind === 'one-hot') {
    if (typeof obs !== 'number' || !Number.isInteger(obs) || obs < 0 || obs >= size) {
      throw new Error(`${what} must be an integer state in [0, ${size}), got ${obs instanceof Float32Array ? 'a Float32Array' : JSON.stringify(obs)}`);
    }
  } else if (!(obs instanceof Float32Array) || obs.length !== size) {
    throw new Error(`${what} must be a Float32Array of ${size} numbers, got ${obs instanceof Float32Array ? `${obs.length} numbers` : JSON.stringify(obs)}`);
  }
}

/** One (checked) observation's encoding, one-hot or the vector as it is, written at `offset`. */
function writeObservation(obs: Observation, values: Float32Array, offset: number): void {
  if (typeof obs === 'number') values[offset + obs] = 1;
  else values.set(obs, offset);
}
