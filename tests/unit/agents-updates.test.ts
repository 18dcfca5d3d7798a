import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { MonteCarloExplanation, TdExplanation } from '../../agents/core/agent';
import { DoubleQLearning } from '../../agents/tabular/double-q-learning';
import { ExpectedSarsa } from '../../agents/tabular/expected-sarsa';
import { MonteCarlo } from '../../agents/tabular/monte-carlo';
import { QLearning } from '../../agents/tabular/q-learning';
import { Sarsa } from '../../agents/tabular/sarsa';
import { DOWN } from './agents-helpers';

const step = (obs: number, action: number, reward: number, nextObs: number, end: 'none' | 'terminated' | 'truncated' = 'none'): Transition<number, number> => ({
  obs,
  action,
  reward,
  nextObs,
  terminated: end === 'terminated',
  truncated: end === 'truncated',
});

describe('Q-learning (eq 19.15)', () => {
  it('reproduces the update of fig 19.12: 1.2014 + 0.1 (0 + 0.9 x 0.43 - 1.2014) = 1.1200', () => {
    const agent = new QLearning({ nS: 16, nA: 4 }, { gamma: 0.9, alpha: 0.1 });
    const s = 5;
    const next = 9;
    agent.q[s * 4 + DOWN] = 1.2014;
    agent.q.set([0.12, 0.43, -0.2, 0.3], next * 4); // the largest action value in the new state is 0.43
    agent.observe(step(s, DOWN, 0, next), createRng(0));
    const ex = agent.explain() as TdExplanation;
    expect(ex).toMatchObject({ kind: 'td', algorithm: 'q-learning', state: s, action: DOWN, reward: 0, nextState: next, terminated: false, gamma: 0.9, alpha: 0.1 });
    expect(ex.bootstrap).toBe(0.43);
    expect(ex.oldValue).toBe(1.2014);
    expect(ex.target).toBeCloseTo(0.387, 12);
    expect(ex.tdError).toBeCloseTo(0.387 - 1.2014, 12);
    expect(ex.newValue.toFixed(4)).toBe('1.1200');
    expect(agent.q[s * 4 + DOWN]).toBe(ex.newValue);
    expect(ex.nextAction).toBeUndefined();
    expect(ex.table).toBeUndefined();
  });

  it('bootstraps through truncation and never through termination', () => {
    const agent = new QLearning({ nS: 2, nA: 2 }, { gamma: 0.5, alpha: 1 });
    agent.q.set([0, 0, 4, 8]);
    agent.observe(step(0, 0, 1, 1, 'truncated'), createRng(0));
    expect(agent.q[0]).toBe(1 + 0.5 * 8);
    agent.observe(step(0, 1, 1, 1, 'terminated'), createRng(0));
    expect(agent.q[1]).toBe(1);
    expect(agent.explain()?.kind).toBe('td');
    expect((agent.explain() as TdExplanation).bootstrap).toBe(0);
  });

  it('explains nothing before its first update; update() learns nothing outside observe', () => {
    const agent = new QLearning({ nS: 2, nA: 2 });
    expect(agent.explain()).toBeNull();
    expect(agent.update()).toBeNull();
  });
});

describe('SARSA (eq 19.14)', () => {
  it('bootstraps on the next action it will really take, and act() returns that action', () => {
    const agent = new Sarsa({ nS: 3, nA: 3 }, { gamma: 0.9, alpha: 0.5, epsilon: 0.5 });
    agent.q.set([1, 2, 3], 3); // state 1
    agent.observe(step(0, 0, 1, 1), createRng(42));
    const ex = agent.explain() as TdExplanation;
    expect(ex.algorithm).toBe('sarsa');
    expect(ex.nextAction).toBeDefined();
    const nextAction = ex.nextAction as number;
    expect(ex.bootstrap).toBe(agent.q[3 + nextAction]);
    expect(agent.q[0]).toBeCloseTo(0.5 * (1 + 0.9 * ex.bootstrap), 12);
    // The committed action wins over any exploration draw, once.
    expect(agent.act(1, createRng(7), 'explore')).toBe(nextAction);
  });

  it('draws a next action on truncation (bootstrap) but none on termination', () => {
    const agent = new Sarsa({ nS: 2, nA: 2 }, { gamma: 1, alpha: 1, epsilon: 0 });
    agent.q.set([0, 0, 5, 2]);
    agent.observe(step(0, 0, 0, 1, 'truncated'), createRng(1));
    expect(agent.q[0]).toBe(5); // greedy a' = 0 in state 1
    agent.observe(step(0, 1, -1, 1, 'terminated'), createRng(1));
    expect(agent.q[1]).toBe(-1);
    expect((agent.explain() as TdExplanation).nextAction).toBeUndefined();
  });

  it('greedy acting ignores the committed action, and reset() drops it', () => {
    const agent = new Sarsa({ nS: 2, nA: 2 }, { epsilon: 1 });
    agent.q.set([0, 0, 0, 10]);
    const rng = createRng(5);
    agent.observe(step(0, 0, 0, 1), rng);
    expect(agent.act(1, rng, 'greedy')).toBe(1);
    agent.reset();
    // epsilon = 1: uniform; both actions show up once the commitment is gone.
    const seen = new Set(Array.from({ length: 50 }, () => agent.act(1, rng, 'explore')));
    expect(seen).toEqual(new Set([0, 1]));
  });
});

describe('expected SARSA', () => {
  it('bootstraps on the expectation under the epsilon-greedy policy', () => {
    const agent = new ExpectedSarsa({ nS: 2, nA: 4 }, { gamma: 0.9, alpha: 1, epsilon: 0.2 });
    agent.q.set([1, 5, 2, 3], 4);
    agent.observe(step(0, 0, 0, 1), createRng(0));
    const expected = 0.05 * 1 + 0.85 * 5 + 0.05 * 2 + 0.05 * 3;
    expect((agent.explain() as TdExplanation).bootstrap).toBeCloseTo(expected, 12);
    expect(agent.q[0]).toBeCloseTo(0.9 * expected, 12);
  });

  it('with Boltzmann exploration, under the softmax policy', () => {
    const agent = new ExpectedSarsa({ nS: 2, nA: 2 }, { gamma: 1, alpha: 1, exploration: 'boltzmann', temperature: 1 });
    agent.q.set([0, Math.log(3)], 2);
    agent.observe(step(0, 0, 0, 1), createRng(0));
    expect(agent.q[0]).toBeCloseTo(0.25 * 0 + 0.75 * Math.log(3), 12);
    expect(agent.currentEpsilon()).toBeNull();
    expect(agent.currentTemperature()).toBe(1);
  });
});

describe('double Q-learning (eq 19.20)', () => {
  it('updates one table per transition, chosen by a coin from the rng observe is given', () => {
    const agent = new DoubleQLearning({ nS: 2, nA: 2 }, { gamma: 1, alpha: 1 });
    agent.qA.set([0, 0, 1, 5]); // A prefers action 1 in state 1...
    agent.qB.set([0, 0, 7, 2]); // ...B prefers action 0
    for (let k = 0; k < 2; k++) agent.q[2 + k] = (agent.qA[2 + k] + agent.qB[2 + k]) / 2;
    const rng = createRng(11);
    const coin = createRng(11).next() < 0.5 ? 'A' : 'B';
    agent.observe(step(0, 0, 0, 1), rng);
    const ex = agent.explain() as TdExplanation;
    expect(ex.table).toBe(coin);
    // The updated table picks argmax in s', the other one values it.
    if (coin === 'A') {
      expect(ex.bootstrap).toBe(2); // argmax_A = 1, valued by B: 2
      expect(agent.qA[0]).toBe(2);
      expect(agent.qB[0]).toBe(0);
    } else {
      expect(ex.bootstrap).toBe(1); // argmax_B = 0, valued by A: 1
      expect(agent.qB[0]).toBe(1);
      expect(agent.qA[0]).toBe(0);
    }
    expect(agent.q[0]).toBe((agent.qA[0] + agent.qB[0]) / 2);
  });

  it('both tables get about half of the updates', () => {
    const agent = new DoubleQLearning({ nS: 1, nA: 1 }, { alpha: 0.5 });
    const rng = createRng(2);
    let a = 0;
    for (let i = 0; i < 10_000; i++) {
      agent.observe(step(0, 0, 1, 0, 'terminated'), rng);
      if ((agent.explain() as TdExplanation).table === 'A') a++;
    }
    expect(a / 10_000).toBeCloseTo(0.5, 1);
    expect(agent.qA[0]).toBeCloseTo(1, 10);
    expect(agent.qB[0]).toBeCloseTo(1, 10);
  });
});

describe('Monte Carlo (eq 19.13)', () => {
  // An episode 0 -a0-> 1 -a1-> 0 -a0-> 1 -a0-> end with rewards 1, 0, 2, 3 and gamma 0.5.
  const episode = [step(0, 0, 1, 1), step(1, 1, 0, 0), step(0, 0, 2, 1), step(1, 0, 3, 1, 'terminated')];
  const returns = [1 + 0.5 * (0 + 0.5 * (2 + 0.5 * 3)), 0 + 0.5 * (2 + 0.5 * 3), 2 + 0.5 * 3, 3];

  it('learns nothing until the episode ends, then moves q towards the returns (first visit)', () => {
    const agent = new MonteCarlo({ nS: 2, nA: 2 }, { gamma: 0.5, variant: 'on-policy', visit: 'first' });
    for (const t of episode.slice(0, 3)) agent.observe(t, createRng(0));
    expect(Array.from(agent.q)).toEqual([0, 0, 0, 0]);
    agent.observe(episode[3], createRng(0));
    // First visits: (0,0) at t=0, (1,1) at t=1, (1,0) at t=3. Sample averages of one return each.
    expect(agent.q[0]).toBeCloseTo(returns[0], 12);
    expect(agent.q[3]).toBeCloseTo(returns[1], 12);
    expect(agent.q[2]).toBeCloseTo(returns[3], 12);
    const ex = agent.explain() as MonteCarloExplanation;
    expect(ex.kind).toBe('monte-carlo');
    expect(ex.algorithm).toBe('monte-carlo/on-policy/first-visit');
    expect(ex.updates.map((u) => [u.state, u.action])).toEqual([
      [0, 0],
      [1, 1],
      [1, 0],
    ]);
    expect(ex.updates.every((u) => u.weight === 1 && u.stepSize === 1)).toBe(true);
  });

  it('every visit averages all returns of a pair', () => {
    const agent = new MonteCarlo({ nS: 2, nA: 2 }, { gamma: 0.5, variant: 'on-policy', visit: 'every' });
    for (const t of episode) agent.observe(t, createRng(0));
    expect(agent.q[0]).toBeCloseTo((returns[0] + returns[2]) / 2, 12);
    expect(agent.counts[0]).toBe(2);
    expect((agent.explain() as MonteCarloExplanation).updates).toHaveLength(4);
  });

  it('constant alpha moves each estimate by alpha (G - q)', () => {
    const agent = new MonteCarlo({ nS: 2, nA: 2 }, { gamma: 0.5, stepSize: 'constant', alpha: 0.1 });
    for (const t of episode) agent.observe(t, createRng(0));
    expect(agent.q[0]).toBeCloseTo(0.1 * returns[0], 12);
  });

  it('bootstraps a truncated episode with the value of its last state, never a terminated one', () => {
    const agent = new MonteCarlo({ nS: 2, nA: 2 }, { gamma: 0.5, variant: 'exploring-starts' });
    agent.q.set([0, 0, 4, 6]);
    agent.observe(step(0, 0, 1, 1, 'truncated'), createRng(0));
    expect(agent.q[0]).toBe(1 + 0.5 * 6);
    const noBootstrap = new MonteCarlo({ nS: 2, nA: 2 }, { gamma: 0.5, bootstrapTruncated: false });
    noBootstrap.q.set([0, 0, 4, 6]);
    noBootstrap.observe(step(0, 0, 1, 1, 'truncated'), createRng(0));
    expect(noBootstrap.q[0]).toBe(1);
  });

  it('off-policy: weighted importance sampling stops at the first non-greedy action', () => {
    const agent = new MonteCarlo({ nS: 3, nA: 2 }, { gamma: 1, variant: 'off-policy', epsilon: 0.2 });
    agent.q.set([1, 0, /* state 1 */ 0, 1, /* state 2 */ 0, 0]);
    // b(greedy) = 0.9, b(other) = 0.1. Target: greedy (state 2 ties: 1/2 each).
    const t0 = step(0, 1, 1, 1); // not greedy in state 0
    const t1 = step(1, 1, 1, 2); // greedy in state 1
    const t2 = step(2, 0, 1, 2, 'terminated'); // a tie in state 2: pi = 1/2, b = 1/2
    for (const t of [t0, t1, t2]) agent.observe(t, createRng(0));
    const ex = agent.explain() as MonteCarloExplanation;
    // Backwards: t2 with W = 1; then W = 1 * (1/2)/(1/2) = 1 at t1; then W = 1/0.9 at t0;
    // a0 = 1 is not greedy in state 0, so the pass ends after updating t0.
    expect(ex.updates.map((u) => [u.state, u.weight])).toEqual([
      [0, expect.closeTo(1 / 0.9, 12)],
      [1, 1],
      [2, 1],
    ]);
    expect(agent.q[1]).toBeCloseTo(3, 12); // W/C = 1: the first return replaces the estimate
    expect(agent.counts[1]).toBeCloseTo(1 / 0.9, 12);
  });

  it('exploring starts asks the session for them and acts greedily', () => {
    const es = new MonteCarlo({ nS: 2, nA: 3 }, { variant: 'exploring-starts', epsilon: 1 });
    expect(es.wantsExploringStart()).toBe(true);
    es.q.set([0, 2, 1], 0);
    const rng = createRng(0);
    for (let i = 0; i < 20; i++) expect(es.act(0, rng, 'explore')).toBe(1);
    expect(es.currentEpsilon()).toBe(0);
    expect(new MonteCarlo({ nS: 1, nA: 1 }).wantsExploringStart()).toBe(false);
  });
});
