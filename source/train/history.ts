/** The reference's per-epoch history: five training keys and their `val_` forms (seed-spec §3). */
import type { Metrics } from './step.js';

export const TRAIN_KEYS = ['loss', 'fine_outputs_loss', 'coarse_outputs_loss', 'fine_outputs_acc', 'coarse_outputs_acc'] as const;
export const HISTORY_KEYS = [...TRAIN_KEYS, ...TRAIN_KEYS.map((k) => `val_${k}` as const)] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

/** One epoch's values; a single-head model has no coarse keys. */
export type EpochLogs = Partial<Record<HistoryKey, number>>;
export type History = Partial<Record<HistoryKey, number[]>>;

function keyed(m: Metrics, prefix: '' | 'val_'): EpochLogs {
  const logs: EpochLogs = {
    [`${prefix}loss`]: m.loss,
    [`${prefix}fine_outputs_loss`]: m.fineLoss,
    [`${prefix}fine_outputs_acc`]: m.fineAcc,
  };
  if (m.coarseLoss !== null) logs[`${prefix}coarse_outputs_loss`] = m.coarseLoss;
  if (m.coarseAcc !== null) logs[`${prefix}coarse_outputs_acc`] = m.coarseAcc;
  return logs;
}

export function epochLogs(train: Metrics, validation: Metrics): EpochLogs {
  return { ...keyed(train, ''), ...keyed(validation, 'val_') };
}

/** History with the keys a model of this kind reports, all empty. */
export function emptyHistory(singleHead: boolean): History {
  const history: History = {};
  for (const key of HISTORY_KEYS) if (!(singleHead && key.includes('coarse'))) history[key] = [];
  return history;
}

export function appendEpoch(history: History, logs: EpochLogs): void {
  for (const key of Object.keys(history) as HistoryKey[]) history[key]!.push(logs[key] ?? Number.NaN);
}

/** Running means over an epoch's batches, weighted by batch size as Keras' progress bar does. */
export class EpochMeans {
  private n = 0;
  private readonly sums = { loss: 0, fineLoss: 0, coarseLoss: 0, fineAcc: 0, coarseAcc: 0 };
  private single = false;

  add(m: Metrics, n: number): void {
    this.n += n;
    this.sums.loss += m.loss * n;
    this.sums.fineLoss += m.fineLoss * n;
    this.sums.fineAcc += m.fineAcc * n;
    this.single = m.coarseLoss === null;
    this.sums.coarseLoss += (m.coarseLoss ?? 0) * n;
    this.sums.coarseAcc += (m.coarseAcc ?? 0) * n;
  }

  get count(): number {
    return this.n;
  }

  mean(): Metrics {
    const n = Math.max(this.n, 1);
    return {
      loss: this.sums.loss / n,
      fineLoss: this.sums.fineLoss / n,
      coarseLoss: this.single ? null : this.sums.coarseLoss / n,
      fineAcc: this.sums.fineAcc / n,
      coarseAcc: this.single ? null : this.sums.coarseAcc / n,
    };
  }
}
