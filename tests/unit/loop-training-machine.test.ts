import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { trainingMachine, type WorkerMessage, type WorkerPort } from '../../src/lib/loop/training.machine';
import type { FromWorker, ToWorker } from '../../src/lib/loop/protocol';
import type { SessionConfig } from '../../agents/runner/grid-session';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';

type Listener = (event: WorkerMessage) => void;

/** A worker stand-in: records what the machine posts and lets the test play the worker's replies. */
class FakeWorker implements WorkerPort {
  readonly posted: ToWorker[] = [];
  readonly listeners = new Set<Listener>();

  postMessage(message: ToWorker): void {
    this.posted.push(message);
  }
  addEventListener(_type: 'message', listener: Listener): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: Listener): void {
    this.listeners.delete(listener);
  }
  /** Deliver a message as the worker would. */
  reply(message: FromWorker): void {
    for (const listener of [...this.listeners]) listener({ data: message });
  }
  /** Messages posted since the last call. */
  take(): ToWorker[] {
    return this.posted.splice(0);
  }
}

const config: SessionConfig = { world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'value-iteration', options: {}, seed: 1 };

function start() {
  const worker = new FakeWorker();
  const actor = createActor(trainingMachine, { input: { worker } });
  actor.start();
  return { worker, actor, state: () => actor.getSnapshot().value };
}

/** Start, configure and let the worker answer: the machine is idle with nothing posted since. */
function configured() {
  const t = start();
  t.actor.send({ type: 'ui.configure', config });
  t.worker.reply({ type: 'configured', units: ['backup', 'sweep'] });
  t.worker.take();
  return t;
}

describe('training machine', () => {
  it('starts idle with one listener on the worker and posts nothing', () => {
    const { worker, state, actor } = start();
    expect(state()).toBe('idle');
    expect(worker.listeners.size).toBe(1);
    expect(worker.posted).toEqual([]);
    expect(actor.getSnapshot().context.error).toBeNull();
  });

  it("ui.configure posts configure and waits in 'configuring' until the worker says configured", () => {
    const { worker, state, actor } = start();
    actor.send({ type: 'ui.configure', config });
    expect(state()).toBe('configuring');
    expect(worker.take()).toEqual([{ type: 'configure', config }]);
    // Play is not allowed before the worker is ready.
    actor.send({ type: 'ui.play' });
    expect(state()).toBe('configuring');
    expect(worker.take()).toEqual([]);
    worker.reply({ type: 'configured', units: ['backup', 'sweep'] });
    expect(state()).toBe('idle');
    expect(worker.take()).toEqual([]);
  });

  it('plays, pauses, steps by a unit and returns to paused when the worker has stepped', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.play' });
    expect(state()).toBe('running');
    expect(worker.take()).toEqual([{ type: 'play' }]);
    actor.send({ type: 'ui.pause' });
    expect(state()).toBe('paused');
    expect(worker.take()).toEqual([{ type: 'pause' }]);
    actor.send({ type: 'ui.step', unit: 'sweep' });
    expect(state()).toBe('stepping');
    expect(worker.take()).toEqual([{ type: 'step', unit: 'sweep' }]);
    worker.reply({ type: 'stepped' });
    expect(state()).toBe('paused');
    actor.send({ type: 'ui.play' });
    expect(state()).toBe('running');
    expect(worker.take()).toEqual([{ type: 'play' }]);
  });

  it('steps straight from idle, with the unit it was given', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.step', unit: 'backup' });
    expect(state()).toBe('stepping');
    expect(worker.take()).toEqual([{ type: 'step', unit: 'backup' }]);
  });

  it("goes to done when the worker finishes while running or stepping, and resets from done", () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.play' });
    worker.take();
    worker.reply({ type: 'done' });
    expect(state()).toBe('done');
    actor.send({ type: 'ui.play' });
    expect(state()).toBe('done');
    expect(worker.take()).toEqual([]);
    actor.send({ type: 'ui.reset' });
    expect(state()).toBe('idle');
    expect(worker.take()).toEqual([{ type: 'reset' }]);

    actor.send({ type: 'ui.step', unit: 'sweep' });
    worker.take();
    worker.reply({ type: 'done' });
    expect(state()).toBe('done');
  });

  it('ui.backupState posts backup-state from idle, paused and done', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.backupState', state: 5 });
    expect(state()).toBe('stepping');
    expect(worker.take()).toEqual([{ type: 'backup-state', state: 5 }]);
    worker.reply({ type: 'stepped' });
    expect(state()).toBe('paused');
    actor.send({ type: 'ui.backupState', state: 6 });
    expect(worker.take()).toEqual([{ type: 'backup-state', state: 6 }]);
    worker.reply({ type: 'done' });
    expect(state()).toBe('done');
    actor.send({ type: 'ui.backupState', state: 7 });
    expect(state()).toBe('stepping');
    expect(worker.take()).toEqual([{ type: 'backup-state', state: 7 }]);
  });

  it('a worker error from any state enters error with the message; ui.reset clears it and goes idle', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.play' });
    worker.take();
    worker.reply({ type: 'error', message: 'alpha must be in (0, 1], got 2' });
    expect(state()).toBe('error');
    expect(actor.getSnapshot().context.error).toBe('alpha must be in (0, 1], got 2');
    // Nothing but reset (or a new configure) leaves error.
    actor.send({ type: 'ui.play' });
    actor.send({ type: 'ui.step', unit: 'sweep' });
    expect(state()).toBe('error');
    expect(worker.take()).toEqual([]);
    actor.send({ type: 'ui.reset' });
    expect(state()).toBe('idle');
    expect(actor.getSnapshot().context.error).toBeNull();
    expect(worker.take()).toEqual([{ type: 'reset' }]);

    // An error while configuring; a new configure clears the message too.
    actor.send({ type: 'ui.configure', config });
    worker.reply({ type: 'error', message: 'bad world' });
    expect(state()).toBe('error');
    expect(actor.getSnapshot().context.error).toBe('bad world');
    actor.send({ type: 'ui.configure', config });
    expect(state()).toBe('configuring');
    expect(actor.getSnapshot().context.error).toBeNull();
  });

  it('ignores events its state does not allow, posting nothing', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.pause' });
    expect(state()).toBe('idle');
    worker.reply({ type: 'stepped' });
    worker.reply({ type: 'done' });
    expect(state()).toBe('idle');
    // Lifecycle-free messages (frames, paused acknowledgements) never move the machine.
    worker.reply({ type: 'paused' });
    expect(state()).toBe('idle');

    actor.send({ type: 'ui.play' });
    worker.take();
    actor.send({ type: 'ui.play' });
    actor.send({ type: 'ui.step', unit: 'sweep' });
    actor.send({ type: 'ui.backupState', state: 3 });
    worker.reply({ type: 'stepped' });
    expect(state()).toBe('running');

    actor.send({ type: 'ui.pause' });
    worker.take();
    actor.send({ type: 'ui.pause' });
    worker.reply({ type: 'done' });
    expect(state()).toBe('paused');

    actor.send({ type: 'ui.step', unit: 'sweep' });
    worker.take();
    actor.send({ type: 'ui.play' });
    actor.send({ type: 'ui.pause' });
    actor.send({ type: 'ui.reset' });
    actor.send({ type: 'ui.backupState', state: 1 });
    expect(state()).toBe('stepping');
    expect(worker.take()).toEqual([]);
  });

  it('ui.reset from running and paused posts reset and goes idle; from idle it posts reset and stays', () => {
    const { worker, state, actor } = configured();
    actor.send({ type: 'ui.reset' });
    expect(state()).toBe('idle');
    expect(worker.take()).toEqual([{ type: 'reset' }]);
    actor.send({ type: 'ui.play' });
    actor.send({ type: 'ui.reset' });
    expect(state()).toBe('idle');
    expect(worker.take()).toEqual([{ type: 'play' }, { type: 'reset' }]);
    actor.send({ type: 'ui.play' });
    actor.send({ type: 'ui.pause' });
    actor.send({ type: 'ui.reset' });
    expect(state()).toBe('idle');
    expect(worker.take()).toEqual([{ type: 'play' }, { type: 'pause' }, { type: 'reset' }]);
  });

  it('stopping the actor pauses the worker and removes the listener; later replies do nothing', () => {
    const { worker, actor } = configured();
    actor.send({ type: 'ui.play' });
    worker.take();
    actor.stop();
    expect(worker.take()).toEqual([{ type: 'pause' }]);
    expect(worker.listeners.size).toBe(0);
    worker.reply({ type: 'done' });
    expect(worker.take()).toEqual([]);
  });
});
