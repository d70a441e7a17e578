/**
 * Per-epoch series of a trial for the learning-curve charts: from its stored epochs (live
 * trials) or its result's history (finished and imported ones), plus the running means of the
 * epoch in progress as a last, partial training point.
 */
import type { StoredTrial } from '../../store/schema.js';
import type { History, LiveProgress } from './dashboard-model.js';

export type Series = (number | null)[];

export interface TrialCurves {
  trainAcc: Series;
  valAcc: Series;
  trainLoss: Series;
  valLoss: Series;
  /** Index of the partial-epoch point in the training series, or null. */
  partialAt: number | null;
  /** Fraction of the epoch in progress done (0…1), or null. */
  partialFraction: number | null;
}

const clean = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function fromEpochs(trial: StoredTrial, key: string): Series {
  return trial.epochs.map((e) => clean(e.logs[key]));
}

/**
 * One history key of a trial, per epoch: its stored epochs while it runs (or was cut short),
 * its result file's history once finished (`history`, loaded on demand), else nothing.
 */
export function seriesOf(trial: StoredTrial, key: string, history: History | null | undefined): Series {
  if (trial.epochs.length > 0 || !history) return fromEpochs(trial, key);
  return (history[key] ?? []).map(clean);
}

export function trialCurves(trial: StoredTrial, live: LiveProgress | null = null, history?: History | null): TrialCurves {
  const curves: TrialCurves = {
    trainAcc: seriesOf(trial, 'fine_outputs_acc', history),
    valAcc: seriesOf(trial, 'val_fine_outputs_acc', history),
    trainLoss: seriesOf(trial, 'loss', history),
    valLoss: seriesOf(trial, 'val_loss', history),
    partialAt: null,
    partialFraction: null,
  };
  if (live && live.trialId === trial.id && trial.state === 'running' && live.batch > 0 && live.batch < live.batches) {
    const at = Math.max(curves.trainAcc.length, live.epoch);
    const acc = clean(live.logs.fine_outputs_acc);
    const loss = clean(live.logs.loss);
    if (acc !== null || loss !== null) {
      while (curves.trainAcc.length < at) curves.trainAcc.push(null);
      while (curves.trainLoss.length < at) curves.trainLoss.push(null);
      curves.trainAcc.push(acc);
      curves.trainLoss.push(loss);
      curves.partialAt = at;
      curves.partialFraction = live.batch / live.batches;
    }
  }
  return curves;
}

/** The first epoch (0-based) whose value is missing after a finite one: where a run diverged. */
export function divergedAt(series: Series): number | null {
  let seen = false;
  for (let i = 0; i < series.length; i++) {
    if (series[i] !== null) seen = true;
    else if (seen) return i;
  }
  return null;
}
