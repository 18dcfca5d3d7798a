/**
 * Memory over a long run: heapUsed after a full GC, after 100 thousand and after 10 million
 * Q-learning steps on the 4x4 book world, stepped as the worker steps (chunks, MetricsLog,
 * trail on). A session must not grow with the steps it has taken: the ratio should stay near 1.
 */
import type { GridModel } from '../environments';
import { apiRunner } from './q-learning';
import { collectGarbage } from './timing';

export interface HeapResult {
  readonly gcAvailable: boolean;
  readonly afterSmall: number;
  readonly afterLarge: number;
  readonly smallSteps: number;
  readonly largeSteps: number;
}

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

export function heapGrowth(model: GridModel, smallSteps = 100_000, largeSteps = 10_000_000): HeapResult {
  const gcAvailable = collectGarbage();
  const runner = apiRunner(model, 3);
  runner.stepExactly(smallSteps);
  const afterSmall = heapAfterGc();
  runner.stepExactly(largeSteps - smallSteps);
  const afterLarge = heapAfterGc();
  return { gcAvailable, afterSmall, afterLarge, smallSteps, largeSteps };
}
