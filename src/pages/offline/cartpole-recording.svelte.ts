/**
 * A person playing CartPole to record it: the CartPole page's own game (CartPoleGame: the last
 * arrow keeps pushing, seeded episodes, a wait for the first push) with a DatasetRecorder
 * watching every step it takes. The page calls step() on its real-time clock; each step taken is
 * recorded with the observation before it (the env's four numbers, rounded to float32 as the
 * env's own observation and the expert's recordings are), the push and its reward. An episode is
 * handed to the page when it ends (the pole falls, the cart leaves the track, or the 500-step
 * limit), or when the person starts the next one (kept as a cut episode).
 */
import type { Dataset } from '../../../agents/offline/dataset-types';
import { DatasetRecorder } from '../../../agents/offline/recorder';
import { CartPoleGame } from '../cartpole/game.svelte';

export class CartPoleRecording {
  readonly game: CartPoleGame;
  private recorder: DatasetRecorder;

  /** @param world the dataset's name for CartPole ('cartpole') */
  constructor(
    private readonly world: string,
    seed: number,
    private readonly onEpisode: (episode: Dataset) => void,
  ) {
    this.game = new CartPoleGame(seed);
    this.recorder = this.newRecorder();
  }

  /** One step at the clock's tick (nothing happens while the game waits, is paused or over). */
  step(): void {
    const game = this.game;
    const before = { observation: Float32Array.from(game.observation()), elapsed: game.state.elapsed, episodeReturn: game.episodeReturn };
    game.step();
    if (game.state.elapsed === before.elapsed) return;
    if (!this.recorder.recording) this.recorder.beginEpisode();
    // NOTE: the observation is the cart the person acted on; CARTPOLE_ACTIONS: 0 pushes left, 1 right.
    this.recorder.add({ observation: before.observation, action: game.push === 1 ? 1 : 0, reward: game.episodeReturn - before.episodeReturn });
    if (game.phase === 'over') this.finish(game.terminated);
  }

  /** The next episode; one under way is kept as a cut episode. */
  next(): void {
    if (this.recorder.recording) this.finish(false);
    this.game.reset();
  }

  private finish(terminated: boolean): void {
    this.recorder.endEpisode(terminated);
    const recorded = this.recorder.dataset();
    this.recorder = this.newRecorder();
    if (recorded.episodes.length > 0) this.onEpisode(recorded);
  }

  private newRecorder(): DatasetRecorder {
    return new DatasetRecorder({ world: this.world, input: { kind: 'vector', size: 4 }, nActions: 2, source: { kind: 'person' } });
  }
}
