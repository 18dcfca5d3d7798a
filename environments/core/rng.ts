/**
 * The only source of randomness in Floe (ARCHITECTURE.md section 3).
 *
 * seedrandom's `alea` generator: fast (about three times the default ARC4) and with a saveable
 * state, so a paused run can be stored and resumed bit for bit. A run has one master seed and
 * derives named streams from it (env dynamics, exploration, replay, init), so changing the agent
 * leaves the world's randomness unchanged: common random numbers for fair comparisons.
 */
import seedrandom from 'seedrandom';

/** The generator's internal state: plain numbers, safe to JSON-encode and post to a worker. */
export interface RngState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A copy of the internal state; `restoreRng(state)` continues the same sequence. */
  state(): RngState;
}

type AleaPrng = seedrandom.PRNG & { state(): RngState };

function wrap(prng: AleaPrng): Rng {
  return {
    next: () => prng(),
    int: (n: number) => Math.floor(prng() * n),
    state: () => ({ ...prng.state() }),
  };
}

export function createRng(seed: string | number): Rng {
  return wrap(seedrandom.alea(String(seed), { state: true }) as AleaPrng);
}

export function restoreRng(state: RngState): Rng {
  // seedrandom copies the state object, so the caller's copy stays untouched.
  return wrap(seedrandom.alea('', { state: { ...state } }) as unknown as AleaPrng);
}

/** The named streams a run uses. Each is derived from the master seed and the name only. */
export type StreamName = 'env' | 'explore' | 'replay' | 'init';

export function deriveRng(masterSeed: string | number, stream: StreamName | string): Rng {
  return createRng(`${String(masterSeed)}/${stream}`);
}

export function deriveStreams(masterSeed: string | number): Record<StreamName, Rng> {
  return {
    env: deriveRng(masterSeed, 'env'),
    explore: deriveRng(masterSeed, 'explore'),
    replay: deriveRng(masterSeed, 'replay'),
    init: deriveRng(masterSeed, 'init'),
  };
}
