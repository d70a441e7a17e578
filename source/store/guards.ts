/** Checks made when a store is opened for writing, so that experiments are never mixed. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SEALED_DIR } from './db-file.js';
import { StoreError } from './errors.js';
import { DB_FILE, RESULTS_DIR } from './paths.js';
import type { DbData, ExperimentSettings } from './schema.js';
import { describeSetting, settingDifferences, settingsOf } from './settings.js';

/** An experiment without a single trial (e.g. its first start failed) has nothing to mix up: it may take other settings. */
export function replaceableByOtherSettings(data: DbData, wanted: ExperimentSettings): boolean {
  return data.trials.length === 0 && settingDifferences(settingsOf(data.experiment), wanted).length > 0;
}

/** Refuses a store made with other settings, naming each difference and the ways out. */
export function checkSettings(path: string, data: DbData, wanted: ExperimentSettings): void {
  const differences = settingDifferences(settingsOf(data.experiment), wanted);
  if (differences.length === 0) return;
  const { id, createdAt } = data.experiment;
  const lines = differences.map((d) => `  ${d.key}: ${describeSetting(d.key, d.stored)} in the store, ${describeSetting(d.key, d.wanted)} now`);
  throw new StoreError(
    'mismatch',
    path,
    [
      `${path} holds experiment ${id} (created ${createdAt}, ${data.trials.length} trials), made with other settings:`,
      ...lines,
      'Trials of different settings are never mixed. Run with the settings above to continue that experiment,',
      `or start a new one: --new-experiment (moves this one to archive/${id}/) or another --store-dir.`,
    ].join('\n'),
  );
}

/** Refuses to start an experiment beside the trial files of one whose db.json is gone. */
export async function checkNoOrphans(root: string): Promise<void> {
  for (const folder of [RESULTS_DIR, SEALED_DIR]) {
    const path = join(root, folder);
    const files = await readdir(path).catch(() => [] as string[]);
    if (files.length === 0) continue;
    throw new StoreError(
      'mismatch',
      path,
      `${path} holds ${files.length} files but there is no ${DB_FILE} beside it: they belong to an experiment whose database is gone. ` +
        'Use --new-experiment (moves them to archive/) or another --store-dir.',
    );
  }
}
