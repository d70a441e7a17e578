/** What real machines do to a long search: workers killed mid-epoch, over and over. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { Store } from '../../source/store/index.js';
import { type Event, TINY_FLAGS, smallRelease, startSearch } from '../helpers/search-run.js';

/** Kills the worker on the first batch of each listed trial attempt; keeps parsing db.json meanwhile. */
async function killDuring(run: ReturnType<typeof startSearch>, store: string, shouldKill: (trialNumber: number, attempt: number) => boolean, onParse: () => void) {
  const attempts = new Map<string, number>();
  const handled = new Set<Event>();
  let pid: number | null = null;
  let trialNumber = -1;
  for (;;) {
    const exited = await Promise.race([run.exit.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 10))]);
    if (existsSync(join(store, 'db.json'))) {
      JSON.parse(readFileSync(join(store, 'db.json'), 'utf8'));
      onParse();
    }
    for (const e of run.events) {
      if (handled.has(e)) continue;
      handled.add(e);
      if (e.type === 'ready') pid = e.pid;
      if (e.type === 'trial-start') {
        trialNumber = e.trial.number;
        attempts.set(e.trial.id, (attempts.get(e.trial.id) ?? 0) + 1);
      }
      if (e.type === 'batch' && pid !== null && shouldKill(trialNumber, attempts.get(e.trialId) ?? 1)) {
        process.kill(pid, 'SIGKILL');
        pid = null;
      }
    }
    if (exited) return;
  }
}

test('a worker SIGKILLed mid-epoch again and again: no finished trial is lost, the killed ones are re-run', async (t) => {
  const { root, data } = smallRelease(t);
  const store = join(root, 'store');
  const run = startSearch(['--store-dir', store, '--data-dir', data, '--epochs', '1', '--max-trials', '3', ...TINY_FLAGS]);
  let parses = 0;
  // Trial 0 dies twice, trials 1 and 2 once each: four kills in one run.
  await killDuring(run, store, (n, attempt) => (n === 0 ? attempt <= 2 : attempt === 1), () => parses++);
  t.is(await run.exit, 0, run.stderr());
  t.true(parses > 10);
  const db = await Store.openReadOnly(store);
  t.deepEqual(db.trials.map((tr) => tr.number), [0, 1, 2]);
  t.deepEqual(db.trials.map((tr) => tr.crashes), [2, 1, 1]);
  t.true(db.trials.every((tr) => tr.state === 'ok' || tr.state === 'fail'));
  t.is(run.events.filter((e) => e.type === 'worker-exit').length, 4);
  const reruns = run.events.filter((e) => e.type === 'trial-start' && e.rerun);
  t.is(reruns.length, 4);
});

test('a point that kills its worker three times is recorded as failed, and the search goes on', async (t) => {
  const { root, data } = smallRelease(t);
  const store = join(root, 'store');
  const run = startSearch(['--store-dir', store, '--data-dir', data, '--epochs', '1', '--max-trials', '2', ...TINY_FLAGS]);
  await killDuring(run, store, (n) => n === 0, () => {});
  t.is(await run.exit, 0, run.stderr());
  const db = await Store.openReadOnly(store);
  const [poison, next] = db.trials;
  t.is(poison.state, 'fail');
  t.is(poison.crashes, 3);
  t.regex(poison.error!, /the worker died 3 times while training this point \(last: killed by SIGKILL/);
  const file = JSON.parse(readFileSync(join(store, 'results', poison.resultFile!), 'utf8'));
  t.is(file.status, 'fail');
  t.is(file.outcome, 'crashed');
  t.is(file.err, poison.error);
  t.true(next.state === 'ok' || next.state === 'fail');
  t.is(next.crashes, 0);
});
