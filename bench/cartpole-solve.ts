/**
 * CartPole to "solved" (issue 4 section 7): env steps and wall-clock seconds until a deep agent's
 * policy averages 475 over 100 episodes, per tuned preset (agents/deep/config/presets.ts), over
 * several seeds, on the wasm backend.
 *
 * Why a greedy evaluation and not the training average: Gymnasium calls CartPole-v1 solved at a
 * mean of 475 over 100 consecutive episodes. A 100-episode moving average of TRAINING episodes
 * cannot reach 475 before about 48k steps even for a learner that is perfect from its first
 * episode (100 episodes of ~475+ steps), and it mixes in exploration. So every `evalEvery` env
 * steps the run plays `evalEpisodes` episodes of the greedy policy on separate copies of CartPole,
 * all in lockstep (one batched forward pass per step), and is solved at the first evaluation whose
 * mean is >= 475. The evaluation worlds are seeded from their own derived streams
 * (`eval/<round>/<copy>` of the run's seed), so the training run draws exactly what it would draw
 * without them. The step at which the training 100-episode moving average first reaches 475 is
 * reported too, where the run gets there before it stops.
 *
 * Seconds: training only (session.step, the agent's acting and learning); evaluation time is
 * measured and reported separately.
 */
import { makeCartPole } from '../environments/classic/cartpole';
import { deriveRng, type Rng } from '../environments/core/rng';
import { Dqn } from '../agents/deep/dqn';
import { toVectorAgent, type DeepAgent, type DeepAgentName } from '../agents/deep/registry';
import type { DeepPreset } from '../agents/deep/config/presets';
import type { Observation } from '../agents/deep/types';
import { createDeepSession } from '../agents/runner/deep-session';
import { table } from './report';
import { median, now } from './timing';

export const SOLVED_RETURN = 475;

export interface SolveSettings {
  /** Env steps between greedy evaluations. */
  readonly evalEvery: number;
  /** Evaluation episodes (= copies of the world run in lockstep). */
  readonly evalEpisodes: number;
  /** Mean return that counts as solved. */
  readonly threshold: number;
  /**
   * Keep training a run that solved until the training moving average reaches the threshold too,
   * up to `movingAverageFactor` times the budget (0: stop at the evaluation solve). Evaluation
   * solves still count only within the budget.
   */
  readonly movingAverageFactor: number;
  /** Called after each evaluation (progress lines). */
  readonly onEvaluation?: (text: string) => void;
}

export const DEFAULT_SETTINGS: SolveSettings = { evalEvery: 2_500, evalEpisodes: 100, threshold: SOLVED_RETURN, movingAverageFactor: 0 };

export interface SolveRun {
  readonly seed: number;
  /** Env steps at the first evaluation with mean >= threshold; null when unsolved within the budget. */
  readonly solvedStep: number | null;
  /** Training seconds (evaluation excluded) up to solvedStep; null when unsolved. */
  readonly solvedSeconds: number | null;
  /** Env steps where the 100 most recent training episodes first averaged >= threshold; null when not reached before the run stopped. */
  readonly movingAverageStep: number | null;
  /** Env steps run in all, training seconds in all, evaluation seconds in all. */
  readonly stepsRun: number;
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  /** Evaluations run, and the best and the last evaluation mean. */
  readonly evaluations: number;
  readonly bestEval: number;
  readonly lastEval: number;
}

/** One greedy action per observation: one batched forward pass. */
function greedyActions(learner: DeepAgent, obs: readonly Observation[], rng: Rng): number[] {
  if (learner instanceof Dqn) {
    return learner.qValues(obs).map((q) => {
      let best = 0;
      for (let a = 1; a < q.length; a++) if (q[a] > q[best]) best = a;
      return best;
    });
  }
  if (learner.name === 'reinforce') return obs.map((o) => learner.act(o, rng, 'greedy'));
  return toVectorAgent(learner).actBatch(obs, rng, 'greedy');
}

/**
 * Mean undiscounted return of `episodes` greedy episodes on fresh CartPole copies, stepped in
 * lockstep; copy i of evaluation `round` resets from deriveRng(seed, `eval/${round}/${i}`).
 */
export function greedyEvaluation(learner: DeepAgent, seed: number, round: number, episodes: number): number {
  const envs = Array.from({ length: episodes }, () => makeCartPole());
  const rngs = envs.map((_, i) => deriveRng(seed, `eval/${round}/${i}`));
  const policyRng = deriveRng(seed, `eval/${round}/policy`);
  const current = envs.map((env, i) => {
    const start = env.reset(rngs[i]);
    return { state: start.state, obs: start.obs as Observation };
  });
  const returns = new Float64Array(episodes);
  let active = envs.map((_, i) => i);
  while (active.length > 0) {
    const actions = greedyActions(learner, active.map((i) => current[i].obs), policyRng);
    const still: number[] = [];
    active.forEach((i, k) => {
      const result = envs[i].step(current[i].state, actions[k], rngs[i]);
      returns[i] += result.reward;
      current[i] = { state: result.state, obs: result.obs };
      if (!result.terminated && !result.truncated) still.push(i);
    });
    active = still;
  }
  return returns.reduce((a, b) => a + b, 0) / episodes;
}

/** Trains `agent` with `options` on CartPole from master seed `seed` until solved or `budget` env steps. */
export function solveCartPole(agent: DeepAgentName, options: Readonly<Record<string, unknown>>, seed: number, budget: number, settings: SolveSettings = DEFAULT_SETTINGS): SolveRun {
  const session = createDeepSession({ world: 'cartpole', agent, options, seed });
  const nEnvs = session.agent.nEnvs;
  const window = new Float64Array(100);
  let seen = 0;
  let windowSum = 0;
  let movingAverageStep: number | null = null;
  let solvedStep: number | null = null;
  let solvedSeconds: number | null = null;
  let trainSeconds = 0;
  let evalSeconds = 0;
  let evaluations = 0;
  let bestEval = 0;
  let lastEval = 0;
  try {
    const cap = settings.movingAverageFactor > 0 ? Math.max(budget, Math.round(settings.movingAverageFactor * budget)) : budget;
    for (let nextEval = settings.evalEvery; session.globalStep < cap; nextEval += settings.evalEvery) {
      const units = Math.max(1, Math.ceil((Math.min(nextEval, cap) - session.globalStep) / nEnvs));
      const started = now();
      const rows = session.step(units, 'env-step');
      trainSeconds += (now() - started) / 1000;
      for (const row of rows) {
        const value = row['charts/episodic_return'];
        if (value === undefined) continue;
        windowSum += value - window[seen % 100];
        window[seen % 100] = value;
        seen++;
        if (movingAverageStep === null && seen >= 100 && windowSum / 100 >= settings.threshold) movingAverageStep = row.global_step;
      }
      if (solvedStep === null && session.globalStep <= budget) {
        const evalStarted = now();
        lastEval = greedyEvaluation(session.learner, seed, evaluations, settings.evalEpisodes);
        evalSeconds += (now() - evalStarted) / 1000;
        evaluations++;
        bestEval = Math.max(bestEval, lastEval);
        settings.onEvaluation?.(`seed ${seed}: step ${session.globalStep}, greedy mean ${lastEval.toFixed(1)}, train ${trainSeconds.toFixed(1)} s`);
        if (lastEval >= settings.threshold) {
          solvedStep = session.globalStep;
          solvedSeconds = trainSeconds;
        }
      }
      if (solvedStep === null ? session.globalStep >= budget : settings.movingAverageFactor === 0 || movingAverageStep !== null) break;
    }
    return { seed, solvedStep, solvedSeconds, movingAverageStep, stepsRun: session.globalStep, trainSeconds, evalSeconds, evaluations, bestEval, lastEval };
  } finally {
    session.dispose();
  }
}

export interface PresetSolve {
  readonly preset: DeepPreset;
  readonly budget: number;
  readonly runs: readonly SolveRun[];
}

export function solvePreset(preset: DeepPreset, seeds: readonly number[], settings: SolveSettings = DEFAULT_SETTINGS, budget = preset.steps): PresetSolve {
  return { preset, budget, runs: seeds.map((seed) => solveCartPole(preset.agent, preset.options, seed, budget, settings)) };
}

/** The median over all runs with unsolved ones counted as infinitely slow: null when fewer than half solved. */
export function medianSolved(values: readonly (number | null)[]): number | null {
  const m = median(values.map((v) => (v === null ? Infinity : v)));
  return Number.isFinite(m) ? m : null;
}

export interface PresetSummary {
  readonly solvedSeeds: number;
  readonly medianSteps: number | null;
  readonly medianSeconds: number | null;
  readonly medianMovingAverageStep: number | null;
}

export function summarise(result: PresetSolve): PresetSummary {
  return {
    solvedSeeds: result.runs.filter((r) => r.solvedStep !== null).length,
    medianSteps: medianSolved(result.runs.map((r) => r.solvedStep)),
    medianSeconds: medianSolved(result.runs.map((r) => r.solvedSeconds)),
    medianMovingAverageStep: medianSolved(result.runs.map((r) => r.movingAverageStep)),
  };
}

/** 12500 -> '12.5k'; null -> '>' the budget. */
export function stepsText(steps: number | null, budget: number): string {
  if (steps === null) return `>${budget / 1000}k`;
  return `${Number((steps / 1000).toFixed(1))}k`;
}

export function secondsText(seconds: number | null): string {
  return seconds === null ? '-' : `${seconds.toFixed(1)} s`;
}

/** Per seed: `seed: steps / seconds` or `seed: unsolved (best eval, seconds run)`. */
export function perSeedText(result: PresetSolve): string {
  return result.runs
    .map((r) =>
      r.solvedStep === null
        ? `${r.seed}: unsolved (best ${r.bestEval.toFixed(0)}, ${r.trainSeconds.toFixed(0)} s)`
        : `${r.seed}: ${stepsText(r.solvedStep, result.budget)} / ${secondsText(r.solvedSeconds)}${r.movingAverageStep === null ? '' : ` (train avg ${stepsText(r.movingAverageStep, result.budget)})`}`,
    )
    .join('; ');
}

/** The benchmark section: one row per preset, markdown as the other sections (bench/report.ts). */
export function cartpoleSection(results: readonly PresetSolve[], settings: SolveSettings, backend: string): string {
  const rows = results.map((result) => {
    const s = summarise(result);
    const evalSeconds = result.runs.reduce((sum, r) => sum + r.evalSeconds, 0);
    return [
      result.preset.title,
      `\`${result.preset.id}\``,
      `${s.solvedSeeds}/${result.runs.length}`,
      s.solvedSeeds === 0 ? '-' : stepsText(s.medianSteps, result.budget),
      secondsText(s.medianSeconds),
      s.medianMovingAverageStep === null ? '-' : stepsText(s.medianMovingAverageStep, result.budget),
      perSeedText(result),
      `${evalSeconds.toFixed(1)} s`,
    ];
  });
  const seeds = results[0]?.runs.map((r) => r.seed).join(', ') ?? '';
  return [
    `## CartPole to solved: env steps and training seconds (${backend} backend)`,
    '',
    `Tuned presets (agents/deep/config/presets.ts), seeds ${seeds}, budget ${results.map((r) => `${r.budget / 1000}k`).join(' / ')} env steps. ` +
      `Solved: the greedy policy's mean return over ${settings.evalEpisodes} evaluation episodes ` +
      `(separate seeded copies of CartPole in lockstep) reaches ${settings.threshold}, checked every ${settings.evalEvery} env steps; ` +
      (settings.movingAverageFactor > 0
        ? `a solved run trains on until the training average below is reached too (at most ${settings.movingAverageFactor} x the budget). `
        : 'a run stops there or at its budget. ') +
      'Medians over all seeds, an unsolved seed counting as slower than any solved one (">" the budget when fewer than half solved). ' +
      'Seconds are training only (acting and learning); evaluation time is the last column, summed over the seeds. ' +
      `Train avg: the env step where the 100 most recent training episodes averaged ${settings.threshold}, where the run got there before it stopped ` +
      (settings.movingAverageFactor > 0 ? '(it needs 48k+ steps even for a perfect learner).' : '(it needs 48k+ steps even for a perfect learner; `--train-average` trains on to measure it).'),
    '',
    table(['algorithm', 'preset', 'solved', 'median steps', 'median train s', 'median train avg', 'per seed: steps / train s', 'eval s'], rows),
  ].join('\n');
}
