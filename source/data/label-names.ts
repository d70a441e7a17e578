/** Class names from the release's text files (one name per line; index = line number). */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DatasetSpec } from './datasets.js';
import { DataError } from './errors.js';

export interface LabelNames {
  /** CIFAR-100 fine names, or the 10 CIFAR-10 names. */
  fine: string[];
  coarse: string[] | null;
}

async function readNames(folder: string, file: string, count: number, spec: DatasetSpec): Promise<string[]> {
  const full = path.join(folder, file);
  let text: string;
  try {
    text = await fs.readFile(full, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DataError('missing', `${full} is missing: the ${spec.title} folder is incomplete. Extract ${spec.archiveName} again, or copy ${file} from it.`, full);
    }
    throw error;
  }
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (names.length !== count) {
    throw new DataError(
      'format',
      `${full} lists ${names.length} class names, but ${spec.title} has ${count}. Replace it with the file from the official ${spec.archiveName}.`,
      full,
    );
  }
  return names;
}

export async function readLabelNames(folder: string, spec: DatasetSpec): Promise<LabelNames> {
  const fine = await readNames(folder, spec.fineNamesFile, spec.fineClasses, spec);
  const coarse = spec.coarseNamesFile && spec.coarseClasses ? await readNames(folder, spec.coarseNamesFile, spec.coarseClasses, spec) : null;
  return { fine, coarse };
}
