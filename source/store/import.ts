/**
 * `cifar-tui import DIR`: the reference project's result files become finished trials, so TPE
 * warm-starts from them. Files are taken in the order of their 5-hex id (random, so the order
 * says nothing about accuracy; file-name order would be accuracy order, which TPE's linear
 * forgetting would read as recency). A file whose model is already in the store is skipped; a
 * bad file is reported and skipped, and the others are imported.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ioError } from './errors.js';
import { type ReferenceTrial, convertReferenceFile } from './reference.js';
import { summarize } from './result-file.js';
import type { StoredTrial } from './schema.js';
import { REFERENCE_SETTINGS, describeSetting, settingDifferences, settingsOf } from './settings.js';
import type { Store } from './store.js';

export interface ImportReport {
  imported: number;
  /** Diverged runs among the imported (NaN in their history). */
  diverged: number;
  /** Files whose model was already in the store. */
  skipped: string[];
  /** Files that could not be imported. */
  failed: string[];
  /** One line per failed file, per changed id, and about settings that differ from the reference's. */
  warnings: string[];
}

export async function importReferenceResults(store: Store, dir: string): Promise<ImportReport> {
  const root = resolve(dir);
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    throw ioError(root, 'read the folder', error);
  }
  const report: ImportReport = { imported: 0, diverged: 0, skipped: [], failed: [], warnings: [] };
  const converted: { name: string; trial: ReferenceTrial }[] = [];
  for (const name of names) {
    try {
      converted.push({ name, trial: convertReferenceFile(await readFile(join(root, name), 'utf8')) });
    } catch (error) {
      report.failed.push(name);
      report.warnings.push(`${join(root, name)}: ${(error as Error).message}; skipped`);
    }
  }
  converted.sort((a, b) => (a.trial.id < b.trial.id ? -1 : a.trial.id > b.trial.id ? 1 : a.name < b.name ? -1 : 1));

  const models = new Set(store.trials.map((t) => t.result?.model_name));
  const ids = new Set(store.trials.map((t) => t.id));
  const trials: StoredTrial[] = [];
  let number = store.nextNumber();
  for (const { name, trial } of converted) {
    if (models.has(trial.modelName)) {
      report.skipped.push(name);
      continue;
    }
    models.add(trial.modelName);
    let id = trial.id;
    if (ids.has(id)) {
      id = store.newTrialId();
      report.warnings.push(`${name}: id ${trial.id} is taken in this store; imported as trial ${id}`);
    }
    ids.add(id);
    const resultFile = `${trial.modelName}.txt.json`;
    const ok = typeof trial.record.loss === 'number';
    const record = ok ? trial.record : { ...trial.record, status: 'fail' as const };
    await store.writeResultFile(resultFile, { ...record, import: { file: join(root, name) } });
    trials.push({
      id,
      number: number++,
      state: ok ? 'ok' : 'fail',
      source: 'import',
      params: trial.params,
      vals: trial.vals,
      seed: 0,
      startedAt: null,
      endedAt: null,
      epochs: [],
      result: summarize(record),
      error: ok ? null : 'diverged before its first epoch ended',
      crashes: 0,
      resultFile,
    });
    if (trial.divergedAt !== null) report.diverged++;
  }
  if (trials.length > 0) await store.addTrials(trials);
  report.imported = trials.length;

  const differences = settingDifferences(settingsOf(store.experiment), REFERENCE_SETTINGS).filter((d) => ['dataset', 'epochs', 'trainLimit', 'validation', 'widthScale'].includes(d.key));
  if (trials.length > 0 && differences.length > 0) {
    const list = differences.map((d) => `${d.key} ${describeSetting(d.key, d.stored)} (reference: ${describeSetting(d.key, d.wanted)})`).join(', ');
    report.warnings.push(`the imported trials were trained with the reference's settings, this experiment uses ${list}: TPE will compare their losses with this experiment's as if alike`);
  }
  return report;
}
