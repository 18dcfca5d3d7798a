/**
 * The worlds the benchmarks run on: the book's 4x4 world (fig 19.10) and a seeded random 64x64
 * map with the same rules (book slip 0.5, rewards on leaving, holes -2, fish +3 and terminal).
 */
import { buildModel, createRng, GRIDWORLD_PRESETS, GRIDWORLD_SPEC_VERSION, type GridModel, type GridworldSpec } from '../environments';

export interface BenchWorld {
  readonly name: string;
  readonly model: GridModel;
}

export function bookWorld(): BenchWorld {
  return { name: 'fig-19-10 (4x4)', model: buildModel(GRIDWORLD_PRESETS['fig-19-10'].spec) };
}

/**
 * A side x side map: start top left, each other cell a hole with probability `holeFraction`,
 * and `fish` fish on distinct non-start cells. Same seed, same map.
 */
export function randomMapSpec(side = 64, holeFraction = 0.1, fish = 5, seed = 'bench-map'): GridworldSpec {
  const rng = createRng(`${seed}/${side}`);
  const cells: string[] = [];
  for (let i = 0; i < side * side; i++) cells.push(i === 0 ? 'S' : rng.next() < holeFraction ? 'H' : '.');
  for (let placed = 0; placed < fish; ) {
    const cell = 1 + rng.int(side * side - 1);
    if (cells[cell] === 'F') continue;
    cells[cell] = 'F';
    placed++;
  }
  const map: string[] = [];
  for (let r = 0; r < side; r++) map.push(cells.slice(r * side, (r + 1) * side).join(''));
  return {
    version: GRIDWORLD_SPEC_VERSION,
    name: `Random ${side}x${side}`,
    map,
    rewardTiming: 'leave',
    stepReward: 0,
    slip: { model: 'book', probability: 0.5 },
    mode: 'mdp',
    gamma: 0.9,
    maxSteps: 1000,
  };
}

export function randomWorld(side = 64): BenchWorld {
  const spec = randomMapSpec(side);
  const holes = spec.map.join('').split('H').length - 1;
  return { name: `random ${side}x${side} (${Math.round((100 * holes) / (side * side))}% holes, 5 fish)`, model: buildModel(spec) };
}
