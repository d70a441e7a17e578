/** `cifar-tui export`: every trial, one row each, as CSV or JSON, to stdout or a file. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Store, exportTrials } from '../../store/index.js';
import { type Command, UsageError } from '../command.js';
import { STORE_DIR_OPTION, storeDirOf } from '../store-option.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'write all trials (hyperparameters and metrics, one row each) as CSV or JSON',
  options: {
    csv: { type: 'boolean', description: 'CSV with a header line (default)' },
    json: { type: 'boolean', description: 'a JSON array of objects with the same fields' },
    output: { type: 'string', short: 'o', valueName: 'FILE', description: 'write to FILE instead of stdout' },
    'store-dir': STORE_DIR_OPTION,
  },
  async run(values, _positionals, ctx) {
    if (values.csv && values.json) throw new UsageError('choose one of --csv and --json');
    if (values.output === '') throw new UsageError('--output expects a file name');
    const store = await Store.openReadOnly(storeDirOf(values, ctx));
    const text = exportTrials(store.trials, values.json ? 'json' : 'csv');
    if (values.output === undefined) {
      ctx.stdout.write(text);
      return 0;
    }
    const path = resolve(ctx.cwd, String(values.output));
    await writeFile(path, text);
    ctx.stderr.write(`wrote ${store.trials.length} trials to ${path}\n`);
    return 0;
  },
};
