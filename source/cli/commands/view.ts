/**
 * `cifar-tui view`: the dashboard on an existing store without starting a search (a finished or
 * imported experiment, or one another process is running: it is re-read when it changes).
 * Without a terminal it prints the ranked trials table instead.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DB_FILE, type LockHolder, Store, lockHolder } from '../../store/index.js';
import { exitAfterHangup, isInteractive, runDashboard } from '../../ui/index.js';
import { plainTable } from '../../ui/plain-table.js';
import type { Command } from '../command.js';
import { STORE_DIR_OPTION, storeDirOf } from '../store-option.js';

/** How often the view checks whether the store changed (a stat of db.json). */
const WATCH_MS = 1000;

export const viewCommand: Command = {
  name: 'view',
  summary: 'open the dashboard on an existing store, without starting a search',
  options: {
    'store-dir': STORE_DIR_OPTION,
    'no-color': { type: 'boolean', description: 'no colours (also NO_COLOR, TERM=dumb)' },
    plain: { type: 'boolean', description: 'print the ranked trials table instead of the dashboard' },
  },
  async run(values, _positionals, ctx) {
    const dir = storeDirOf(values, ctx);
    const store = await Store.openReadOnly(dir);
    const stdout = ctx.stdout as NodeJS.WriteStream;
    if (values.plain || !isInteractive(process.stdin, stdout)) {
      const lines = plainTable(store.trials, { epochs: store.experiment.epochs, width: stdout.columns || 160, env: ctx.env });
      const writer = store.writer ? `search running in ${describeWriter(store.writer)}` : 'no search running';
      ctx.stdout.write(`Store ${store.dir} (${store.experiment.dataset}, ${writer})\n${lines.join('\n')}\n`);
      return 0;
    }
    const dbPath = join(store.dir, DB_FILE);
    let mtime = (await stat(dbPath)).mtimeMs;
    let writer = describeWriter(store.writer);
    const reload = async () => {
      const now = (await stat(dbPath)).mtimeMs;
      const who = describeWriter(await lockHolder(store.dir));
      if (now === mtime && who === writer) return null;
      mtime = now;
      writer = who;
      return { trials: (await Store.openReadOnly(dir)).trials, writer: who };
    };
    const how = await runDashboard({
      store,
      storeDir: store.dir,
      stdout,
      stdin: process.stdin,
      env: ctx.env,
      noColor: Boolean(values['no-color']),
      watch: { intervalMs: WATCH_MS, writer, reload },
    });
    if (how === 'hangup') exitAfterHangup();
    return how === 'signal' ? 130 : 0;
  },
};

function describeWriter(writer: LockHolder | null): string | null {
  return writer ? `process ${writer.pid} on ${writer.host}` : null;
}
