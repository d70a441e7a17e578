/**
 * CIFAR-100 / CIFAR-10 data. No tfjs here (tensors.ts is the one file that loads it; import it directly).
 *
 * Parent side (downloads, no tfjs):
 *   ensureDataset({ dataset, dataDir, archive, mirror, onEvent }) → { folder, trainRecords, testRecords, labelNames, notices, action }
 *     Uses an extracted folder (--data-dir is a data root or the release folder itself), else extracts
 *     the archive (--archive, or <dataDir>/<release>.tar.gz), else downloads it (resumable, MD5-checked).
 *     Failures throw DataError (code, message naming the file and the fix).
 *
 * Worker side (reads, never downloads):
 *   loadCifar({ dataset, dataDir | folder, validation: 'holdout' | 'test', holdout: 5000, trainLimit?, seed })
 *     → { train, validation, test, labelNames, classes, notices }
 *     Each split: { count, images: Uint8Array (count×32×32×3, NHWC, shared memory), fine: Uint8Array, coarse: Uint8Array | null }.
 *     'holdout': 5,000 training images held out, seeded and class-balanced (keep the seed fixed per search);
 *     'test': validation is the test set, as the reference did. trainLimit: first N images, class-balanced.
 *   batches(split, { batchSize, seed, epoch, shuffle = true, flip = false }) → Generator<Batch>
 *     Batch = { x: Float32Array (x/255 − 0.5, NHWC), fine: Int32Array, coarse: Int32Array | null, size, index, epoch }.
 *     A new seeded permutation per (seed, epoch); flip = random left–right flip with p = 0.5 (training only).
 *   new BatchFeeder(split, { depth: 2 }).epoch(options) → AsyncGenerator<Batch>, the same batches prepared on a
 *     worker thread `depth` ahead (use it with a GPU backend); close() when done.
 *   batchToTensors(batch, classes) in ./tensors.js → { x: Tensor4D, fine, coarse } one-hot tensors.
 */
export { DATASETS, DATASET_NAMES, DEFAULT_MIRROR, type DatasetName, type DatasetSpec, IMAGE_BYTES, resolveDataDir, resolveMirror } from './datasets.js';
export { DataError, type DataErrorCode } from './errors.js';
export { type EnsureEvent, type EnsureOptions, type EnsureResult, ensureDataset } from './ensure.js';
export { type FolderReport, checkFolder, locateFolder } from './folder.js';
export type { LabelNames } from './label-names.js';
export { type CifarData, DEFAULT_HOLDOUT, type LoadOptions, loadCifar } from './load.js';
export type { Split } from './splits.js';
export { type Batch, type BatchOptions, type BatchSource, batches, epochPlan } from './batches.js';
export { BatchFeeder } from './prefetch.js';
export { ProgressDisplay } from './progress.js';
