/**
 * The result record of one trial: the reference's fields (seed-spec §3, §8.1) plus what this
 * project adds. Always valid JSON: non-finite numbers become null.
 */
import type { DatasetName } from '../model/network.js';
import type { CifarParams } from '../search/cifar-space.js';
import type { History } from './history.js';
import type { Metrics } from './step.js';

export type Outcome = 'completed' | 'diverged' | 'cancelled' | 'error';

export interface TrialResult {
  /** −max(val_fine_outputs_acc), what the search minimises; null before the first epoch ends. */
  loss: number | null;
  /** Total test loss (weighted heads + L2) after training. */
  real_loss: number | null;
  fine_best_loss: number | null;
  fine_best_accuracy: number | null;
  /** Test set, evaluated once after the last epoch (the reference's `evaluate` score). */
  fine_end_loss: number | null;
  fine_end_accuracy: number | null;
  coarse_best_loss: number | null;
  coarse_best_accuracy: number | null;
  coarse_end_loss: number | null;
  coarse_end_accuracy: number | null;
  model_name: string;
  space: CifarParams;
  history: History;
  status: 'ok' | 'fail';
  err?: string;
  traceback?: string;
  outcome: Outcome;
  dataset: DatasetName;
  validation: 'holdout' | 'test';
  seed: number;
  epochs: number;
  epochs_done: number;
  batch_size: number;
  /** Examples per forward/backward pass; below batch_size, gradients were accumulated. */
  chunk_size: number | null;
  n_train: number;
  n_validation: number;
  n_test: number | null;
  params_count: number | null;
  backend: string;
  /** Wall time of each finished epoch, training and validation. */
  epoch_seconds: number[];
  /** Time spent in training steps, pauses excluded. */
  train_seconds: number;
  /** Training throughput over the whole run. */
  images_per_second: number | null;
  started_at: string;
  ended_at: string;
}

/** Python's `'%.12g' % x`, as the reference formats the accuracy in `model_name`. */
export function formatG12(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x === 0 ? 0 : x);
  const exponent = Math.floor(Math.log10(Math.abs(x)));
  if (exponent < -4 || exponent >= 12) {
    const [mantissa, exp] = x.toExponential(11).split('e');
    const e = Number(exp);
    const trimmed = mantissa.replace(/\.?0+$/, '');
    return `${trimmed}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const fixed = x.toPrecision(12);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function modelName(bestAccuracy: number | null, runId: string): string {
  return `model_${formatG12(bestAccuracy ?? 0)}_${runId}`;
}

/** A deep copy with every NaN or infinite number replaced by null. */
export function finiteJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as T;
}

function finite(values: number[] | undefined): number[] {
  return (values ?? []).filter((v) => Number.isFinite(v));
}

function max(values: number[] | undefined): number | null {
  const f = finite(values);
  return f.length ? Math.max(...f) : null;
}

function min(values: number[] | undefined): number | null {
  const f = finite(values);
  return f.length ? Math.min(...f) : null;
}

/** The reference's summary fields from the history and the final test evaluation. */
export function summaryFields(history: History, end: Metrics | null) {
  const fineBest = max(history.val_fine_outputs_acc);
  return {
    loss: fineBest === null ? null : -fineBest,
    real_loss: end?.loss ?? null,
    fine_best_loss: min(history.val_fine_outputs_loss),
    fine_best_accuracy: fineBest,
    fine_end_loss: end?.fineLoss ?? null,
    fine_end_accuracy: end?.fineAcc ?? null,
    coarse_best_loss: min(history.val_coarse_outputs_loss),
    coarse_best_accuracy: max(history.val_coarse_outputs_acc),
    coarse_end_loss: end?.coarseLoss ?? null,
    coarse_end_accuracy: end?.coarseAcc ?? null,
  };
}
