/**
 * The training worker: owns one session (world + agent) and runs it in time-sized chunks, so the
 * page stays responsive while training runs flat out. Snapshots go out at most 30 times a second.
 *
 * Worlds: a gridworld (tabular or deep agents), CartPole or an arcade game (deep agents; the
 * page's own game asks the running agent for its choice with 'act'), or a module's session
 * (agents/runner/worker-session.ts: a POMDP, an offline learner, ...), which the page may ask
 * its own questions with 'query'.
 *
 * Deep agents (any name that is not a tabular agent's): the first deep session loads TensorFlow.js (deep-runtime.ts, a dynamic import)
 * and starts the backend the page prefers, once; a 'backend' message makes the next configure
 * start it again. The backend running is reported to the page with every start. Messages that
 * arrive while a configure waits for that are handled after it, in order.
 */
import { createGridSession, loadGridSession, type GridSession } from '../../../agents/runner/grid-session';
import { checkRunFile } from '../../../agents/runner/run-file';
import { POLICY_FILE_FORMAT } from '../../../agents/deep/policy-format';
import { isWorldRunConfig } from '../../../agents/runner/world-deep-session';
import { isModuleRunConfig, type WorkerSession } from '../../../agents/runner/worker-session';
import { isTabularAgentName } from '../../../agents/tabular/registry';
import { MetricsLog } from '../../../agents/runner/metrics';
import type { BackendPreference, FromWorker, RunConfig, ToWorker, WorldKind } from './protocol';
import { CHUNK_MILLISECONDS, Pacer } from '../../../agents/runner/pacer';

/**
 * Frames go out at up to 30 per second at a set speed. Flat out, 15 a second is plenty to watch
 * and leaves the page's thread (and a software-rendering GPU process) time to answer the person.
 */
const FRAME_MILLISECONDS = 1000 / 30;
const FLAT_OUT_FRAME_MILLISECONDS = 1000 / 15;

type Session = WorkerSession | GridSession;

let session: Session | null = null;
let backendPreference: BackendPreference = 'auto';
/** The backend start for deep sessions; null until the first one, and again after a 'backend' message. */
let backendReady: Promise<void> | null = null;
/** A configure waiting for the backend: later messages queue behind it. */
let queue: Promise<void> | null = null;
/** The state deep sessions' network panel reads (null: the penguin's cell). */
let inspectState: number | null = null;
let sessionConfig: RunConfig | null = null;
const log = new MetricsLog();
const pacer = new Pacer();
let running = false;
let lastTick = 0;
let lastFrame = 0;
let frameInFlight = false;
let stepsSinceRate = 0;
let rateSince = 0;
let stepsPerSecond = 0;


function post(message: FromWorker): void {
  self.postMessage(message);
}

/**
 * Post the latest snapshot. Routine frames wait until the page has drawn the previous one
 * (it answers 'frame-ack'), so a slow page gets fewer frames instead of a growing queue.
 * Frames that end something (pause, a single step, done) always go out.
 */
function sendFrame(kind: 'routine' | 'final' = 'final'): void {
  if (!session) return;
  if (kind === 'routine' && frameInFlight) return;
  frameInFlight = true;
  // A frame that ends something shows the network as it is now, not as it was up to 200 ms ago.
  if (kind === 'final' && 'refresh' in session) session.refresh?.();
  lastFrame = performance.now();
  post({ type: 'frame', snapshot: session.snapshot(), series: log.view(), running, stepsPerSecond });
}

function fail(error: unknown): void {
  running = false;
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

function schedule(): void {
  if (!running) return;
  // setTimeout, not a MessageChannel: messages posted to ourselves starve the page's messages
  // (a pause waited 25 s in Chromium). The timer clamp costs a few ms per 12 ms chunk.
  setTimeout(tick, pacer.idleMs);
}

function tick(): void {
  if (!running || !session) return;
  try {
    const start = performance.now();
    const elapsed = start - lastTick;
    lastTick = start;
    do {
      const n = pacer.due(elapsed);
      if (n === 0) break;
      const t0 = performance.now();
      log.add(session.step(n));
      pacer.record(n, performance.now() - t0);
      stepsSinceRate += n;
      if (session.done()) {
        running = false;
        sendFrame();
        post({ type: 'done' });
        return;
      }
    } while (pacer.flatOut && performance.now() - start < CHUNK_MILLISECONDS);
    const now = performance.now();
    if (now - rateSince >= 500) {
      stepsPerSecond = (stepsSinceRate * 1000) / (now - rateSince);
      stepsSinceRate = 0;
      rateSince = now;
    }
    if (now - lastFrame >= (pacer.flatOut ? FLAT_OUT_FRAME_MILLISECONDS : FRAME_MILLISECONDS)) sendFrame('routine');
  } catch (error) {
    fail(error);
    return;
  }
  schedule();
}

function startSession(config: RunConfig, created: Session): void {
  session = created;
  sessionConfig = config;
  if ('inspect' in session) session.inspect?.(inspectState);
  post({ type: 'configured', units: session.units });
  sendFrame();
}

function configure(config: RunConfig): Promise<void> | undefined {
  running = false;
  session?.dispose();
  session = null;
  log.clear();
  if (!isWorldRunConfig(config) && !isModuleRunConfig(config) && isTabularAgentName(config.agent)) {
    startSession(config, createGridSession(config));
    return undefined;
  }
  return configureDeep(config);
}

/** TensorFlow.js and the backend, started once (again after a 'backend' message). */
async function deepRuntime(): Promise<typeof import('./deep-runtime')> {
  const runtime = await import('./deep-runtime');
  if (backendReady === null) {
    backendReady = runtime.startBackend(backendPreference).then((name) => post({ type: 'backend', name }));
  }
  try {
    await backendReady;
  } catch (error) {
    backendReady = null; // the next deep session tries again
    throw error;
  }
  return runtime;
}

async function configureDeep(config: RunConfig): Promise<void> {
  const runtime = await deepRuntime();
  if (isModuleRunConfig(config)) startSession(config, await runtime.createModuleSession(config));
  else startSession(config, isWorldRunConfig(config) ? runtime.createWorldDeepSession(config) : runtime.createGridDeepSession(config));
}

function saveAgent(): void {
  try {
    if (!session) throw new Error('nothing to save: no run has started yet');
    post({ type: 'agent-file', file: session.saveRun() });
  } catch (error) {
    post({ type: 'save-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Loads a run file into a new session; only when that succeeds does it replace the running one
 * (paused). On any problem the running session goes on untouched and the page gets one message.
 */
async function loadAgent(raw: unknown, world: WorldKind): Promise<void> {
  try {
    const accepts = world === 'cartpole' ? (w: unknown) => w === 'cartpole' : (w: unknown) => typeof w === 'string' && w !== 'cartpole';
    let loaded: { session: Session; config: RunConfig };
    if ((raw as { format?: unknown } | null)?.format === POLICY_FILE_FORMAT) {
      // A pretrained agent: its weights, as a fresh run of the page's seed.
      if (world === 'gridworld') throw new Error('policy file: pretrained agents open on the CartPole and arcade pages');
      loaded = (await deepRuntime()).loadWorldPolicy(raw, accepts, sessionConfig?.seed ?? 1);
    } else {
      const file = checkRunFile(raw);
      const name = file.agent.agent;
      // The page's options carry over when it runs the same agent; they apply at the next reset.
      const options = sessionConfig && !isModuleRunConfig(sessionConfig) && sessionConfig.agent === name ? sessionConfig.options : {};
      if (world !== 'gridworld') loaded = (await deepRuntime()).loadWorldDeepSession(file, accepts, options);
      else if (isTabularAgentName(name)) loaded = loadGridSession(file, options);
      else loaded = (await deepRuntime()).loadGridDeepSession(file, options);
    }
    running = false;
    session?.dispose();
    log.clear();
    startSession(loaded.config, loaded.session);
    post({ type: 'agent-loaded', config: loaded.config });
  } catch (error) {
    post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** The running agent's choice on the page's observation (CartPole and arcade sessions). */
function act(id: number, obs: readonly number[]): void {
  try {
    if (!session || !('act' in session) || !session.act) throw new Error('no agent is running on this world yet');
    post({ type: 'agent-choice', id, ...session.act(obs) });
  } catch (error) {
    post({ type: 'act-failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

/** A page-specific question for the session (WorkerSession.query). */
function query(id: number, question: unknown): void {
  try {
    if (!session || !('query' in session) || !session.query) throw new Error('the running session answers no questions');
    post({ type: 'answer', id, answer: session.query(question) });
  } catch (error) {
    post({ type: 'query-failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

/** Handles one message; returns a promise when it has to wait (a deep configure). */
function handle(message: ToWorker): Promise<void> | undefined {
  switch (message.type) {
    case 'configure':
      return configure(message.config);
    case 'backend':
      backendPreference = message.preferred;
      backendReady = null;
      return undefined;
    case 'reset':
      return sessionConfig ? configure(sessionConfig) : undefined;
    case 'save-agent':
      saveAgent();
      return undefined;
    case 'load-agent':
      return loadAgent(message.file, message.world);
    case 'act':
      act(message.id, message.obs);
      return undefined;
    case 'query':
      query(message.id, message.question);
      return undefined;
    default:
      control(message);
      return undefined;
  }
}

function control(message: Exclude<ToWorker, { type: 'configure' | 'backend' | 'reset' | 'save-agent' | 'load-agent' | 'act' | 'query' }>): void {
  switch (message.type) {
    case 'play':
      if (!session || running) break;
      running = true;
      lastTick = rateSince = performance.now();
      stepsSinceRate = 0;
      schedule();
      break;
    case 'pause':
      running = false;
      stepsPerSecond = 0;
      sendFrame();
      post({ type: 'paused' });
      break;
    case 'step':
      if (!session) break;
      running = false;
      log.add(session.step(1, message.unit));
      sendFrame();
      post(session.done() ? { type: 'done' } : { type: 'stepped' });
      break;
    case 'backup-state':
      if (!session) break;
      running = false;
      log.add(session.backupState(message.state));
      sendFrame();
      post({ type: 'stepped' });
      break;
    case 'inspect-state':
      inspectState = message.state;
      if (!session || !('inspect' in session)) break;
      session.inspect?.(inspectState);
      // While running, the next routine frame shows it; stopped, one frame now.
      if (!running) sendFrame();
      break;
    case 'frame-ack':
      frameInFlight = false;
      break;
    case 'speed':
      pacer.setSpeed(message.speed);
      break;
  }
}

/** Handles a message; a promise when it has to wait (its failure already reported). */
function run(message: ToWorker): Promise<void> | undefined {
  try {
    return handle(message)?.catch(fail);
  } catch (error) {
    fail(error);
    return undefined;
  }
}

function enqueue(waiting: Promise<void>): void {
  queue = waiting;
  void waiting.finally(() => {
    if (queue === waiting) queue = null;
  });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (queue) {
    enqueue(queue.then(() => run(message)));
    return;
  }
  const waiting = run(message);
  if (waiting) enqueue(waiting);
};
