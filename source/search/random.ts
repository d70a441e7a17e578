/** Random search: independent draws from the prior. */
import { buildPoint, type Point } from './point.js';
import { samplePrior } from './prior.js';
import { Rng } from './rng.js';
import { type Space, collectNodes } from './space.js';
import type { HistoryTrial, Optimizer } from './optimizer.js';
import { historyChecker } from './history.js';

/** A point drawn from the space's prior. */
export function samplePoint<P = unknown>(space: Space, rng: Rng): Point<P> {
  return buildPoint<P>(space, (node) => samplePrior(node, rng));
}

export function randomSearch(space: Space): Optimizer {
  const labels = collectNodes(space).map((n) => n.label);
  const checkHistory = historyChecker(space);
  return {
    name: 'random',
    suggest(history: readonly HistoryTrial[], seed: number): Point {
      checkHistory(history);
      const rng = new Rng(seed);
      return buildPoint(space, (node) => samplePrior(node, rng), labels);
    },
  };
}
