/**
 * The page's handle on a training session: owns the worker and the lifecycle actor, and exposes
 * the latest frame as reactive state. Snapshots arrive as whole objects and are replaced, never
 * mutated, so `$state.raw` keeps them cheap.
 */
import { createActor, type Actor } from 'xstate';
import type { SessionConfig, SessionSnapshot } from '../../../agents/runner/grid-session';
import type { AgentChoiceReading } from '../../../agents/runner/world-deep-session';
import type { SeriesSet } from '../../../agents/runner/metrics';
import type { RunFile } from '../../../agents/runner/run-file';
import type { StepUnit } from '../../../agents/runner/trainable';
import type { BackendName, BackendPreference, FromWorker, RunConfig, Speed, ToWorker, WorldKind } from './protocol';
import { trainingMachine, type WorkerPort } from './training.machine';

/** A config's identity: world, agent, options and seed, in a fixed order. */
function configKey(config: RunConfig): string {
  return JSON.stringify([config.world, config.agent, config.options, config.seed]);
}

export type TrainingStatus = 'configuring' | 'idle' | 'running' | 'paused' | 'stepping' | 'done' | 'error';

/**
 * C and S: the configs and snapshots of the page's world (the gridworld page's by default;
 * the CartPole page's with `world` 'cartpole').
 */
export class TrainingClient<C extends RunConfig = SessionConfig, S = SessionSnapshot> {
  status = $state<TrainingStatus>('configuring');
  error = $state<string | null>(null);
  snapshot = $state.raw<S | null>(null);
  series = $state.raw<SeriesSet>({});
  units = $state.raw<readonly StepUnit[]>([]);
  stepsPerSecond = $state(0);
  /** What the worker last said about itself: true while it is still stepping (the machine may already show "paused"). */
  workerRunning = $state(false);
  /** The TensorFlow.js backend the worker runs deep agents on; null until a deep agent first starts it. */
  backend = $state<BackendName | null>(null);

  private readonly worker: Worker;
  private readonly actor: Actor<typeof trainingMachine>;

  /** `world`: the kind of world this page runs; run files of another kind are refused on load. */
  constructor(private readonly world: WorldKind = 'gridworld') {
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

  /** The save or load waiting for the worker's answer (one of each at a time). */
  private pendingSave: { resolve: (file: RunFile) => void; reject: (error: Error) => void } | null = null;
  private pendingLoad: { resolve: (config: C) => void; reject: (error: Error) => void } | null = null;
  /** The 'act' question waiting for its answer (one at a time; see act()). */
  private pendingAct: { id: number; resolve: (choice: AgentChoiceReading) => void; reject: (error: Error) => void } | null = null;
  private actId = 0;
  /** Questions waiting for answers (query()), by id: several may be in flight. Not reactive: nothing on screen reads it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly pendingQueries = new Map<number, { resolve: (answer: unknown) => void; reject: (error: Error) => void }>();
  private queryId = 0;
  /** The config of a run just loaded: the page adopts it without configuring (restarting) again. */
  private loadedKey: string | null = null;

  private onMessage(message: FromWorker): void {
    if (message.type === 'configured') this.units = message.units;
    if (message.type === 'agent-file') this.pendingSave?.resolve(message.file);
    if (message.type === 'save-failed') this.pendingSave?.reject(new Error(message.message));
    if (message.type === 'agent-file' || message.type === 'save-failed') this.pendingSave = null;
    if (message.type === 'agent-loaded') {
      this.loadedKey = configKey(message.config);
      this.pendingLoad?.resolve(message.config as C);
    }
    if (message.type === 'load-failed') this.pendingLoad?.reject(new Error(message.message));
    if (message.type === 'agent-loaded' || message.type === 'load-failed') this.pendingLoad = null;
    if (message.type === 'backend') this.backend = message.name;
    if ((message.type === 'agent-choice' || message.type === 'act-failed') && this.pendingAct?.id === message.id) {
      const pending = this.pendingAct;
      this.pendingAct = null;
      if (message.type === 'agent-choice') pending.resolve({ action: message.action, reading: message.reading });
      else pending.reject(new Error(message.message));
    }
    if (message.type === 'answer' || message.type === 'query-failed') {
      const pending = this.pendingQueries.get(message.id);
      this.pendingQueries.delete(message.id);
      if (message.type === 'answer') pending?.resolve(message.answer);
      else pending?.reject(new Error(message.message));
    }
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
    this.snapshot = frame.snapshot as S;
    this.series = frame.series;
    this.stepsPerSecond = frame.stepsPerSecond;
    this.workerRunning = frame.running;
    this.worker.postMessage({ type: 'frame-ack' } satisfies ToWorker);
  }

  configure(config: C): void {
    this.actor.send({ type: 'ui.configure', config: $state.snapshot(config) as C });
  }
  /**
   * True (once) when `config` is the one a run just loaded runs with: the page's state caught up
   * with the loaded run, which must not restart.
   */
  isLoadedConfig(config: C): boolean {
    const loaded = this.loadedKey;
    this.loadedKey = null;
    return loaded !== null && loaded === configKey($state.snapshot(config) as C);
  }
  /** The running session as a run file (agents/runner/run-file.ts). */
  saveRun(): Promise<RunFile> {
    if (this.pendingSave) return Promise.reject(new Error('a save is already under way'));
    return new Promise((resolve, reject) => {
      this.pendingSave = { resolve, reject };
      this.worker.postMessage({ type: 'save-agent' } satisfies ToWorker);
    });
  }
  /** Replace the run with a saved one; resolves with the config it runs, rejects with the validator's message. */
  loadRun(file: unknown): Promise<C> {
    if (this.pendingLoad) return Promise.reject(new Error('a load is already under way'));
    return new Promise((resolve, reject) => {
      this.pendingLoad = { resolve, reject };
      this.worker.postMessage({ type: 'load-agent', file, world: this.world } satisfies ToWorker);
    });
  }
  /**
   * CartPole: the running agent's greedy choice on `obs` and the network reading behind it. One
   * question at a time: the caller waits for the answer before asking again (the worker answers
   * between its training chunks, within a few milliseconds).
   */
  act(obs: readonly number[]): Promise<AgentChoiceReading> {
    if (this.pendingAct) return Promise.reject(new Error('an act question is already waiting'));
    const id = ++this.actId;
    return new Promise((resolve, reject) => {
      this.pendingAct = { id, resolve, reject };
      this.worker.postMessage({ type: 'act', id, obs } satisfies ToWorker);
    });
  }
  /** A page-specific question for the running session (its WorkerSession.query); rejects with its one message. */
  query<A = unknown>(question: unknown): Promise<A> {
    const id = ++this.queryId;
    return new Promise<A>((resolve, reject) => {
      this.pendingQueries.set(id, { resolve: resolve as (answer: unknown) => void, reject });
      this.worker.postMessage({ type: 'query', id, question: $state.snapshot(question) } satisfies ToWorker);
    });
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
  setBackend(preferred: BackendPreference, config: C): void {
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
    for (const pending of this.pendingQueries.values()) pending.reject(new Error('the page closed the training worker'));
    this.pendingQueries.clear();
    this.actor.stop();
    this.worker.terminate();
  }
}
