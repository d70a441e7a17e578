/** Worker start-up faults and unreadable results: the search retries, fails plainly, or fails the trial, and never hangs. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import type { TrainSettings } from '../../source/protocol/index.js';
import { CIFAR_SPACE_VERSION, cifarSpace, randomSearch, spaceHash } from '../../source/search/index.js';
import { Store } from '../../source/store/index.js';
import { Supervisor, type SupervisorEvent } from '../../source/supervisor/index.js';

const entry = fileURLToPath(new URL('fixtures/flaky-worker.ts', import.meta.url));
const settings: TrainSettings = { dataset: 'cifar100', dataDir: '/nonexistent', epochs: 1, trainLimit: null, validation: 'holdout', holdout: 5000, widthScale: 1, splitSeed: 0 };

async function setup(t: ExecutionContext, env: NodeJS.ProcessEnv, maxTrials = 1) {
  const root = mkdtempSync(join(tmpdir(), 'cifar-tui-flaky-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const store = await Store.open(join(root, 'store'), { dataset: 'cifar100', epochs: 1, trainLimit: null, validation: 'holdout', holdout: 5000, widthScale: 1, seed: 0, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace) });
  t.teardown(() => store.close());
  const counter = join(root, 'starts');
  const supervisor = new Supervisor({ store, settings, maxTrials, backend: 'cpu', optimizer: randomSearch(cifarSpace), workerEntry: entry, workerEnv: { ...env, FLAKY_COUNTER: counter }, restartBaseMs: 20, restartMaxMs: 80 });
  const events: SupervisorEvent[] = [];
  supervisor.on((e) => events.push(e));
  return { supervisor, store, events, starts: () => (existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0) };
}

test('a worker that dies while starting is started again with backoff, and the search goes on', async (t) => {
  const { supervisor, store, events, starts } = await setup(t, { FLAKY_DIES: '2' });
  t.is(await supervisor.run(), 'finished');
  t.is(starts(), 3);
  t.is(events.filter((e) => e.type === 'worker-exit').length, 2);
  t.true(events.some((e) => e.type === 'status' && e.status === 'restarting'));
  t.true(events.some((e) => e.type === 'log' && /the worker died while starting \(exit code 3; last output: stand-in start 2 dies\); trying again/.test(e.message)));
  t.deepEqual(store.trials.map((tr) => [tr.state, tr.crashes]), [['ok', 0]]);
});

test('a worker that dies at every start stops the search after five tries, saying why', async (t) => {
  const { supervisor, store, starts } = await setup(t, { FLAKY_DIES: '1000' });
  await t.throwsAsync(supervisor.run(), { message: /^the worker could not start \(5 starts in a row\): exit code 3; last output: stand-in start 5 dies/ });
  t.is(starts(), 5);
  t.is(store.trials.length, 0, 'no trial was started, so none is recorded');
});

test('a start error the worker reports (no backend) stops the search at once with its message', async (t) => {
  const { supervisor, starts } = await setup(t, { FLAKY_MODE: 'error' });
  await t.throwsAsync(supervisor.run(), { message: 'the worker could not start: no backend could start: wasm failed to load (stand-in)' });
  t.is(starts(), 1);
});

test('a result that fails validation fails its trial with the reason, and the search goes on', async (t) => {
  const { supervisor, store, events } = await setup(t, { FLAKY_MODE: 'bad-result' }, 2);
  t.is(await supervisor.run(), 'finished');
  t.deepEqual(store.trials.map((tr) => tr.state), ['fail', 'fail']);
  t.regex(store.trials[0].error!, /^the worker sent an unreadable result: malformed message/);
  t.true(events.some((e) => e.type === 'log' && /supervisor dropped a malformed message/.test(e.message)));
  const file = JSON.parse(readFileSync(join(store.dir, 'results', store.trials[0].resultFile!), 'utf8'));
  t.is(file.status, 'fail');
});

test('each finished trial is reported with its rank among the ok trials so far (ties behind the earlier trial)', async (t) => {
  const { supervisor, store, events } = await setup(t, {}, 12);
  const expected: number[] = [];
  supervisor.on((e) => {
    if (e.type !== 'trial-end') return;
    const loss = e.trial.result!.loss as number;
    expected.push(1 + store.trials.filter((x) => x.id !== e.trial.id && x.state === 'ok' && (x.result!.loss as number) <= loss).length);
  });
  t.is(await supervisor.run(), 'finished');
  const ranks = events.flatMap((e) => (e.type === 'trial-end' ? [e.rank] : []));
  t.is(ranks.length, 12);
  t.deepEqual(ranks, expected);
  t.true(new Set(ranks).size > 3, `varied ranks: ${ranks.join(' ')}`);
});
