/**
 * What a training run reads: batches of normalised NHWC images with their labels. The data
 * module's batches fit `Batch`; `splitSource` and `trialData` adapt its splits.
 */
import { type BatchFeeder, type CifarData, type Split, batches } from '../data/index.js';

export const IMAGE_SIZE = 32 * 32 * 3;

export interface Batch {
  /** size × 32 × 32 × 3, channels last, scaled as x/255 − 0.5. */
  x: Float32Array;
  fine: Uint8Array | Int32Array;
  /** null for CIFAR-10. */
  coarse: Uint8Array | Int32Array | null;
  size: number;
}

export interface BatchSource {
  readonly size: number;
  /**
   * Every example once, in batches of `batchSize` (the last one may be smaller). With `epoch`,
   * a new seeded shuffle per epoch (training); without it, a fixed order (evaluation).
   */
  batches(batchSize: number, epoch?: number): Iterable<Batch> | AsyncIterable<Batch>;
}

export interface TrialData {
  train: BatchSource;
  validation: BatchSource;
  /** Evaluated once, after the last epoch. */
  test?: BatchSource | null;
  /** 'holdout': validation is split off the training set; 'test': it is the test set, as in the reference. */
  validationKind?: 'holdout' | 'test';
}

/**
 * A data-module split as a batch source, shuffled per (seed, epoch). No flip here: the
 * network's RandomFlip layer flips in training.
 */
export function splitSource(split: Pick<Split, 'count' | 'images' | 'fine' | 'coarse'>, seed = 0): BatchSource {
  return {
    size: split.count,
    batches: (batchSize, epoch) =>
      batches(split, { batchSize, seed, epoch: epoch ?? 0, shuffle: epoch !== undefined, flip: false }),
  };
}

/**
 * The same batches as `splitSource`, but training epochs are prepared on `feeder`'s thread while
 * the current step runs, so a native (GPU) step never waits on the uint8 → float conversion.
 */
export function prefetchedSource(split: Pick<Split, 'count' | 'images' | 'fine' | 'coarse'>, feeder: BatchFeeder, seed = 0): BatchSource {
  const plain = splitSource(split, seed);
  return {
    size: split.count,
    batches: (batchSize, epoch) => (epoch === undefined ? plain.batches(batchSize) : feeder.epoch({ batchSize, seed, epoch, shuffle: true, flip: false })),
  };
}

/** The three splits of `loadCifar`'s result as a trial's data; with `feeder` (over `data.train`), training batches are prefetched. */
export function trialData(data: CifarData, seed = 0, feeder?: BatchFeeder): TrialData {
  const sameAsTest = data.validation.images === data.test.images;
  return {
    train: feeder ? prefetchedSource(data.train, feeder, seed) : splitSource(data.train, seed),
    validation: splitSource(data.validation),
    test: splitSource(data.test),
    validationKind: sameAsTest ? 'test' : 'holdout',
  };
}
