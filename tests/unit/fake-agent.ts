/**
 * A fake training worker for the driver tests: `ask` is what TrainingClient.act would be; the
 * questions wait until `flush()` answers the ones asked so far (as the real worker answers
 * between its training chunks), so questions asked meanwhile wait for the next flush.
 */
import type { AgentChoiceReading } from '../../agents/runner/world-deep-session';

/** An answer choosing `action` of `nActions`: q-values 1 for it and 0 for the others. */
export function answer(action: number, nActions = 3): AgentChoiceReading {
  return { action, reading: { layers: [], outputs: { kind: 'q-values', values: Array.from({ length: nActions }, (_, a) => (a === action ? 1 : 0)) } } };
}

export function fakeWorker(policy: (obs: readonly number[]) => number, nActions = 3) {
  const waiting: { obs: readonly number[]; resolve: (c: AgentChoiceReading) => void }[] = [];
  return {
    asked: [] as (readonly number[])[],
    ask(obs: readonly number[]): Promise<AgentChoiceReading> {
      this.asked.push(obs);
      return new Promise((resolve) => waiting.push({ obs, resolve }));
    },
    /** Questions not answered yet. */
    get pending(): number {
      return waiting.length;
    },
    async flush(): Promise<void> {
      for (const next of waiting.splice(0)) {
        next.resolve(answer(policy(next.obs), nActions));
        // Let the answer's continuations (the driver's next question) run before the next answer.
        for (let i = 0; i < 4; i++) await Promise.resolve();
      }
    },
  };
}
