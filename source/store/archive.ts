/** `--new-experiment`: the old experiment's files move to `archive/<experiment-id>/`; nothing is deleted. */
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode, ioError } from './errors.js';

/** What belongs to an experiment (DESIGN.md, runtime folders); anything else in the folder stays. */
export const EXPERIMENT_ENTRIES = ['db.json', 'trials', 'results', 'models', 'tensorboard', 'layers'] as const;

export const ARCHIVE_DIR = 'archive';

/** Moves the experiment's entries of `dir` into a fresh `archive/<name>/` and returns its path, or null when there was nothing to move. */
export async function archiveExperiment(dir: string, name: string): Promise<string | null> {
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  const entries = EXPERIMENT_ENTRIES.filter((e) => present.has(e));
  if (entries.length === 0) return null;
  const target = await freshFolder(join(dir, ARCHIVE_DIR), name);
  for (const entry of entries) {
    try {
      await rename(join(dir, entry), join(target, entry));
    } catch (error) {
      throw ioError(join(dir, entry), `move to ${target}`, error);
    }
  }
  return target;
}

async function freshFolder(parent: string, name: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(parent, n === 1 ? name : `${name}-${n}`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if (errnoCode(error) !== 'EEXIST') throw ioError(path, 'create', error);
    }
  }
}
