/** What each CIFAR binary release looks like: archive, checksum, folder, files and record layout. */
import path from 'node:path';

export type DatasetName = 'cifar100' | 'cifar10';
export const DATASET_NAMES: readonly DatasetName[] = ['cifar100', 'cifar10'];

/** Bytes of one image: 32×32 pixels, R plane then G plane then B plane. */
export const IMAGE_BYTES = 3072;
export const IMAGE_SIZE = 32;
export const CHANNELS = 3;

export interface DatasetSpec {
  name: DatasetName;
  title: string;
  archiveName: string;
  /** MD5 of the official archive. */
  md5: string;
  /** MD5 of the same dataset's Python release, recognised to give a better error. */
  pythonMd5: string;
  /** The folder the archive extracts to. */
  folder: string;
  trainFiles: readonly string[];
  testFiles: readonly string[];
  /** Label bytes before the pixels: [coarse, fine] for CIFAR-100, [label] for CIFAR-10. */
  labelBytes: number;
  recordBytes: number;
  fineClasses: number;
  coarseClasses: number | null;
  fineNamesFile: string;
  coarseNamesFile: string | null;
  officialTrain: number;
  officialTest: number;
}

export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = {
  cifar100: {
    name: 'cifar100',
    title: 'CIFAR-100',
    archiveName: 'cifar-100-binary.tar.gz',
    md5: '03b5dce01913d631647c71ecec9e9cb8',
    pythonMd5: 'eb9058c3a382ffc7106e4002c42a8d85',
    folder: 'cifar-100-binary',
    trainFiles: ['train.bin'],
    testFiles: ['test.bin'],
    labelBytes: 2,
    recordBytes: 2 + IMAGE_BYTES,
    fineClasses: 100,
    coarseClasses: 20,
    fineNamesFile: 'fine_label_names.txt',
    coarseNamesFile: 'coarse_label_names.txt',
    officialTrain: 50_000,
    officialTest: 10_000,
  },
  cifar10: {
    name: 'cifar10',
    title: 'CIFAR-10',
    archiveName: 'cifar-10-binary.tar.gz',
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    pythonMd5: 'c58f30108f718f92721af3b95e74349a',
    folder: 'cifar-10-batches-bin',
    trainFiles: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
    testFiles: ['test_batch.bin'],
    labelBytes: 1,
    recordBytes: 1 + IMAGE_BYTES,
    fineClasses: 10,
    coarseClasses: null,
    fineNamesFile: 'batches.meta.txt',
    coarseNamesFile: null,
    officialTrain: 50_000,
    officialTest: 10_000,
  },
};

/** The other dataset, used to recognise a file or folder given for the wrong one. */
export function otherDataset(spec: DatasetSpec): DatasetSpec {
  return spec.name === 'cifar100' ? DATASETS.cifar10 : DATASETS.cifar100;
}

export const DEFAULT_MIRROR = 'https://www.cs.toronto.edu/~kriz';

/** Base URL of the download site: the option, else $CIFAR_TUI_MIRROR, else the dataset authors' site. */
export function resolveMirror(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return (option || env.CIFAR_TUI_MIRROR || DEFAULT_MIRROR).replace(/\/+$/, '');
}

export function archiveUrl(spec: DatasetSpec, mirror: string): string {
  return `${mirror}/${spec.archiveName}`;
}

/** The data root: --data-dir, else $CIFAR_TUI_DATA_DIR, else `data/` in the working directory. */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, option || env.CIFAR_TUI_DATA_DIR || 'data');
}
