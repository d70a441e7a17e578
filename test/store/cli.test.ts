import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { CIFAR_BEST_PARAMS } from '../../source/search/index.js';
import { Store } from '../../source/store/index.js';
import { runCli } from '../helpers/cli.js';
import { SEED_RESULTS, tempDir } from '../helpers/store.js';

const seedDir = fileURLToPath(SEED_RESULTS);

test('status, best and export say clearly when there is no store, from --store-dir or CIFAR_TUI_STORE_DIR', async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    for (const args of [['status', '--store-dir', dir], ['best'], ['export', '--json']]) {
      const r = runCli(args, { env: { CIFAR_TUI_STORE_DIR: dir } });
      t.is(r.code, 1, args.join(' '));
      t.is(r.stdout, '');
      t.true(r.stderr.startsWith(`cifar-tui: there is no store in ${dir} (no db.json)`), r.stderr);
    }
    t.is(runCli(['export', '--csv', '--json', '--store-dir', dir]).code, 2);
    t.is(runCli(['import', '--store-dir', dir]).code, 2);
    await mkdir(join(dir, 'empty'));
    const empty = runCli(['import', join(dir, 'empty'), '--store-dir', dir]);
    t.is(empty.code, 1);
    t.regex(empty.stderr, /no result files/);
  } finally {
    await cleanup();
  }
});

test('import, status, best and export on the reference results', async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = join(dir, 'store');
    const first = runCli(['import', seedDir, '--store-dir', store]);
    t.is(first.code, 0, first.stderr);
    t.regex(first.stdout, /^Created experiment [0-9a-f]{8} in .* with the reference's settings/);
    t.regex(first.stdout, /Imported 42 trials \(4 diverged runs: ok trials with their best accuracy before the divergence\)/);
    const second = runCli(['import', seedDir, '--store-dir', store]);
    t.is(second.code, 0);
    t.regex(second.stdout, /Imported 0 trials .*\nSkipped 42 files whose model is already in the store/s);

    const status = runCli(['status', '--store-dir', store]);
    t.is(status.code, 0, status.stderr);
    const lines = status.stdout.trimEnd().split('\n');
    t.is(lines[0], `Store ${store}`);
    t.regex(status.stdout, /cifar100, 100 epochs per trial, all training images, validation on the test set/);
    t.regex(status.stdout, /Trials: 42 \(42 ok; 42 imported\)\nSearch: not running\nBest 10 of 42 finished trials/);
    const table = lines.slice(lines.findIndex((l) => l.includes('rank')) + 1);
    t.is(table.length, 10);
    t.regex(table[0], /^\s+1\s+\d+\s+6066e\s+0\.6761\s+0\.6549\s+0\.7731\s+100\s+Nadam\s+avg/);
    t.regex(table[9], /^\s+10\s/);

    const best = runCli(['best', '--store-dir', store]);
    t.is(best.code, 0);
    t.deepEqual(JSON.parse(best.stdout), CIFAR_BEST_PARAMS);

    const csv = runCli(['export', '--store-dir', store]);
    t.is(csv.code, 0);
    t.is(csv.stdout.trimEnd().split('\n').length, 43);
    t.true(csv.stdout.startsWith('number,id,state,source,'));
    const out = join(dir, 'trials.json');
    const json = runCli(['export', '--json', '--output', out, '--store-dir', store]);
    t.is(json.code, 0);
    t.is(json.stdout, '');
    t.is(json.stderr, `wrote 42 trials to ${out}\n`);
    t.is((JSON.parse(await readFile(out, 'utf8')) as unknown[]).length, 42);

    const settings = await Store.peekSettings(store);
    if (!settings) return t.fail('the import made no store');
    const writer = await Store.open(store, settings);
    try {
      const busy = runCli(['status', '--store-dir', store]);
      t.regex(busy.stdout, new RegExp(`Search: running \\(process ${process.pid} on `));
      const refused = runCli(['import', seedDir, '--store-dir', store]);
      t.is(refused.code, 1);
      t.regex(refused.stderr, /in use by process \d+/);
      // A search on a busy or mismatched store is refused before it touches the data (no download).
      const offline = { CIFAR_TUI_MIRROR: 'http://127.0.0.1:9' };
      const busySearch = runCli(['search', '--plain', '--store-dir', store, '--data-dir', join(dir, 'no-data')], { env: offline });
      t.is(busySearch.code, 1);
      t.regex(busySearch.stderr, /in use by process \d+/);
    } finally {
      await writer.close();
    }
    const mismatch = runCli(['search', '--plain', '--epochs', '2', '--store-dir', store, '--data-dir', join(dir, 'no-data')], { env: { CIFAR_TUI_MIRROR: 'http://127.0.0.1:9' } });
    t.is(mismatch.code, 1);
    t.regex(mismatch.stderr, /made with other settings:\n\s+epochs: 100 in the store, 2 now/);
    t.notRegex(mismatch.stderr, /download|127\.0\.0\.1/i);
  } finally {
    await cleanup();
  }
});
