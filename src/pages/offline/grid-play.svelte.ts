/**
 * A person playing a penguin gridworld to record it: one arrow key, one move (the world's own
 * slip included), each episode recorded step by step with a DatasetRecorder and handed to the
 * page when it ends (the fish, a terminal tile, the time limit, or the person starting the next
 * one, which keeps the steps so far as a cut episode).
 *
 * Episode k of a seed draws from its own stream (seeded-episodes.ts): the same keys replay it.
 * No DOM here; the page passes keys in.
 */
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import { makeGridworld, type GridworldSpec, type TimeLimitedGridEnv } from '../../../environments/gridworld';
import type { Dataset } from '../../../agents/offline/dataset-types';
import { DatasetRecorder } from '../../../agents/offline/recorder';
import { episodeRng } from '../../lib/loop/seeded-episodes';
import type { TrailStep } from '../../lib/render/gridworld/scene';

export type GridPlayPhase = 'ready' | 'running' | 'over';

export class GridPlay {
  readonly env: TimeLimitedGridEnv;
  phase = $state<GridPlayPhase>('ready');
  state = $state.raw<TimeLimitedState<number>>({ inner: 0, elapsed: 0 });
  episode = $state(0);
  episodeReturn = $state(0);
  trail = $state.raw<readonly TrailStep[]>([]);
  /** How the last episode ended, for the status line. */
  lastEnd = $state<string | null>(null);

  private rng: Rng;
  private recorder: DatasetRecorder;

  /**
   * @param world the dataset's name for this world
   * @param onEpisode called with a one-episode dataset each time an episode with steps ends
   */
  constructor(
    spec: GridworldSpec,
    private readonly world: string,
    readonly seed: number,
    private readonly onEpisode: (episode: Dataset) => void,
  ) {
    this.env = makeGridworld(spec);
    this.rng = episodeRng(seed, 1);
    this.recorder = this.newRecorder();
    this.newEpisode();
  }

  get cell(): number {
    return this.state.inner;
  }

  /** One move (0 up, 1 right, 2 down, 3 left); the first key of an episode starts it. */
  move(action: number): void {
    if (this.phase === 'over') return;
    if (this.phase === 'ready') {
      this.recorder.beginEpisode();
      this.phase = 'running';
    }
    const from = this.state.inner;
    const result = this.env.step(this.state, action, this.rng);
    this.recorder.add({ observation: from, action, reward: result.reward, state: from });
    this.state = result.state;
    this.episodeReturn += result.reward;
    const info = result.info ?? {};
    this.trail = [...this.trail, { from, to: result.state.inner, intended: info.intended ?? action, actual: info.actual ?? action }];
    if (result.terminated || result.truncated) this.finish(result.terminated, result.terminated ? 'the episode ended' : 'the time limit cut it');
  }

  /** The next episode; one under way is kept as a cut episode. */
  next(): void {
    if (this.phase === 'running') this.finish(false, 'you cut it short');
    this.newEpisode();
  }

  private finish(terminated: boolean, how: string): void {
    this.recorder.endEpisode(terminated);
    this.phase = 'over';
    this.lastEnd = `Episode ${this.episode}: return ${this.episodeReturn.toFixed(2)}, ${how}`;
    const recorded = this.recorder.dataset();
    this.recorder = this.newRecorder();
    if (recorded.episodes.length > 0) this.onEpisode(recorded);
  }

  private newEpisode(): void {
    this.episode += 1;
    this.rng = episodeRng(this.seed, this.episode);
    const start = this.env.reset(this.rng);
    this.state = start.state;
    this.episodeReturn = 0;
    this.trail = [];
    this.phase = 'ready';
  }

  private newRecorder(): DatasetRecorder {
    return new DatasetRecorder({ world: this.world, input: { kind: 'one-hot', size: this.env.model.nS }, nActions: this.env.model.nA, source: { kind: 'person' } });
  }
}
