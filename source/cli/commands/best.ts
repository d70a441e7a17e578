/** `cifar-tui best`: the best trial's hyperparameters as JSON, ready to pipe. */
import { Store, rankTrials } from '../../store/index.js';
import type { Command } from '../command.js';
import { STORE_DIR_OPTION, storeDirOf } from '../store-option.js';

export const bestCommand: Command = {
  name: 'best',
  summary: "print the best trial's hyperparameters as JSON",
  options: { 'store-dir': STORE_DIR_OPTION },
  async run(values, _positionals, ctx) {
    const store = await Store.openReadOnly(storeDirOf(values, ctx));
    const [best] = rankTrials(store.trials);
    if (!best) {
      ctx.stderr.write(`cifar-tui: no finished trial in ${store.dir} yet\n`);
      return 1;
    }
    ctx.stdout.write(`${JSON.stringify(best.params, null, 2)}\n`);
    return 0;
  },
};
