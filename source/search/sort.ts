/** Allocation-light sorting helpers for the estimators' hot paths. */

/**
 * Indices that sort `keys` ascending, ties broken by index (so the result is deterministic
 * and oldest-first among equal values). An in-place introsort-free quicksort on typed arrays:
 * several times faster than Array.prototype.sort with a comparator.
 */
export function argsort(keys: ArrayLike<number>): Int32Array {
  const n = keys.length;
  const idx = new Int32Array(n);
  const k = new Float64Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    idx[i] = i;
    k[i] = keys[i];
    if (i > 0 && k[i] < k[i - 1]) sorted = false;
  }
  if (!sorted) quicksort(k, idx, 0, n - 1);
  return idx;
}

const less = (k: Float64Array, idx: Int32Array, i: number, j: number) => k[i] < k[j] || (k[i] === k[j] && idx[i] < idx[j]);

function swap(k: Float64Array, idx: Int32Array, i: number, j: number): void {
  const kt = k[i];
  k[i] = k[j];
  k[j] = kt;
  const it = idx[i];
  idx[i] = idx[j];
  idx[j] = it;
}

function quicksort(k: Float64Array, idx: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three moved to `hi` as the pivot.
    if (less(k, idx, mid, lo)) swap(k, idx, mid, lo);
    if (less(k, idx, hi, lo)) swap(k, idx, hi, lo);
    if (less(k, idx, mid, hi)) swap(k, idx, mid, hi);
    const pk = k[hi];
    const pi = idx[hi];
    let store = lo;
    for (let i = lo; i < hi; i++) {
      if (k[i] < pk || (k[i] === pk && idx[i] < pi)) swap(k, idx, i, store++);
    }
    swap(k, idx, store, hi);
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (store - lo < hi - store) {
      quicksort(k, idx, lo, store - 1);
      lo = store + 1;
    } else {
      quicksort(k, idx, store + 1, hi);
      hi = store - 1;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    for (let j = i; j > lo && less(k, idx, j, j - 1); j--) swap(k, idx, j, j - 1);
  }
}

/** Indices of the `count` smallest keys, ordered by (key, index): a partial selection in O(n·count). */
export function smallest(keys: ArrayLike<number>, count: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i];
    if (best.length === count && !(v < keys[best[count - 1]])) continue;
    let j = best.length < count ? best.length : count - 1;
    if (best.length < count) best.push(i);
    while (j > 0 && v < keys[best[j - 1]]) {
      best[j] = best[j - 1];
      j--;
    }
    best[j] = i;
  }
  return best;
}
