/**
 * Updates per second of one update step on the current backend: a warm-up (GPU backends compile
 * their shaders on the first calls), then about a second of back-to-back updates. The loop blocks,
 * which is why it runs in the worker.
 */
import type { UpdateStep } from '../../../agents/deep/update-bench';
import type { RateResult } from './protocol';

const WARMUP_MS = 300;
const WARMUP_MIN_STEPS = 3;
const RUN_MS = 1000;

export function measureRate(make: () => UpdateStep, runMs = RUN_MS): RateResult {
  let update: UpdateStep | null = null;
  try {
    update = make();
    // The first step throws where the backend lacks a kernel (wasm has no conv2d gradient).
    const warmStart = performance.now();
    for (let n = 0; n < WARMUP_MIN_STEPS || performance.now() - warmStart < WARMUP_MS; n++) update.step();
    const start = performance.now();
    let n = 0;
    while (n === 0 || performance.now() - start < runMs) {
      update.step();
      n++;
    }
    return { rate: (n * 1000) / (performance.now() - start) };
  } catch (error) {
    return { rate: null, note: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
  } finally {
    update?.dispose();
  }
}
