/**
 * A pool of workers running independent tasks (the compare page's runs: one configuration on one
 * seed each), at most one task per worker at a time, the rest queued in submission order.
 *
 * The pool knows nothing of what a task does. A worker speaks this protocol:
 *   to the worker:   { type: 'start', taskId, payload } | { type: 'pause' } | { type: 'resume' }
 *                    | { type: 'stop', taskId }
 *   from the worker: { type: 'progress', taskId, data } | { type: 'done', taskId, result }
 *                    | { type: 'failed', taskId, message }
 * A worker that got 'stop' for its task answers nothing more about it; the pool frees it at once.
 *
 * Sizing: `poolSize(hardwareConcurrency)` leaves one core to the page (at least one worker).
 * Workers are made by a factory, so Node tests drive the pool with in-memory fakes.
 */

export type ToPoolWorker<P> =
  | { readonly type: 'start'; readonly taskId: number; readonly payload: P }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop'; readonly taskId: number };

export type FromPoolWorker<D, R> =
  | { readonly type: 'progress'; readonly taskId: number; readonly data: D }
  | { readonly type: 'done'; readonly taskId: number; readonly result: R }
  | { readonly type: 'failed'; readonly taskId: number; readonly message: string };

/** What the pool needs of a worker (a Web Worker satisfies it). */
export interface PoolWorkerPort<P, D, R> {
  postMessage(message: ToPoolWorker<P>): void;
  addEventListener(type: 'message', listener: (event: { data: FromPoolWorker<D, R> }) => void): void;
  terminate(): void;
}

export interface TaskHandlers<D, R> {
  onProgress?(data: D): void;
  onDone?(result: R): void;
  onError?(message: string): void;
}

export interface TaskHandle {
  readonly id: number;
  /** Stop the task: dequeued if waiting, stopped if running. Its handlers are not called again. */
  cancel(): void;
}

/** Workers for a machine with `cores` logical cores: all but one for the page, at least one. */
export function poolSize(cores: number | undefined): number {
  return Math.max(1, Math.floor(cores ?? 2) - 1);
}

interface Task<P, D, R> {
  readonly id: number;
  readonly payload: P;
  readonly handlers: TaskHandlers<D, R>;
}

interface Slot<P, D, R> {
  readonly port: PoolWorkerPort<P, D, R>;
  task: Task<P, D, R> | null;
}

export class WorkerPool<P, D, R> {
  private readonly slots: Slot<P, D, R>[];
  private readonly queue: Task<P, D, R>[] = [];
  private nextId = 1;
  private paused = false;

  constructor(size: number, makeWorker: () => PoolWorkerPort<P, D, R>) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`worker pool: size must be a positive integer, got ${size}`);
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot<P, D, R> = { port: makeWorker(), task: null };
      slot.port.addEventListener('message', (event) => this.onMessage(slot, event.data));
      return slot;
    });
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks running now. */
  get running(): number {
    return this.slots.filter((s) => s.task !== null).length;
  }

  /** Tasks waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  submit(payload: P, handlers: TaskHandlers<D, R> = {}): TaskHandle {
    const task: Task<P, D, R> = { id: this.nextId++, payload, handlers };
    this.queue.push(task);
    this.dispatch();
    return { id: task.id, cancel: () => this.cancel(task.id) };
  }

  /** Pause every running task; queued ones wait until resumeAll. */
  pauseAll(): void {
    this.paused = true;
    for (const slot of this.slots) if (slot.task) slot.port.postMessage({ type: 'pause' });
  }

  resumeAll(): void {
    this.paused = false;
    for (const slot of this.slots) if (slot.task) slot.port.postMessage({ type: 'resume' });
    this.dispatch();
  }

  cancel(taskId: number): void {
    const queued = this.queue.findIndex((t) => t.id === taskId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return;
    }
    const slot = this.slots.find((s) => s.task?.id === taskId);
    if (!slot) return;
    slot.port.postMessage({ type: 'stop', taskId });
    slot.task = null;
    this.dispatch();
  }

  dispose(): void {
    this.queue.length = 0;
    for (const slot of this.slots) {
      slot.task = null;
      slot.port.terminate();
    }
  }

  private dispatch(): void {
    if (this.paused) return;
    for (const slot of this.slots) {
      if (slot.task !== null) continue;
      const task = this.queue.shift();
      if (!task) return;
      slot.task = task;
      slot.port.postMessage({ type: 'start', taskId: task.id, payload: task.payload });
    }
  }

  private onMessage(slot: Slot<P, D, R>, message: FromPoolWorker<D, R>): void {
    const task = slot.task;
    // A message about a task this slot no longer runs (cancelled) is dropped.
    if (!task || task.id !== message.taskId) return;
    if (message.type === 'progress') {
      task.handlers.onProgress?.(message.data);
      return;
    }
    slot.task = null;
    if (message.type === 'done') task.handlers.onDone?.(message.result);
    else task.handlers.onError?.(message.message);
    this.dispatch();
  }
}
