/**
 * A column store of the history that persists across suggestions: one value per (label,
 * trial) (NaN when inactive) and, per label, the active trials sorted by value. A search
 * appends trials, so each suggestion only inserts the new ones instead of re-sorting
 * thousands of observations for every hyperparameter.
 */
import type { HistoryTrial } from './optimizer.js';
import type { Vals } from './space.js';
import { argsort } from './sort.js';

export class HistoryColumns {
  private seen: Vals[] = [];
  /** values[j][i]: the value of label j in trial i, NaN when inactive. */
  values: Float64Array[];
  /** sorted[j]: indices of the trials where label j is active, ascending by value then index. */
  sorted: Int32Array[];
  private counts: number[];

  constructor(private readonly labels: readonly string[]) {
    this.values = labels.map(() => new Float64Array(0));
    this.sorted = labels.map(() => new Int32Array(0));
    this.counts = labels.map(() => 0);
  }

  /** Number of trials currently held. */
  get length(): number {
    return this.seen.length;
  }

  /** Active trial indices of label j, sorted by value (a view; valid until the next update). */
  sortedActive(j: number): Int32Array {
    return this.sorted[j].subarray(0, this.counts[j]);
  }

  update(history: readonly HistoryTrial[]): void {
    const n = history.length;
    let prefix = 0;
    const limit = Math.min(n, this.seen.length);
    while (prefix < limit && history[prefix].vals === this.seen[prefix]) prefix++;
    if (prefix < this.seen.length || n - prefix > 64) {
      this.rebuild(history);
      return;
    }
    for (let i = prefix; i < n; i++) this.append(history[i].vals, i);
  }

  private ensureCapacity(size: number): void {
    if (this.values[0] !== undefined && this.values[0].length >= size) return;
    const capacity = Math.max(size, 2 * (this.values[0]?.length ?? 0), 64);
    this.values = this.values.map((old) => {
      const grown = new Float64Array(capacity).fill(NaN);
      grown.set(old);
      return grown;
    });
    this.sorted = this.sorted.map((old) => {
      const grown = new Int32Array(capacity);
      grown.set(old);
      return grown;
    });
  }

  private rebuild(history: readonly HistoryTrial[]): void {
    const n = history.length;
    this.seen = history.map((t) => t.vals);
    this.values = this.labels.map(() => new Float64Array(Math.max(n, 64)).fill(NaN));
    this.sorted = this.labels.map(() => new Int32Array(Math.max(n, 64)));
    this.labels.forEach((label, j) => {
      const column = this.values[j];
      const active: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = history[i].vals[label];
        if (v !== undefined && v.length > 0) {
          column[i] = v[0];
          active.push(i);
        }
      }
      const order = argsort(active.map((i) => column[i]));
      for (let r = 0; r < order.length; r++) this.sorted[j][r] = active[order[r]];
      this.counts[j] = active.length;
    });
  }

  private append(vals: Vals, i: number): void {
    this.ensureCapacity(i + 1);
    this.seen[i] = vals;
    this.labels.forEach((label, j) => {
      const v = vals[label];
      if (v === undefined || v.length === 0) return;
      const value = v[0];
      this.values[j][i] = value;
      const column = this.values[j];
      const order = this.sorted[j];
      const count = this.counts[j];
      // Upper bound of `value` among equal values keeps ties in index (age) order: i is the newest.
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (column[order[mid]] <= value) lo = mid + 1;
        else hi = mid;
      }
      order.copyWithin(lo + 1, lo, count);
      order[lo] = i;
      this.counts[j] = count + 1;
    });
  }
}
