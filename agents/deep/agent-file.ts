/**
 * What every deep agent's loader shares (DQN and the policy-gradient agents): naming where a
 * bad value was read in front of its error, and disposing a half-built agent when its saved
 * state turns out to be bad, so that a failed load leaks no tensors.
 */

/** Runs `run`, prefixing the message of anything it throws with `where: ` (the original is the cause). */
export function withContext<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Puts a saved state into a freshly built agent; disposes the agent and rethrows when that fails. */
export function restoreOrDispose<A extends { dispose(): void }>(agent: A, restore: (agent: A) => void): A {
  try {
    restore(agent);
  } catch (error) {
    agent.dispose();
    throw error;
  }
  return agent;
}
