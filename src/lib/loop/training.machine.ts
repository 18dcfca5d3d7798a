/**
 * The training lifecycle (idle, running, paused, stepping, done, error) and nothing else.
 * The machine invokes one long-lived bridge to the worker: UI events become worker messages,
 * and the worker's lifecycle replies (paused, stepped, done, error) come back as events.
 * Snapshots and metrics bypass the machine (style rule 11).
 */
import { assign, fromCallback, setup } from 'xstate';
import type { FromWorker, RunConfig, ToWorker } from './protocol';
import type { StepUnit } from '../../../agents/runner/trainable';

/** What the bridge receives: the data of a worker's message event. */
export interface WorkerMessage {
  readonly data: FromWorker;
}

/** The part of a Worker the bridge needs (no DOM types, so Node tests can pass a fake). */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: WorkerMessage) => void): void;
  removeEventListener(type: 'message', listener: (event: WorkerMessage) => void): void;
}

export type TrainingEvent =
  | { type: 'ui.configure'; config: RunConfig }
  | { type: 'ui.play' }
  | { type: 'ui.pause' }
  | { type: 'ui.step'; unit: StepUnit }
  | { type: 'ui.backupState'; state: number }
  | { type: 'ui.reset' }
  | { type: 'worker.configured' }
  | { type: 'worker.stepped' }
  | { type: 'worker.done' }
  /** A saved run replaced the session: it waits, paused, where it stopped. */
  | { type: 'worker.loaded' }
  | { type: 'worker.error'; message: string };

interface TrainingContext {
  worker: WorkerPort;
  error: string | null;
}

const workerBridge = fromCallback<ToWorker, { worker: WorkerPort }>(({ input, sendBack, receive }) => {
  const onMessage = (event: WorkerMessage) => {
    const message = event.data;
    if (message.type === 'configured') sendBack({ type: 'worker.configured' });
    else if (message.type === 'stepped') sendBack({ type: 'worker.stepped' });
    else if (message.type === 'done') sendBack({ type: 'worker.done' });
    else if (message.type === 'agent-loaded') sendBack({ type: 'worker.loaded' });
    else if (message.type === 'error') sendBack({ type: 'worker.error', message: message.message });
  };
  input.worker.addEventListener('message', onMessage);
  receive((message) => input.worker.postMessage(message));
  // Stopping the machine pauses the worker rather than destroying it: the page owns the worker.
  return () => {
    input.worker.postMessage({ type: 'pause' });
    input.worker.removeEventListener('message', onMessage);
  };
});

export const trainingMachine = setup({
  types: {
    context: {} as TrainingContext,
    input: {} as { worker: WorkerPort },
    events: {} as TrainingEvent,
  },
  actors: { workerBridge },
  actions: {
    post: ({ context }, message: ToWorker) => context.worker.postMessage(message),
    clearError: assign({ error: null }),
  },
}).createMachine({
  id: 'training',
  context: ({ input }) => ({ worker: input.worker, error: null }),
  invoke: { id: 'bridge', src: 'workerBridge', input: ({ context }) => ({ worker: context.worker }) },
  initial: 'idle',
  on: {
    'ui.configure': {
      target: '.configuring',
      actions: ['clearError', { type: 'post', params: ({ event }) => ({ type: 'configure', config: event.config }) }],
    },
    'worker.error': { target: '.error', actions: assign({ error: ({ event }) => event.message }) },
    'worker.loaded': { target: '.paused', actions: 'clearError' },
  },
  states: {
    configuring: { on: { 'worker.configured': 'idle' } },
    idle: {
      on: {
        'ui.play': { target: 'running', actions: { type: 'post', params: { type: 'play' } } },
        'ui.step': { target: 'stepping', actions: { type: 'post', params: ({ event }) => ({ type: 'step', unit: event.unit }) } },
        'ui.backupState': { target: 'stepping', actions: { type: 'post', params: ({ event }) => ({ type: 'backup-state', state: event.state }) } },
        'ui.reset': { actions: { type: 'post', params: { type: 'reset' } } },
      },
    },
    running: {
      on: {
        'ui.pause': { target: 'paused', actions: { type: 'post', params: { type: 'pause' } } },
        'ui.reset': { target: 'idle', actions: { type: 'post', params: { type: 'reset' } } },
        'worker.done': 'done',
      },
    },
    paused: {
      on: {
        'ui.play': { target: 'running', actions: { type: 'post', params: { type: 'play' } } },
        'ui.step': { target: 'stepping', actions: { type: 'post', params: ({ event }) => ({ type: 'step', unit: event.unit }) } },
        'ui.backupState': { target: 'stepping', actions: { type: 'post', params: ({ event }) => ({ type: 'backup-state', state: event.state }) } },
        'ui.reset': { target: 'idle', actions: { type: 'post', params: { type: 'reset' } } },
      },
    },
    stepping: {
      on: { 'worker.stepped': 'paused', 'worker.done': 'done' },
    },
    done: {
      on: {
        'ui.reset': { target: 'idle', actions: { type: 'post', params: { type: 'reset' } } },
        // The Bellman stepper may still back up single states of a converged solution.
        'ui.backupState': { target: 'stepping', actions: { type: 'post', params: ({ event }) => ({ type: 'backup-state', state: event.state }) } },
      },
    },
    error: {
      on: { 'ui.reset': { target: 'idle', actions: ['clearError', { type: 'post', params: { type: 'reset' } }] } },
    },
  },
});
