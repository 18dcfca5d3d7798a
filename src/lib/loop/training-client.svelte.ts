/**
 * The page's handle on a training session: owns the worker and the lifecycle actor, and exposes
 * the latest frame as reactive state. Snapshots arrive as whole objects and are replaced, never
 * mutated, so `$state.raw` keeps them cheap.
 */
import { createActor, type Actor } from 'xstate';
import type { SessionConfig, SessionSnapshot } from '../../../agents/runner/grid-session';
import type { SeriesSet } from '../../../agents/runner/metrics';
import type { StepUnit } from '../../../agents/runner/trainable';
import type { BackendName, BackendPreference, FromWorker, Speed, ToWorker } from './protocol';
import { trainingMachine, type WorkerPort } from './training.machine';

export type TrainingStatus = 'configuring' | 'idle' | 'running' | 'paused' | 'stepping' | 'done' | 'error';

export class TrainingClient {
  status = $state<TrainingStatus>('configuring');
  error = $state<string | null>(null);
  snapshot = $state.raw<SessionSnapshot | null>(null);
  series = $state.raw<SeriesSet>({});
  units = $state.raw<readonly StepUnit[]>([]);
  stepsPerSecond = $state(0);
  /** What the worker last said about itself: true while it is still stepping (the machine may already show "paused"). */
  workerRunning = $state(false);
  /** The TensorFlow.js backend the worker runs deep agents on; null until a deep agent first starts it. */
  backend = $state<BackendName | null>(null);

  private readonly worker: Worker;
  private readonly actor: Actor<typeof trainingMachine>;

  constructor() {
    // A plain URL on purpose: Vite recognises `new Worker(new URL(..., import.meta.url))` and bundles the worker.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'floe-training' });
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.onMessage(event.data));
    this.worker.addEventListener('error', (event) => {
      this.error = `training worker failed: ${event.message}`;
      this.status = 'error';
    });
    this.actor = createActor(trainingMachine, { input: { worker: this.worker as unknown as WorkerPort } });
    this.actor.subscribe((state) => {
      this.status = state.value as TrainingStatus;
      this.error = state.context.error;
    });
    this.actor.start();
  }

  /** The newest frame not yet shown: frames are applied at most once per animation frame. */
  private pendingFrame: Extract<FromWorker, { type: 'frame' }> | null = null;

  private onMessage(message: FromWorker): void {
    if (message.type === 'configured') this.units = message.units;
    if (message.type === 'backend') this.backend = message.name;
    if (message.type !== 'frame') return;
    const scheduled = this.pendingFrame !== null;
    this.pendingFrame = message;
    // A frame that says the worker stopped is shown at once: the person just clicked pause or step.
    if (!message.running) this.applyFrame();
    else if (!scheduled) requestAnimationFrame(() => this.applyFrame());
  }

  private applyFrame(): void {
    const frame = this.pendingFrame;
    this.pendingFrame = null;
    if (!frame) return;
    this.snapshot = frame.snapshot;
    this.series = frame.series;
    this.stepsPerSecond = frame.stepsPerSecond;
    this.workerRunning = frame.running;
    this.worker.postMessage({ type: 'frame-ack' } satisfies ToWorker);
  }

  configure(config: SessionConfig): void {
    this.actor.send({ type: 'ui.configure', config: $state.snapshot(config) as SessionConfig });
  }
  play(): void {
    this.actor.send({ type: 'ui.play' });
  }
  pause(): void {
    this.actor.send({ type: 'ui.pause' });
  }
  step(unit: StepUnit): void {
    this.actor.send({ type: 'ui.step', unit });
  }
  backupState(state: number): void {
    this.actor.send({ type: 'ui.backupState', state });
  }
  reset(): void {
    this.actor.send({ type: 'ui.reset' });
  }
  /** Start the deep agents' backend afresh (the preferred one first) and restart the run with `config`. */
  setBackend(preferred: BackendPreference, config: SessionConfig): void {
    this.worker.postMessage({ type: 'backend', preferred } satisfies ToWorker);
    this.configure(config);
  }
  /** Deep agents: the state the network panel reads (null: the penguin's cell). */
  inspectState(state: number | null): void {
    this.worker.postMessage({ type: 'inspect-state', state } satisfies ToWorker);
  }
  setSpeed(speed: Speed): void {
    this.worker.postMessage({ type: 'speed', speed });
  }

  dispose(): void {
    this.actor.stop();
    this.worker.terminate();
  }
}
