/**
 * The arcade renderer: draws `ArcadeScene` snapshots as pixel art in a shared `PixiHost`. Cells
 * are whole CSS pixels, so edges stay crisp at any size; a game over dims the picture.
 */
import { Container, Graphics } from 'pixi.js';
import { PixiHost, createPixiApp, type PixiAppOptions, type ScenePainter } from '../pixi-host';
import { cellColor, fitArcade, type ArcadeScene } from './scene';

export type ArcadeRendererOptions = PixiAppOptions;

export interface ArcadeRenderer {
  readonly canvas: HTMLCanvasElement;
  readonly backend: string;
  draw(scene: ArcadeScene): void;
  resize(): void;
  destroy(): void;
}

const BACKGROUND = 0x0f1a26;
const GRID_LINE = 0x1b2a3a;
const DIM = 0x0f1a26;

export async function createArcadeRenderer(host: HTMLElement, opts: ArcadeRendererOptions = {}): Promise<ArcadeRenderer> {
  // No antialiasing: pixel art.
  const app = await createPixiApp(host, opts, 'arcade renderer', { antialias: false });
  const painter = new ArcadePainter();
  return new PixiHost(host, app, painter, painter.world);
}

class ArcadePainter implements ScenePainter<ArcadeScene> {
  readonly world = new Container({ label: 'arcade' });
  private readonly board = new Graphics({ label: 'board' });

  constructor() {
    this.world.addChild(this.board);
  }

  paint(scene: ArcadeScene, width: number, height: number): boolean {
    const { cell, left, top } = fitArcade(width, height, scene.height, scene.width);
    const g = this.board.clear();
    g.rect(left, top, cell * scene.width, cell * scene.height).fill(BACKGROUND);
    // A faint grid shows the cells the game moves on (only where cells are big enough to read it).
    if (cell >= 12) {
      for (let i = 1; i < scene.width; i++) g.rect(left + i * cell, top, 1, cell * scene.height);
      for (let i = 1; i < scene.height; i++) g.rect(left, top + i * cell, cell * scene.width, 1);
      g.fill(GRID_LINE);
    }
    const inset = cell >= 8 ? 1 : 0;
    for (let row = 0; row < scene.height; row++) {
      for (let col = 0; col < scene.width; col++) {
        const color = cellColor(scene, row, col);
        if (color === null) continue;
        g.rect(left + col * cell + inset, top + row * cell + inset, cell - 2 * inset, cell - 2 * inset).fill(color);
      }
    }
    if (scene.over) g.rect(left, top, cell * scene.width, cell * scene.height).fill({ color: DIM, alpha: 0.55 });
    return false;
  }
}
