/**
 * A sequential search loop in the style of Hyperopt's `fmin`: ask the optimiser for a
 * point, evaluate it, record the outcome. The supervisor runs its own loop around the same
 * `Optimizer.suggest`; this one serves benchmarks, tests and scripted searches.
 */
import type { HistoryTrial, Optimizer } from './optimizer.js';
import type { Point } from './point.js';
import { Rng } from './rng.js';

export type Outcome = number | { loss: number | null; status: 'ok' | 'fail' };

export interface MinimizeResult<P> {
  trials: (HistoryTrial & { params: P })[];
  /** Index of the best ok trial with a finite loss, or -1 when there is none. */
  bestIndex: number;
}

export function minimize<P = unknown>(
  objective: (params: P, index: number) => Outcome,
  optimizer: Optimizer,
  { maxEvals, seed }: { maxEvals: number; seed: number },
): MinimizeResult<P> {
  const seeds = new Rng(seed);
  const trials: (HistoryTrial & { params: P })[] = [];
  let bestIndex = -1;
  for (let i = 0; i < maxEvals; i++) {
    const point = optimizer.suggest(trials, seeds.seed()) as Point<P>;
    const outcome = objective(point.params, i);
    const { loss, status } = typeof outcome === 'number' ? { loss: outcome, status: 'ok' as const } : outcome;
    const ok = status === 'ok' && typeof loss === 'number' && Number.isFinite(loss);
    trials.push({ vals: point.vals, params: point.params, loss: ok ? loss : null, state: ok ? 'ok' : 'fail' });
    if (ok && (bestIndex < 0 || loss < (trials[bestIndex].loss as number))) bestIndex = i;
  }
  return { trials, bestIndex };
}
