/** What an optimiser sees of past trials, and the interface the supervisor drives. */
import type { Point } from './point.js';
import type { Space, Vals } from './space.js';

export type TrialState = 'ok' | 'fail' | 'running' | 'interrupted' | 'pending';

/** One earlier trial, in the order the trials were created (oldest first). */
export interface HistoryTrial {
  vals: Vals;
  /** The loss of a finished trial; null or non-finite for failed, running or pending trials. */
  loss: number | null;
  state?: TrialState;
}

export interface Optimizer {
  readonly name: 'tpe' | 'random';
  /**
   * The next point to try, given every earlier trial (running ones included: they count as
   * +inf, as in Hyperopt) and a seed. The same history and seed give the same point.
   */
  suggest(history: readonly HistoryTrial[], seed: number): Point;
}

/** The loss TPE ranks a trial by: failed, unfinished, NaN and infinite losses are +inf. */
export function effectiveLoss(trial: HistoryTrial): number {
  if (trial.state !== undefined && trial.state !== 'ok') return Infinity;
  const loss = trial.loss;
  return typeof loss === 'number' && Number.isFinite(loss) ? loss : Infinity;
}

export type { Point, Space };
