/**
 * The functions page's module session (supervised/m1/session.ts): registered as module
 * 'functions'; linear regression by gradient descent from the notebooks' start (L = 12.367) to the
 * closed form; the loss lab training each head; snapshots; determinism; and one precise message
 * for each bad config.
 */
import { describe, expect, it } from 'vitest';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { createFunctionsSession, LinearRegressionSession, LossLabSession } from '../../supervised/m1/session';
import { HEAD_IDS, closedFormFit, linearGradient, linearLoss, type LinearRegressionSnapshot, type LossLabSnapshot } from '../../supervised/m1';

const linear = (world: Record<string, unknown> = {}, options: Record<string, unknown> = {}): ModuleRunConfig => ({ module: 'functions', agent: 'linear-regression', world, options, seed: 1 });
const lab = (world: Record<string, unknown>, options: Record<string, unknown> = {}, seed = 1): ModuleRunConfig => ({ module: 'functions', agent: 'loss-lab', world, options, seed });

describe('the functions module session: linear regression', () => {
  it('registers as module "functions" and starts at the notebooks’ phi = [0.6, -0.2], L = 12.367', () => {
    const session = createModuleSession(linear()) as LinearRegressionSession;
    expect(session).toBeInstanceOf(LinearRegressionSession);
    expect(session.units).toEqual(['step']);
    const s = session.snapshot();
    expect(s.kind).toBe('linear-regression');
    expect(s.phi).toEqual([0.6, -0.2]);
    expect(Number(s.loss.toFixed(3))).toBe(12.367);
    expect(s.steps).toBe(0);
    expect(s.trajectory).toEqual([[0.6, -0.2]]);
    expect(s.optimiser).toContain('SGD');
    expect(session.done()).toBe(false);
    session.dispose();
    expect(() => session.step(1)).toThrow('used after dispose');
  });

  it('gradient descent steps downhill, one row per step, and converges to the closed form', () => {
    const session = createFunctionsSession(linear()) as LinearRegressionSession;
    const rows = session.step(3);
    expect(rows).toHaveLength(3);
    expect(rows[0]['losses/loss']).toBeLessThan(12.367);
    expect(rows[1]['losses/loss']).toBeLessThan(rows[0]['losses/loss']);
    // One step by hand: phi - 0.01 dL/dphi (Problem 2.1's gradient).
    const first = createFunctionsSession(linear()) as LinearRegressionSession;
    first.step(1);
    const [g0, g1] = linearGradient([0.6, -0.2]);
    expect(first.snapshot().phi).toEqual([expect.closeTo(0.6 - 0.01 * g0, 14), expect.closeTo(-0.2 - 0.01 * g1, 14)]);
    const many = session.step(5000);
    const s = session.snapshot() as LinearRegressionSnapshot;
    expect(session.done()).toBe(true);
    expect(s.converged).toBe(true);
    expect(many.length).toBeLessThan(1000); // it stopped when converged
    const best = closedFormFit();
    expect(s.phi[0]).toBeCloseTo(best[0], 6);
    expect(s.phi[1]).toBeCloseTo(best[1], 6);
    expect(s.loss).toBeCloseTo(linearLoss(best), 10);
    expect(s.trajectory).toHaveLength(s.steps + 1);
    expect(session.step(10)).toEqual([]); // done: nothing more to do
  });

  it('the notebook’s line search (max step 0.1, 15 iterations) gets close in 10 steps', () => {
    const session = createFunctionsSession(linear({}, { optimiser: { kind: 'line-search', maxStep: 0.1 } })) as LinearRegressionSession;
    session.step(10);
    const s = session.snapshot();
    expect(s.loss).toBeLessThan(0.25);
    expect(s.learningRate).toBeGreaterThan(0);
    expect(s.optimiser).toContain('line search');
  });

  it('a learning rate above 2 / 50 diverges, and the run stops rather than failing', () => {
    const session = createFunctionsSession(linear({}, { optimiser: { kind: 'sgd', learningRate: 0.05 } })) as LinearRegressionSession;
    session.step(2000);
    const s = session.snapshot();
    expect(s.diverged).toBe(true);
    expect(session.done()).toBe(true);
    expect(s.steps).toBeLessThan(2000);
  });

  it('starts where world.start says and stops at options.maxSteps', () => {
    const session = createFunctionsSession(linear({ start: [1.5, -0.8] }, { maxSteps: 7 })) as LinearRegressionSession;
    expect(session.snapshot().loss).toBeCloseTo(linearLoss([1.5, -0.8]), 12);
    expect(session.step(100)).toHaveLength(7);
    expect(session.done()).toBe(true);
  });
});

describe('the functions module session: the loss lab', () => {
  it('trains every head: the NLL falls', { timeout: 30_000 }, () => {
    for (const head of HEAD_IDS) {
      const session = createFunctionsSession(lab({ head })) as LossLabSession;
      const start = session.snapshot();
      expect(start.kind).toBe('loss-lab');
      expect(start.data.x).toHaveLength(80);
      expect(start.steps).toBe(0);
      const rows = session.step(400);
      expect(rows).toHaveLength(400);
      const end = session.snapshot();
      expect(end.steps).toBe(400);
      expect(end.nll, head).toBeLessThan(start.nll * 0.8);
      expect(rows[399]['losses/nll']).toBe(end.nll);
      expect(end.diverged).toBe(false);
    }
  });

  it('a fitted normal head gets near the data’s true noise', () => {
    const session = createFunctionsSession(lab({ head: 'normal-learned' })) as LossLabSession;
    session.step(1500);
    const s = session.snapshot();
    // The learned sigma is the last parameter; the data were drawn with sigma = 0.2.
    const sigma = Math.abs(s.phi[s.phi.length - 1]);
    expect(sigma).toBeGreaterThan(0.14);
    expect(sigma).toBeLessThan(0.26);
  });

  it('is deterministic: the same config gives the same numbers bit for bit; another seed differs', () => {
    const run = (seed: number) => {
      const session = createFunctionsSession(lab({ head: 'mixture', points: 40 }, { hidden: 6 }, seed)) as LossLabSession;
      const rows = session.step(50);
      return { rows, snapshot: session.snapshot() as LossLabSnapshot };
    };
    const a = run(4);
    const b = run(4);
    expect(b.rows).toEqual(a.rows);
    expect(b.snapshot.phi).toEqual(a.snapshot.phi);
    expect(run(5).snapshot.phi).not.toEqual(a.snapshot.phi);
    // Snapshots are plain data: they survive structured cloning unchanged.
    expect(structuredClone(a.snapshot)).toEqual(a.snapshot);
  });

  it('passes the head settings and the network size through', () => {
    const session = createFunctionsSession(lab({ head: 'von-mises', kappa: 3, points: 30 }, { hidden: 4, optimiser: { kind: 'adam', learningRate: 0.01, form: 'library' } })) as LossLabSession;
    const s = session.snapshot();
    expect(s.settings.kappa).toBe(3);
    expect(s.hidden).toBe(4);
    expect(s.phi).toHaveLength(2 * 4 + 1 * 5);
    expect(s.optimiser).toContain('library form');
  });
});

describe('bad configs get one precise message', () => {
  const cases: [ModuleRunConfig, string][] = [
    [{ ...linear(), agent: 'ridge' }, "functions: agent must be 'linear-regression' or 'loss-lab', got \"ridge\""],
    [{ ...linear(), seed: -1 }, 'functions: seed must be a whole number'],
    [{ ...linear(), world: null as unknown as object }, 'functions: world must be an object'],
    [linear({ start: [0.6] }), 'functions: world.start must be [phi0, phi1]'],
    [linear({ origin: 1 }), 'functions: world has an unknown field "origin"'],
    [linear({}, { maxSteps: 0 }), 'functions: options.maxSteps must be a whole number from 1 to 100,000, got 0'],
    [linear({}, { optimiser: { kind: 'sgd' } }), 'functions: options.optimiser: sgd config: learningRate is required'],
    [linear({}, { tolerance: -1 }), 'functions: options.tolerance must be a number in (0, 1]'],
    [lab({ head: 'laplace' }), 'functions: world.head must be one of normal-fixed, normal-learned'],
    [lab({ head: 'poisson', points: 1e6 }), 'functions: world.points must be a whole number from 2 to 2,000'],
    [lab({ head: 'normal-fixed', sigma: 0 }), 'functions: world.sigma must be a number in (0, 100], got 0'],
    [lab({ head: 'von-mises', kappa: 1000 }), 'functions: world.kappa must be a number in (0, 100]'],
    [lab({ head: 'softmax' }, { hidden: 0 }), 'functions: options.hidden must be a whole number from 1 to 256'],
    [lab({ head: 'softmax' }, { layers: 2 }), 'functions: options has an unknown field "layers"'],
  ];
  it.each(cases)('%#', (config, message) => {
    expect(() => createModuleSession(config)).toThrow(message);
  });

  it('refuses other units, bad step counts, Bellman backups and saving', () => {
    const session = createFunctionsSession(linear());
    expect(() => session.step(1, 'episode')).toThrow("unit 'episode' does not apply");
    expect(() => session.step(-1)).toThrow('whole number of steps');
    expect(() => session.backupState()).toThrow('no Bellman backup');
    expect(() => session.saveRun()).toThrow('not saved as a run file');
  });
});
