/**
 * A person playing an arcade game to record it: the arcade page's own game (ArcadePlay: keys
 * latched between steps, seeded episodes) with a DatasetRecorder watching every step it takes.
 * The page calls step() on its clock; each step taken is recorded with what was on screen before
 * it, the action the game took and the points it scored. An episode is handed to the page when
 * the game ends (game over, or the time limit), or when the person starts the next one (kept as
 * a cut episode).
 */
import type { Dataset } from '../../../agents/offline/dataset-types';
import { DatasetRecorder } from '../../../agents/offline/recorder';
import { ArcadePlay } from '../arcade/arcade-play.svelte';
import type { ArcadeGameInfo } from '../arcade/catalogue';

export class ArcadeRecording {
  readonly play: ArcadePlay;
  private recorder: DatasetRecorder;

  constructor(
    readonly game: ArcadeGameInfo,
    seed: number,
    private readonly onEpisode: (episode: Dataset) => void,
  ) {
    this.play = new ArcadePlay(game, seed);
    this.recorder = this.newRecorder();
  }

  /** One step of the game at the clock's tick (nothing happens while it waits, is paused or over). */
  step(): void {
    const play = this.play;
    const before = { obs: play.obs, score: play.score, elapsed: play.state.elapsed, history: play.history };
    play.step();
    if (play.state.elapsed === before.elapsed) return;
    if (!this.recorder.recording) this.recorder.beginEpisode();
    // NOTE: the reward is the points this step scored; the observation is the frame the person acted on.
    this.recorder.add({ observation: before.obs, action: play.lastAction, reward: play.score - before.score });
    if (play.phase === 'over') this.finish(play.history !== before.history && play.history[0]?.end === 'game over');
  }

  /** The next game; one under way is kept as a cut episode. */
  next(): void {
    if (this.recorder.recording) this.finish(false);
    this.play.reset();
  }

  private finish(terminated: boolean): void {
    this.recorder.endEpisode(terminated);
    const recorded = this.recorder.dataset();
    this.recorder = this.newRecorder();
    if (recorded.episodes.length > 0) this.onEpisode(recorded);
  }

  private newRecorder(): DatasetRecorder {
    const { height, width } = this.play.env.planes;
    return new DatasetRecorder({
      world: this.game.id,
      input: { kind: 'planes', height, width, channels: this.game.channels.length },
      nActions: this.game.actionNames.length,
      source: { kind: 'person' },
    });
  }
}
