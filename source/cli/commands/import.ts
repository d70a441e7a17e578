/** `cifar-tui import DIR`: the reference project's result files become finished trials of the store. */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CIFAR_SPACE_VERSION, cifarSpace, spaceHash } from '../../search/index.js';
import { REFERENCE_SETTINGS, Store, importReferenceResults } from '../../store/index.js';
import { type Command, UsageError } from '../command.js';
import { STORE_DIR_OPTION, storeDirOf } from '../store-option.js';

export const importCommand: Command = {
  name: 'import',
  summary: "import the reference project's result files (results/*.json) as finished trials",
  positionals: 'DIR',
  options: { 'store-dir': STORE_DIR_OPTION },
  async run(values, positionals, ctx) {
    if (positionals.length !== 1) throw new UsageError('import expects one folder of result files (the reference project\'s results/)');
    const dir = resolve(ctx.cwd, positionals[0]);
    const files = await readdir(dir).catch((error: Error) => {
      throw new Error(`cannot read ${dir}: ${error.message}`);
    });
    if (!files.some((f) => f.endsWith('.json'))) {
      ctx.stderr.write(`cifar-tui: no result files (*.json) in ${dir}\n`);
      return 1;
    }
    const storeDir = storeDirOf(values, ctx);
    const previous = await Store.peekSettings(storeDir);
    // A new store gets the settings the imported trials were made with; an existing one keeps its own.
    const settings = previous ? { ...previous, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace) } : REFERENCE_SETTINGS;
    const store = await Store.open(storeDir, settings);
    let report;
    try {
      report = await importReferenceResults(store, dir);
    } finally {
      await store.close();
    }
    for (const warning of report.warnings) ctx.stderr.write(`warning: ${warning}\n`);
    const out = ctx.stdout;
    if (!previous) out.write(`Created experiment ${store.experiment.id} in ${store.dir} with the reference's settings (CIFAR-100, 100 epochs, all training images, the test set as validation).\n`);
    const diverged = report.diverged > 0 ? ` (${report.diverged} diverged runs: ok trials with their best accuracy before the divergence)` : '';
    out.write(`Imported ${report.imported} trials${diverged} into ${store.dir}.\n`);
    if (report.skipped.length > 0) out.write(`Skipped ${report.skipped.length} files whose model is already in the store.\n`);
    if (report.failed.length > 0) {
      ctx.stderr.write(`cifar-tui: ${report.failed.length} files could not be imported (see the warnings above)\n`);
      return 1;
    }
    return 0;
  },
};
