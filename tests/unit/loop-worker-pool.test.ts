/** The compare page's worker pool (src/lib/loop/worker-pool.ts) with in-memory workers. */
import { describe, expect, it } from 'vitest';
import { poolSize, WorkerPool, type FromPoolWorker, type PoolWorkerPort, type ToPoolWorker } from '../../src/lib/loop/worker-pool';

/** A fake worker: records what it was told; the test makes it answer. */
class FakeWorker implements PoolWorkerPort<number, string, number> {
  readonly inbox: ToPoolWorker<number>[] = [];
  terminated = false;
  private listener: ((event: { data: FromPoolWorker<string, number> }) => void) | null = null;
  postMessage(message: ToPoolWorker<number>): void {
    this.inbox.push(message);
  }
  addEventListener(_type: 'message', listener: (event: { data: FromPoolWorker<string, number> }) => void): void {
    this.listener = listener;
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: FromPoolWorker<string, number>): void {
    this.listener?.({ data });
  }
  /** The task it was last told to start. */
  get current(): { taskId: number; payload: number } | undefined {
    const starts = this.inbox.filter((m) => m.type === 'start');
    return starts.at(-1) as { taskId: number; payload: number } | undefined;
  }
}

function pool(size: number) {
  const workers: FakeWorker[] = [];
  const p = new WorkerPool<number, string, number>(size, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { p, workers };
}

describe('WorkerPool', () => {
  it('sizes itself to all cores but one, at least one', () => {
    expect([poolSize(1), poolSize(2), poolSize(8), poolSize(undefined)]).toEqual([1, 1, 7, 1]);
  });

  it('runs one task per worker, queues the rest in order, and starts the next when one ends', () => {
    const { p, workers } = pool(2);
    const done: number[] = [];
    const progress: string[] = [];
    const handles = [10, 20, 30, 40].map((payload) => p.submit(payload, { onDone: (r) => done.push(r), onProgress: (d) => progress.push(d) }));
    expect([p.running, p.queued]).toEqual([2, 2]);
    expect(workers.map((w) => w.current?.payload)).toEqual([10, 20]);
    workers[0].send({ type: 'progress', taskId: handles[0].id, data: 'half' });
    workers[0].send({ type: 'done', taskId: handles[0].id, result: 11 });
    expect(workers[0].current?.payload).toBe(30);
    workers[1].send({ type: 'failed', taskId: handles[1].id, message: 'boom' });
    expect(workers[1].current?.payload).toBe(40);
    expect([done, progress, p.running, p.queued]).toEqual([[11], ['half'], 2, 0]);
  });

  it('pause holds the running tasks and the queue; resume goes on', () => {
    const { p, workers } = pool(1);
    const a = p.submit(1);
    p.submit(2);
    p.pauseAll();
    expect(workers[0].inbox.at(-1)).toEqual({ type: 'pause' });
    workers[0].send({ type: 'done', taskId: a.id, result: 0 });
    expect(p.running).toBe(0); // the queue waits while paused
    expect(p.queued).toBe(1);
    p.resumeAll();
    expect(workers[0].current?.payload).toBe(2);
  });

  it('cancel stops one task: dequeued if waiting, stopped if running; its late messages are dropped', () => {
    const { p, workers } = pool(1);
    const seen: number[] = [];
    const a = p.submit(1, { onDone: (r) => seen.push(r) });
    const b = p.submit(2, { onDone: (r) => seen.push(r) });
    const c = p.submit(3, { onDone: (r) => seen.push(r) });
    b.cancel();
    a.cancel();
    expect(workers[0].inbox.some((m) => m.type === 'stop' && m.taskId === a.id)).toBe(true);
    expect(workers[0].current?.payload).toBe(3); // b never started
    workers[0].send({ type: 'done', taskId: a.id, result: 100 }); // too late: a was stopped
    workers[0].send({ type: 'done', taskId: c.id, result: 3 });
    expect(seen).toEqual([3]);
    p.dispose();
    expect(workers[0].terminated).toBe(true);
  });
});
