/** The agent contract (ARCHITECTURE.md section 2) and the explanations agents give the UI. */
import type { Rng } from '../../environments/core/rng';
import type { Metrics, Transition } from '../../environments/core/types';

export type ActMode = 'explore' | 'greedy';

export interface Agent<O, A> {
  act(obs: O, rng: Rng, mode: ActMode): A;
  /** Learn from one transition (tabular TD agents update here). */
  observe(t: Transition<O, A>, rng: Rng): void;
  /** A learning step outside `observe`; null when nothing was learned. */
  update(rng: Rng): Metrics | null;
  /** Called at the start of every episode. */
  reset?(): void;
  dispose(): void;
  /** The terms of the last update, for the Bellman card. */
  explain?(): UpdateExplanation | null;
  save(): AgentFile;
}

/** A saved agent: versioned JSON. */
export interface AgentFile {
  readonly format: 'floe-agent';
  readonly version: number;
  readonly agent: string;
  readonly config: Record<string, unknown>;
  readonly state: Record<string, unknown>;
}

/** One successor term of a Bellman backup: P(s'|s,a) v(s'). */
export interface SuccessorTerm {
  readonly next: number;
  readonly prob: number;
  readonly value: number;
}

/** One action's bracket in eq 19.11/19.12: r(s,a) + gamma * sum_s' P(s'|s,a) v(s'). */
export interface ActionBackup {
  readonly action: number;
  readonly reward: number;
  readonly successors: readonly SuccessorTerm[];
  /** reward + gamma * sum of prob * value (just reward when the state is terminal). */
  readonly q: number;
  /** pi(a|s) for policy evaluation; absent for the max of value iteration. */
  readonly policyProb?: number;
}

/** A dynamic-programming backup of one state (eq 19.8 / 19.11 / 19.12). */
export interface BellmanBackupExplanation {
  readonly kind: 'bellman-backup';
  /** 'evaluation' averages over pi (eq 19.11); 'optimality' takes the max (value iteration). */
  readonly rule: 'evaluation' | 'optimality';
  readonly state: number;
  readonly gamma: number;
  readonly terminal: boolean;
  readonly actions: readonly ActionBackup[];
  readonly oldValue: number;
  readonly newValue: number;
  /** The greedy action(s) after the backup (eq 19.12). */
  readonly argmax: readonly number[];
}

/** A temporal-difference update (eqs 19.14, 19.15, 19.20; fig 19.12). */
export interface TdExplanation {
  readonly kind: 'td';
  readonly algorithm: 'sarsa' | 'expected-sarsa' | 'q-learning' | 'double-q-learning';
  readonly state: number;
  readonly action: number;
  readonly reward: number;
  readonly nextState: number;
  /** SARSA: the next action a' whose q(s',a') is bootstrapped (absent when terminated or for other rules). */
  readonly nextAction?: number;
  readonly terminated: boolean;
  readonly gamma: number;
  readonly alpha: number;
  /** The bootstrapped next value: q(s',a'), the expectation, or the max (0 when terminated). */
  readonly bootstrap: number;
  /** For double Q-learning: which table was updated. */
  readonly table?: 'A' | 'B';
  readonly oldValue: number;
  readonly target: number;
  readonly tdError: number;
  readonly newValue: number;
}

/** The updates a Monte Carlo agent applied at the end of an episode (eq 19.13). */
export interface MonteCarloExplanation {
  readonly kind: 'monte-carlo';
  readonly algorithm: string;
  readonly gamma: number;
  readonly updates: readonly {
    readonly state: number;
    readonly action: number;
    readonly return: number;
    /** Importance weight W for off-policy, 1 on-policy. */
    readonly weight: number;
    /** Step size used: 1/N(s,a) or W/C(s,a). */
    readonly stepSize: number;
    readonly oldValue: number;
    readonly newValue: number;
  }[];
}

export type UpdateExplanation = BellmanBackupExplanation | TdExplanation | MonteCarloExplanation;
