/** Finding and checking an extracted release folder (no archive checksum there: sizes, labels, names). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type DatasetName, type DatasetSpec, otherDataset } from './datasets.js';
import { DataError } from './errors.js';
import { type LabelNames, readLabelNames } from './label-names.js';
import { LabelScan, readRecordChunks, recordCount } from './records.js';

export interface FolderReport {
  dataset: DatasetName;
  folder: string;
  files: { name: string; split: 'train' | 'test'; records: number }[];
  trainRecords: number;
  testRecords: number;
  labelNames: LabelNames;
  /** Things the user should know that are not errors (e.g. a smaller set than the release). */
  notices: string[];
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function holdsFilesOf(dir: string, spec: DatasetSpec): Promise<boolean> {
  for (const name of [...spec.trainFiles, ...spec.testFiles]) if (await exists(path.join(dir, name))) return true;
  return false;
}

/**
 * The extracted folder under a data root: the root itself when it holds the release files
 * (e.g. `--data-dir ../shared/cifar100-sample`), else `<root>/<release folder>`, else null.
 */
export async function locateFolder(spec: DatasetSpec, dataDir: string): Promise<string | null> {
  if (await holdsFilesOf(dataDir, spec)) return dataDir;
  const other = otherDataset(spec);
  if (await holdsFilesOf(dataDir, other)) {
    throw new DataError(
      'format',
      `${dataDir} holds ${other.title} files (${[...other.trainFiles.slice(0, 1), ...other.testFiles].join(', ')}), not ${spec.title}. ` +
        `Pass --dataset ${other.name} to use it, or point --data-dir at a ${spec.title} folder (${spec.folder}).`,
      dataDir,
    );
  }
  const nested = path.join(dataDir, spec.folder);
  const stat = await fs.stat(nested).catch(() => null);
  if (stat?.isDirectory()) return nested;
  for (const folder of [dataDir, path.join(dataDir, PYTHON_FOLDERS[spec.name])]) {
    if (await holdsPythonRelease(folder, spec)) {
      throw new DataError(
        'format',
        `${folder} holds the Python release of ${spec.title} (pickled files), but cifar-tui reads the binary release. ` +
          `Download ${spec.archiveName} instead (cifar-tui data${spec.name === 'cifar10' ? ' --dataset cifar10' : ''} does it), or pass it with --archive FILE.`,
        folder,
      );
    }
  }
  return null;
}

/** Where the Python releases extract to, and the files that mark them. */
const PYTHON_FOLDERS: Record<DatasetSpec['name'], string> = { cifar100: 'cifar-100-python', cifar10: 'cifar-10-batches-py' };
const PYTHON_FILES: Record<DatasetSpec['name'], readonly string[]> = { cifar100: ['train', 'test', 'meta'], cifar10: ['data_batch_1', 'test_batch', 'batches.meta'] };

async function holdsPythonRelease(folder: string, spec: DatasetSpec): Promise<boolean> {
  const found = await Promise.all(PYTHON_FILES[spec.name].map((f) => fs.stat(path.join(folder, f)).then((s) => s.isFile(), () => false)));
  return found.every(Boolean);
}

async function fileRecords(spec: DatasetSpec, folder: string, name: string): Promise<number> {
  const file = path.join(folder, name);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) {
    throw new DataError(
      'missing',
      `${file} is missing: ${folder} is not a complete ${spec.title} folder (it needs ${[...spec.trainFiles, ...spec.testFiles].join(', ')}). ` +
        (path.basename(folder) === spec.folder
          ? `Extract ${spec.archiveName} again, or delete ${folder} so that it is installed afresh.`
          : `Copy the missing file there, or point --data-dir at a complete ${spec.title} folder.`),
      file,
    );
  }
  return recordCount(spec, file, stat.size);
}

/**
 * Checks a folder: every data file present and a whole number of records, the label names files,
 * and (with `labels`, default true) every record's labels. A smaller set than the release is accepted
 * with a notice.
 */
export async function checkFolder(folder: string, spec: DatasetSpec, { labels = true } = {}): Promise<FolderReport> {
  const files: FolderReport['files'] = [];
  for (const [split, names] of [
    ['train', spec.trainFiles],
    ['test', spec.testFiles],
  ] as const) {
    for (const name of names) files.push({ name, split, records: await fileRecords(spec, folder, name) });
  }
  const labelNames = await readLabelNames(folder, spec);
  const trainCounts = new Uint32Array(spec.fineClasses);
  if (labels) {
    const scan = new LabelScan(spec);
    for (const { name, split } of files) {
      const file = path.join(folder, name);
      await readRecordChunks(spec, file, (records, count, first) => {
        scan.check(file, records, count, first);
        if (split === 'train') for (let i = 0; i < count; i++) trainCounts[records[i * spec.recordBytes + spec.labelBytes - 1]]++;
      });
    }
  }
  const trainRecords = files.filter((f) => f.split === 'train').reduce((sum, f) => sum + f.records, 0);
  const testRecords = files.filter((f) => f.split === 'test').reduce((sum, f) => sum + f.records, 0);
  const notices: string[] = [];
  if (trainRecords !== spec.officialTrain || testRecords !== spec.officialTest) {
    const fmt = (n: number) => n.toLocaleString('en-US');
    notices.push(
      `${folder} holds ${trainRecords < spec.officialTrain ? 'a smaller set than' : 'a different set from'} the official release: ` +
        `${fmt(trainRecords)} training and ${fmt(testRecords)} test records (official: ${fmt(spec.officialTrain)} and ${fmt(spec.officialTest)}). ` +
        'Fine for tests and quick runs; accuracies are not comparable with runs on the full set.',
    );
  }
  if (labels) {
    const empty = trainCounts.filter((n) => n === 0).length;
    if (empty > 0) notices.push(`${empty} of ${spec.fineClasses} classes have no training images in ${folder}.`);
  }
  return { dataset: spec.name, folder, files, trainRecords, testRecords, labelNames, notices };
}
