/**
 * The experiment database (`store/db.json`), versioned. The supervisor is its only writer.
 * The optimiser reads `vals` and the loss; the UI reads the rest.
 */
import type { CifarParams, Vals } from '../search/index.js';
import type { TrialResultRecord } from '../protocol/index.js';

export const STORE_VERSION = 1;

export type DatasetName = 'cifar100' | 'cifar10';
export type ValidationMode = 'holdout' | 'test';

/** Settings that define an experiment: a store made with other values is never mixed in. */
export interface ExperimentSettings {
  dataset: DatasetName;
  /** Epochs per trial. */
  epochs: number;
  /** First N training images (class-balanced), or null for all. */
  trainLimit: number | null;
  validation: ValidationMode;
  /** Training images held out as the validation split (validation 'holdout'). */
  holdout: number;
  /** Multiplies every layer width of the reference network (1 = the reference); for quick CPU runs. */
  widthScale: number;
  seed: number;
  spaceVersion: number;
  spaceHash: string;
}

export interface Experiment extends ExperimentSettings {
  id: string;
  createdAt: string;
}

export type StoredTrialState = 'running' | 'ok' | 'fail' | 'interrupted';

/** One finished epoch: the reference's ten history keys (null when not finite) and its wall time. */
export interface EpochRecord {
  epoch: number;
  logs: Record<string, number | null>;
  seconds: number;
}

/**
 * What db.json keeps of a finished trial's result record: the reference's metrics and ours,
 * without `history`, `space` and `traceback` (those live in the trial's `store/results/` file;
 * `err` is cut to 1,000 characters),
 * so that a write stays fast with thousands of trials.
 */
export const SUMMARY_KEYS = [
  'loss',
  'real_loss',
  'fine_best_loss',
  'fine_best_accuracy',
  'fine_end_loss',
  'fine_end_accuracy',
  'coarse_best_loss',
  'coarse_best_accuracy',
  'coarse_end_loss',
  'coarse_end_accuracy',
  'model_name',
  'status',
  'err',
  'outcome',
  'epochs_done',
  'train_seconds',
  'images_per_second',
  'params_count',
  'backend',
] as const satisfies readonly (keyof TrialResultRecord)[];

export type TrialSummary = Pick<TrialResultRecord, (typeof SUMMARY_KEYS)[number]>;

export interface StoredTrial {
  /** Five hex digits, as the reference's model names end. */
  id: string;
  /** 0-based creation order (Hyperopt's tid). */
  number: number;
  state: StoredTrialState;
  source: 'search' | 'import';
  params: CifarParams;
  vals: Vals;
  /** Seed the trial trains with (weights, shuffles, dropout); 0 for imported trials. */
  seed: number;
  startedAt: string | null;
  endedAt: string | null;
  /** Epochs of a running or interrupted trial; a finished trial's are in its results file. */
  epochs: EpochRecord[];
  /** Summary of the result record (the full record is the results file). */
  result: TrialSummary | null;
  error: string | null;
  /** Times a worker died while running this trial. */
  crashes: number;
  /** `store/results/` file name of a finished trial. */
  resultFile: string | null;
}

/** Retrain and visualisation runs (later issues). */
export interface RunRecord {
  id: string;
  kind: 'retrain' | 'visualize';
  trialId: string;
  state: 'running' | 'ok' | 'fail' | 'interrupted';
  startedAt: string;
  endedAt: string | null;
  error: string | null;
}

/**
 * The database as the Store holds it. On disk, db.json also lists `sealed`: files of
 * `store/trials/` holding older finished trials, 500 per file, which db.json then omits
 * (see db-file.ts); the Store reads them back and `trials` is always every trial.
 */
export interface DbData {
  version: number;
  experiment: Experiment;
  trials: StoredTrial[];
  runs: RunRecord[];
}
