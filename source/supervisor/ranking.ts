/** Ranks of finished trials by loss (1 = lowest), kept sorted as trials finish: no pass over the store per trial. */
import type { StoredTrial } from '../store/schema.js';

export class LossRanking {
  private readonly losses: number[] = [];

  /** Starts from the ok trials already in the store. */
  constructor(trials: readonly StoredTrial[]) {
    for (const t of trials) if (t.state === 'ok' && typeof t.result?.loss === 'number') this.losses.push(t.result.loss);
    this.losses.sort((a, b) => a - b);
  }

  /**
   * Counts in a trial that just finished ok; returns its rank: 1 + the ok trials with a loss as
   * low or lower (a tie ranks behind the earlier trial, as in the dashboard, so it is no new best).
   */
  add(loss: number): number {
    const losses = this.losses;
    let lo = 0;
    let hi = losses.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (losses[mid]! <= loss) lo = mid + 1;
      else hi = mid;
    }
    losses.splice(lo, 0, loss);
    return lo + 1;
  }
}
