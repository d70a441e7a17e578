/**
 * Loading (worker side, no tfjs): read an extracted release into uint8 NHWC splits and labels,
 * then carve out the validation split and apply the training-set limit.
 */
import path from 'node:path';
import { DATASETS, type DatasetName, type DatasetSpec, IMAGE_BYTES, resolveDataDir } from './datasets.js';
import { DataError } from './errors.js';
import { checkFolder, locateFolder } from './folder.js';
import type { LabelNames } from './label-names.js';
import { LabelScan, decodeRecords, readRecordChunks } from './records.js';
import { type Split, compactInPlace, copySubset, firstBalancedMask, holdoutMask, sharedBytes } from './splits.js';

export interface LoadOptions {
  dataset?: DatasetName;
  /** A data root or an extracted release folder (as --data-dir); default $CIFAR_TUI_DATA_DIR, else ./data. */
  dataDir?: string;
  /** The extracted folder itself (e.g. `ensureDataset(...).folder`); takes precedence over dataDir. */
  folder?: string;
  /** 'holdout' (default): validation = images held out of the training set; 'test': validation = the test set, as the reference did. */
  validation?: 'holdout' | 'test';
  /** Training images held out as validation (default 5,000), class-balanced. */
  holdout?: number;
  /** Use only the first N training images (after the hold-out), class-balanced. */
  trainLimit?: number;
  /** Seed of the hold-out draw. Keep it fixed for a whole search so every trial sees the same split. */
  seed?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface CifarData {
  dataset: DatasetName;
  folder: string;
  classes: { fine: number; coarse: number | null };
  labelNames: LabelNames;
  train: Split;
  /** With validation 'test' this is the test set itself (same arrays). */
  validation: Split;
  test: Split;
  notices: string[];
}

export const DEFAULT_HOLDOUT = 5000;

/** Reads and decodes the record files of one split into a fresh shared-memory split. */
export async function readSplit(spec: DatasetSpec, folder: string, files: { name: string; records: number }[], name: Split['name'], scan: LabelScan): Promise<Split> {
  const count = files.reduce((sum, f) => sum + f.records, 0);
  const out: Split = { name, count, images: sharedBytes(count * IMAGE_BYTES), fine: new Uint8Array(count), coarse: spec.coarseClasses ? new Uint8Array(count) : null };
  let at = 0;
  for (const { name: fileName } of files) {
    const file = path.join(folder, fileName);
    const base = at;
    at += await readRecordChunks(spec, file, (records, n, first) => {
      scan.check(file, records, n, first);
      decodeRecords(spec, records, n, out, base + first);
    });
  }
  return out;
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

export async function loadCifar(options: LoadOptions = {}): Promise<CifarData> {
  const { validation = 'holdout', holdout = DEFAULT_HOLDOUT, seed = 0, trainLimit } = options;
  const spec = DATASETS[options.dataset ?? 'cifar100'];
  if (validation === 'holdout') checkInteger('holdout', holdout, 1);
  if (trainLimit !== undefined) checkInteger('trainLimit', trainLimit, 1);
  const dataDir = resolveDataDir(options.dataDir, options.env, options.cwd);
  const folder = options.folder ?? (await locateFolder(spec, dataDir));
  if (!folder) {
    throw new DataError(
      'not-found',
      `No ${spec.title} data in ${dataDir} (looked for ${spec.trainFiles[0]} there and in ${path.join(dataDir, spec.folder)}). ` +
        `Run 'cifar-tui data${spec.name === 'cifar10' ? ' --dataset cifar10' : ''}' to download it, or pass --data-dir DIR / --archive FILE.`,
      dataDir,
    );
  }
  const report = await checkFolder(folder, spec, { labels: false });
  const notices = [...report.notices];
  const scan = new LabelScan(spec);
  let train = await readSplit(spec, folder, report.files.filter((f) => f.split === 'train'), 'train', scan);
  const test = await readSplit(spec, folder, report.files.filter((f) => f.split === 'test'), 'test', scan);

  let validationSplit: Split;
  if (validation === 'test') {
    validationSplit = { ...test, name: 'validation' };
  } else {
    if (holdout >= train.count) {
      throw new RangeError(`holdout (${holdout}) must be smaller than the ${train.count.toLocaleString('en-US')} training images in ${folder}`);
    }
    const mask = holdoutMask(train.fine, spec.fineClasses, holdout, seed);
    validationSplit = copySubset(train, mask, 1, 'validation');
    train = compactInPlace(train, mask, 0, 'train');
  }
  if (trainLimit !== undefined) {
    if (trainLimit < train.count) train = compactInPlace(train, firstBalancedMask(train.fine, spec.fineClasses, trainLimit), 1, 'train');
    else notices.push(`trainLimit ${trainLimit} ≥ the ${train.count} training images available: all are used.`);
  }
  return {
    dataset: spec.name,
    folder,
    classes: { fine: spec.fineClasses, coarse: spec.coarseClasses },
    labelNames: report.labelNames,
    train,
    validation: validationSplit,
    test,
    notices,
  };
}
