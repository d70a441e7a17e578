/**
 * What the table needs from one stored trial: best validation accuracies (from the result when
 * finished, else from the epochs done so far), test accuracy when known, epochs and duration.
 * Summaries are cached per trial object (trials are replaced, never mutated, on every change).
 */
import type { StoredTrial } from '../../store/schema.js';

export interface TrialStats {
  trial: StoredTrial;
  /** Best validation fine accuracy so far, or null. */
  fine: number | null;
  coarse: number | null;
  /** Test fine accuracy (the result's fine_end_accuracy), finished trials only. */
  test: number | null;
  epochsDone: number;
  /** Training time in seconds when known (finished: end − start, else the epochs' sum), else null. */
  seconds: number | null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function bestOf(trial: StoredTrial, key: string): number | null {
  let best: number | null = null;
  for (const e of trial.epochs) {
    const v = e.logs[key];
    if (finite(v) && (best === null || v > best)) best = v;
  }
  return best;
}

function timeOf(trial: StoredTrial): number | null {
  const r = trial.result;
  if (r && finite(r.train_seconds)) return r.train_seconds;
  if (trial.startedAt && trial.endedAt) {
    const s = (Date.parse(trial.endedAt) - Date.parse(trial.startedAt)) / 1000;
    if (Number.isFinite(s) && s >= 0) return s;
  }
  if (trial.epochs.length) return trial.epochs.reduce((a, e) => a + e.seconds, 0);
  return null;
}

function epochsOf(trial: StoredTrial): number {
  const r = trial.result;
  if (r && finite(r.epochs_done)) return r.epochs_done;
  return trial.epochs.length;
}

/** Keyed by object; the stamp guards against a writer that updates a trial in place. */
interface Cached {
  state: StoredTrial['state'];
  epochs: number;
  result: StoredTrial['result'];
  endedAt: string | null;
  stats: TrialStats;
}
const cache = new WeakMap<StoredTrial, Cached>();

export function statsOf(trial: StoredTrial): TrialStats {
  const hit = cache.get(trial);
  if (hit && hit.state === trial.state && hit.epochs === trial.epochs.length && hit.result === trial.result && hit.endedAt === trial.endedAt) return hit.stats;
  const r = trial.result;
  const stats: TrialStats = {
    trial,
    fine: r && finite(r.fine_best_accuracy) ? r.fine_best_accuracy : bestOf(trial, 'val_fine_outputs_acc'),
    coarse: r && finite(r.coarse_best_accuracy) ? r.coarse_best_accuracy : bestOf(trial, 'val_coarse_outputs_acc'),
    test: r && finite(r.fine_end_accuracy) ? r.fine_end_accuracy : null,
    epochsDone: epochsOf(trial),
    seconds: timeOf(trial),
  };
  cache.set(trial, { state: trial.state, epochs: trial.epochs.length, result: trial.result, endedAt: trial.endedAt, stats });
  return stats;
}

const SPAN = 2 ** 21;

/** Ranking key: (1 − accuracy) to 1e-9; ties go to the earlier trial. */
const rankKey = (fine: number) => Math.round((1 - Math.max(0, Math.min(1, fine))) * 1e9);

/**
 * Trials with an accuracy, best first (ties: earlier trial first). `stats` must be in trial
 * order. One native sort of packed keys: the ranking key, then the position.
 */
export function rankOrder(stats: readonly TrialStats[]): TrialStats[] {
  const keys = new Float64Array(stats.length);
  let n = 0;
  for (let i = 0; i < stats.length; i++) {
    const fine = stats[i]!.fine;
    if (fine === null) continue;
    keys[n++] = rankKey(fine) * SPAN + i;
  }
  const sorted = keys.subarray(0, n).sort();
  const out = new Array<TrialStats>(n);
  for (let j = 0; j < n; j++) out[j] = stats[sorted[j]! % SPAN]!;
  return out;
}

/** Rank by best validation fine accuracy (1 = best); null for a trial without one. */
export interface Ranks {
  of(s: TrialStats): number | null;
}

/**
 * Ranks looked up in `rankOrder`'s result by binary search, so nothing is built per trial
 * (a map of 10,000 ids cost more than the sort itself on every change).
 */
export function rankIndex(ranked: readonly TrialStats[]): Ranks {
  return {
    of(s) {
      if (s.fine === null) return null;
      const key = rankKey(s.fine);
      let lo = 0;
      let hi = ranked.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = ranked[mid]!;
        const k = rankKey(m.fine!);
        if (k < key || (k === key && m.trial.number < s.trial.number)) lo = mid + 1;
        else hi = mid;
      }
      return ranked[lo]?.trial.id === s.trial.id ? lo + 1 : null;
    },
  };
}

/** The finished trial with the highest best validation fine accuracy, or null. */
export function bestTrial(stats: readonly TrialStats[]): TrialStats | null {
  let best: TrialStats | null = null;
  for (const s of stats) {
    if (s.trial.state !== 'ok' || s.fine === null) continue;
    if (best === null || s.fine > best.fine! || (s.fine === best.fine && s.trial.number < best.trial.number)) best = s;
  }
  return best;
}
