/**
 * Gradient updates per second of Floe's networks against a bare tfjs step of the same network,
 * per backend that runs here (in Node: wasm and cpu). The networks and the update itself live in
 * agents/deep/update-bench.ts, shared with the browser's /backends page; see there for what one
 * update is and why the bare conv step has no wasm number.
 */
import { initBackend, type BackendName } from '../agents/core/tf-backend';
import { bareUpdateStep, floeUpdateStep, MLP, SMALL_CONV, type UpdateStep } from '../agents/deep/update-bench';
import { interleavedRates, type RateRun } from './timing';

/** Runs `update` until `ms` have passed; returns updates per second. */
function rateOf(update: UpdateStep): RateRun {
  return (ms: number) => {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < ms) {
      update.step();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  };
}

export interface DeepUpdateRow {
  readonly backend: BackendName;
  readonly net: string;
  readonly floe: number;
  /** null when the bare step cannot run on this backend. */
  readonly bare: number | null;
  readonly bareError?: string;
}

export async function deepUpdateRates(backends: readonly BackendName[], runs: number, runMs: number): Promise<DeepUpdateRow[]> {
  const rows: DeepUpdateRow[] = [];
  for (const wanted of backends) {
    const backend = await initBackend(wanted);
    if (backend !== wanted) continue;
    for (const net of [MLP, SMALL_CONV]) {
      const floe = floeUpdateStep(net);
      let bare: UpdateStep | null = null;
      let bareError: string | undefined;
      try {
        bare = bareUpdateStep(net);
        bare.step(); // fails at once where the backend lacks a gradient kernel
      } catch (error) {
        bare?.dispose();
        bare = null;
        bareError = (error as Error).message.split('\n')[0];
      }
      const rates = interleavedRates(bare ? [rateOf(floe), rateOf(bare)] : [rateOf(floe)], runs, runMs, 300);
      rows.push({ backend, net: net.name, floe: rates[0].median, bare: bare ? rates[1].median : null, bareError });
      floe.dispose();
      bare?.dispose();
    }
  }
  return rows;
}
