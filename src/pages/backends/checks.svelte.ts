/**
 * The page's side of the backend checks: owns the worker and folds its messages into reactive
 * rows, one per backend, which the table renders as they fill.
 */
import { BACKENDS, type BackendName, type FromWorker, type Impl, type NetId, type ParityResult, type RateResult, type ToWorker } from './protocol';

export type RateKey = `${NetId}-${Impl}`;

export interface BackendRow {
  /** 'idle' before a run; 'queued' until the worker reaches it; 'checking' while it runs. */
  phase: 'idle' | 'queued' | 'checking' | 'finished';
  /** null until known. */
  initialised: boolean | null;
  note?: string;
  rates: Partial<Record<RateKey, RateResult>>;
  parity: ParityResult | 'reference' | null;
  error?: string;
}

const emptyRow = (): BackendRow => ({ phase: 'idle', initialised: null, rates: {}, parity: null });

export class BackendChecks {
  /** The backend tfjs picks with no preference (webgpu, webgl, wasm, cpu: the first that starts). */
  defaultBackend = $state<BackendName | null>(null);
  running = $state(false);
  /** A failure outside any one backend (the worker itself). */
  error = $state<string | null>(null);
  rows = $state(Object.fromEntries(BACKENDS.map((b) => [b, emptyRow()])) as Record<BackendName, BackendRow>);
  private readonly worker: Worker;

  constructor() {
    // A plain URL on purpose: Vite recognises `new Worker(new URL(..., import.meta.url))` and bundles the worker.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.worker = new Worker(new URL('./backends.worker.ts', import.meta.url), { type: 'module', name: 'floe-backends' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event) => {
      this.error = event.message || 'the worker failed to start';
      this.running = false;
    };
  }

  run(backends: readonly BackendName[]): void {
    if (this.running || backends.length === 0) return;
    this.running = true;
    for (const b of BACKENDS) this.rows[b] = { ...emptyRow(), phase: backends.includes(b) ? 'queued' : 'idle' };
    this.send({ type: 'run', backends: [...backends] });
  }

  dispose(): void {
    this.worker.terminate();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'default':
        this.defaultBackend = message.backend;
        break;
      case 'init': {
        const row = this.rows[message.backend];
        row.phase = message.ok ? 'checking' : 'finished';
        row.initialised = message.ok;
        row.note = message.note;
        break;
      }
      case 'rate':
        this.rows[message.backend].rates[`${message.net}-${message.impl}`] = message.result;
        break;
      case 'parity':
        this.rows[message.backend].parity = message.result;
        this.rows[message.backend].phase = 'finished';
        break;
      case 'failed':
        if (message.backend === null) this.error = message.message;
        else Object.assign(this.rows[message.backend], { phase: 'finished', error: message.message });
        break;
      case 'done':
        this.running = false;
        break;
    }
  }
}
