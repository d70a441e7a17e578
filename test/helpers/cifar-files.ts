/** Generated files in the official CIFAR binary formats, temp folders, and the path of the real sample. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS, type DatasetName } from '../../source/data/datasets.js';
import { Rng } from '../../source/search/rng.js';
import type { TarEntry } from './tar-writer.js';

/** ../shared/cifar100-sample beside the repository (real images, 10,000 train / 5,000 test). */
export const SAMPLE_DIR = fileURLToPath(new URL('../../../shared/cifar100-sample/', import.meta.url)).replace(/\/$/, '');

/** A fresh temp folder, removed when the test ends. */
export function tempDir(t: { teardown: (fn: () => void) => void }, prefix = 'cifar-tui-data-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function md5(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/**
 * `count` records of random pixels. Labels rotate through the classes (record k: fine k % classes);
 * CIFAR-100 coarse = fine % 20, a consistent mapping.
 */
export function makeRecords(dataset: DatasetName, count: number, seed = 1): Buffer {
  const spec = DATASETS[dataset];
  const out = Buffer.alloc(count * spec.recordBytes);
  const rng = new Rng(seed);
  for (let k = 0; k < count; k++) {
    const at = k * spec.recordBytes;
    const fine = k % spec.fineClasses;
    if (spec.coarseClasses) {
      out[at] = fine % spec.coarseClasses;
      out[at + 1] = fine;
    } else {
      out[at] = fine;
    }
    for (let i = at + spec.labelBytes; i < at + spec.recordBytes; i += 4) {
      const word = rng.nextUint32();
      out[i] = word & 255;
      out[i + 1] = (word >>> 8) & 255;
      out[i + 2] = (word >>> 16) & 255;
      out[i + 3] = word >>> 24;
    }
  }
  return out;
}

function names(prefix: string, n: number): string {
  return `${Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n')}\n`;
}

/** The files of a release folder (relative name → bytes), with `train`/`test` records in all. */
export function releaseFiles(dataset: DatasetName, train: number, test: number, seed = 1): Map<string, Buffer> {
  const spec = DATASETS[dataset];
  const files = new Map<string, Buffer>();
  const all = makeRecords(dataset, train, seed);
  const per = Math.ceil(train / spec.trainFiles.length);
  spec.trainFiles.forEach((name, i) => files.set(name, all.subarray(i * per * spec.recordBytes, Math.min(train, (i + 1) * per) * spec.recordBytes)));
  files.set(spec.testFiles[0], makeRecords(dataset, test, seed + 1));
  files.set(spec.fineNamesFile, Buffer.from(names('fine', spec.fineClasses)));
  if (spec.coarseNamesFile && spec.coarseClasses) files.set(spec.coarseNamesFile, Buffer.from(names('coarse', spec.coarseClasses)));
  return files;
}

/** Writes a release folder `<dir>/<release folder>`; returns its path. */
export function writeRelease(dir: string, dataset: DatasetName, train: number, test: number, seed = 1): string {
  const folder = path.join(dir, DATASETS[dataset].folder);
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, data] of releaseFiles(dataset, train, test, seed)) fs.writeFileSync(path.join(folder, name), data);
  return folder;
}

/** Tar entries of a release, laid out as the official archive (`<release folder>/<file>`). */
export function releaseEntries(dataset: DatasetName, train: number, test: number, seed = 1): TarEntry[] {
  const folder = DATASETS[dataset].folder;
  return [{ name: `${folder}/`, type: '5' }, ...[...releaseFiles(dataset, train, test, seed)].map(([name, data]) => ({ name: `${folder}/${name}`, data }))];
}
