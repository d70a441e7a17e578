/** The search end to end: the real CLI, a real worker process, tiny networks on real images. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { cifarSpace, tpe } from '../../source/search/index.js';
import { Store } from '../../source/store/index.js';
import { suggestionSeed } from '../../source/supervisor/index.js';
import { TINY_FLAGS, smallRelease, startSearch } from '../helpers/search-run.js';

test('3 trials of 2 epochs, then --max-trials 5 adds two that TPE chose from the first three', async (t) => {
  const { root, data } = smallRelease(t);
  const store = join(root, 'store');
  const common = ['--store-dir', store, '--data-dir', data, '--epochs', '2', '--tpe-startup', '2', ...TINY_FLAGS];
  const first = startSearch([...common, '--max-trials', '3']);
  t.is(await first.exit, 0, first.stderr());
  const ends = first.events.filter((e) => e.type === 'trial-end');
  t.is(ends.length, 3);
  t.is(first.events.filter((e) => e.type === 'epoch').length, 6, 'two epoch events per trial');
  let db = await Store.openReadOnly(store);
  t.deepEqual(db.trials.map((tr) => tr.number), [0, 1, 2]);
  t.true(db.trials.every((tr) => tr.state === 'ok' || tr.state === 'fail'));
  t.log(`states: ${db.trials.map((tr) => `${tr.state}${tr.error ? ` (${tr.error})` : ''}`).join(', ')}`);
  t.true(db.trials.filter((tr) => tr.state === 'ok').length >= 2, 'tiny networks on real images train: most trials finish ok');
  for (const tr of db.trials.filter((x) => x.state === 'ok')) t.is((await db.loadResult(tr))!.history.val_fine_outputs_acc!.length, 2);
  const results = readdirSync(join(store, 'results'));
  t.is(results.length, 3);
  for (const file of results) JSON.parse(readFileSync(join(store, 'results', file), 'utf8'));
  const firstThree = db.optimizerHistory();

  const second = startSearch([...common, '--max-trials', '5']);
  t.is(await second.exit, 0, second.stderr());
  db = await Store.openReadOnly(store);
  t.is(db.trials.length, 5);
  t.is(readdirSync(join(store, 'results')).length, 5);
  // Trial 3 is exactly what TPE suggests from the first three trials with its derived seed.
  const expected = tpe(cifarSpace, { startup: 2 }).suggest(firstThree, suggestionSeed(0, 3));
  t.deepEqual(db.trials[3].vals, expected.vals);
  t.false(existsSync(join(store, 'store.lock')), 'the writer lock is released on exit');
});

test('Ctrl-C (SIGINT to the whole process group) stops cleanly: exit 130, the running trial is interrupted, not crashed, and re-run first', async (t) => {
  const { root, data } = smallRelease(t);
  const store = join(root, 'store');
  const common = ['--store-dir', store, '--data-dir', data, '--epochs', '2', ...TINY_FLAGS];
  const run = startSearch([...common, '--max-trials', '2'], {}, { group: true });
  t.teardown(() => {
    if (run.child.exitCode === null) process.kill(-run.child.pid!, 'SIGKILL');
  });
  const started = await run.waitFor((e) => e.type === 'batch');
  // What a terminal does on Ctrl-C: the parent and its worker both get SIGINT.
  process.kill(-run.child.pid!, 'SIGINT');
  t.is(await run.exit, 130, run.stderr());
  t.false(run.events.some((e) => e.type === 'worker-exit'), 'the worker is not killed by the Ctrl-C: it is shut down by the supervisor');
  let db = await Store.openReadOnly(store);
  const interrupted = db.trials.find((tr) => tr.id === started.trialId)!;
  t.is(interrupted.state, 'interrupted');
  t.is(interrupted.crashes, 0, 'a Ctrl-C is not a crash of the point');
  const again = startSearch([...common, '--max-trials', '1']);
  const rerun = await again.waitFor((e) => e.type === 'trial-start');
  t.is(rerun.trial.id, started.trialId);
  t.true(rerun.rerun);
  t.is(await again.exit, 0, again.stderr());
  db = await Store.openReadOnly(store);
  t.true(['ok', 'fail'].includes(db.trials.find((tr) => tr.id === started.trialId)!.state));
});

test('a parent killed outright leaves a readable store, and its worker exits on its own (disconnect)', async (t) => {
  const { root, data } = smallRelease(t);
  const store = join(root, 'store');
  const run = startSearch(['--store-dir', store, '--data-dir', data, '--epochs', '3', '--max-trials', '2', ...TINY_FLAGS]);
  const ready = await run.waitFor((e) => e.type === 'ready');
  const batch = await run.waitFor((e) => e.type === 'batch');
  run.child.kill('SIGKILL');
  await run.exit;
  const alive = () => {
    try {
      process.kill(ready.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const end = Date.now() + 10_000;
  while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  t.false(alive(), 'the worker exits when its parent is gone');
  const db = await Store.openReadOnly(store);
  t.is(db.trials.find((tr) => tr.id === batch.trialId)?.state, 'running', 'as the parent left it; the next start turns it into interrupted');
});
