/**
 * The clock of a game that a person and the agent take turns at in real time (CartPole, the
 * arcade's Play tab). Call it while a page's component is set up: its effects live as long as the
 * component.
 *
 * Each animation frame steps as many times as are due: with the person's input, or through the
 * AgentDriver, which takes them as the agent's answers arrive. The agent is asked about the state
 * shown whenever it can answer (its advice while the person plays). With the agent at the controls,
 * the next episode starts a moment after one ends: the agent plays on.
 */
import type { AgentDriver } from './agent-driver.svelte';
import type { Controller } from './episode-record';
import type { PlayPhase } from './play-phase';
import { StepClock } from './step-clock';

/** With the agent at the controls, the next episode starts this long after one ends. */
const AGENT_NEXT_EPISODE_MS = 1500;

export interface RealTimeGame {
  readonly phase: PlayPhase;
  readonly controller: Controller;
  /** One step with the person's input (the agent's steps come through the driver). */
  step(): void;
  /** End the episode and start the next. */
  reset(): void;
}

export interface RealTimePlay {
  /** The game on screen (read in an effect: a new game gets a new clock). */
  game(): RealTimeGame;
  driver: AgentDriver;
  /** The agent runs in the worker and can answer. */
  agentReady(): boolean;
  /** Simulated milliseconds a step, read when the game starts running. */
  stepMs(): number;
  /** How fast simulated time runs, read at every frame (CartPole's 0.25x to 1x); 1 when absent. */
  speed?(): number;
  /** The page shows another mode with its own clock (the duel, the match): this one stands still. */
  elsewhere?(): boolean;
}

export function playInRealTime(play: RealTimePlay): void {
  $effect(() => {
    if (play.elsewhere?.()) return;
    const game = play.game();
    const ready = play.agentReady();
    const clock = game.phase === 'running' ? new StepClock(play.stepMs()) : null;
    let frame = requestAnimationFrame(function tick(now) {
      if (clock) {
        const due = clock.advance(now, play.speed?.() ?? 1);
        if (game.controller === 'agent') play.driver.due(due);
        else for (let i = 0; i < due && game.phase === 'running'; i++) game.step();
      }
      if (ready) play.driver.pump(now);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  });

  $effect(() => {
    const game = play.game();
    if (game.phase !== 'over' || game.controller !== 'agent') return;
    const timer = setTimeout(() => game.reset(), AGENT_NEXT_EPISODE_MS);
    return () => clearTimeout(timer);
  });
}
