/** The supervisor driving a real worker process: pause/resume, stop, failing trials, malformed IPC. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import type { TrainSettings } from '../../source/protocol/index.js';
import { CIFAR_BEST_PARAMS, CIFAR_SPACE_VERSION, type CifarParams, type Optimizer, cifarSpace, cifarValsFromParams, spaceHash } from '../../source/search/index.js';
import { Store } from '../../source/store/index.js';
import { Supervisor, type SupervisorEvent } from '../../source/supervisor/index.js';
import { WorkerHandle, workerEntry } from '../../source/supervisor/worker-handle.js';
import { smallRelease } from '../helpers/search-run.js';
import { tinyParams } from '../helpers/tiny.js';

/** An optimiser that proposes the given points in turn; tiny networks lie outside the space, so their records are the best point's. */
function fixedPoints(points: CifarParams[]): Optimizer {
  let i = 0;
  return { name: 'random', suggest: () => ({ params: points[i++ % points.length], vals: cifarValsFromParams(CIFAR_BEST_PARAMS) }) };
}

async function setup(t: ExecutionContext, points: CifarParams[], { epochs = 1, maxTrials = 1 } = {}) {
  const { root, data } = smallRelease(t, 300, 100);
  const experiment = { dataset: 'cifar100' as const, epochs, trainLimit: 200, validation: 'holdout' as const, holdout: 100, widthScale: 1, seed: 0, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace) };
  const store = await Store.open(join(root, 'store'), experiment);
  t.teardown(() => store.close());
  const settings: TrainSettings = { dataset: 'cifar100', dataDir: data, epochs, trainLimit: 200, validation: 'holdout', holdout: 100, widthScale: 1, splitSeed: 0 };
  const supervisor = new Supervisor({ store, settings, maxTrials, backend: 'wasm', optimizer: fixedPoints(points), restartBaseMs: 50 });
  const events: SupervisorEvent[] = [];
  supervisor.on((e) => events.push(e));
  const waitFor = async (pred: (e: SupervisorEvent) => boolean, from = 0, ms = 120_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const hit = events.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`timed out; events: ${events.map((e) => e.type).join(',')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { supervisor, store, events, waitFor };
}

test('pause holds the trial at a batch boundary; resume continues the same trial', async (t) => {
  const { supervisor, store, events, waitFor } = await setup(t, [tinyParams({ batch_size: 10 })], { epochs: 6 });
  const done = supervisor.run();
  const first = (await waitFor((e) => e.type === 'batch')) as Extract<SupervisorEvent, { type: 'batch' }>;
  supervisor.pause();
  await waitFor((e) => e.type === 'log' && /paused at a batch boundary/.test(e.message));
  const heldAt = events.length;
  // Held: no progress for a while (the trial trains ~60 batches a second when running).
  await new Promise((r) => setTimeout(r, 800));
  t.false(events.slice(heldAt).some((e) => e.type === 'batch' || e.type === 'epoch' || e.type === 'trial-end'));
  t.is(store.trial(first.trialId)!.state, 'running');
  t.is(supervisor.status, 'paused');
  supervisor.resume();
  const end = (await waitFor((e) => e.type === 'trial-end', heldAt)) as Extract<SupervisorEvent, { type: 'trial-end' }>;
  t.is(end.trial.id, first.trialId);
  t.is(end.trial.state, 'ok');
  t.is(await done, 'finished');
});

test('a pause between trials holds the next one until resumed', async (t) => {
  const { supervisor, events, waitFor } = await setup(t, [tinyParams()], { maxTrials: 2 });
  supervisor.pause();
  const done = supervisor.run();
  await new Promise((r) => setTimeout(r, 500));
  t.false(events.some((e) => e.type === 'trial-start'));
  supervisor.resume();
  await waitFor((e) => e.type === 'trial-start');
  t.is(await done, 'finished');
});

test('stop cancels the running trial at a batch boundary and records it as interrupted', async (t) => {
  const { supervisor, store, waitFor } = await setup(t, [tinyParams({ batch_size: 10 })], { epochs: 20 });
  const done = supervisor.run();
  const batch = (await waitFor((e) => e.type === 'batch')) as Extract<SupervisorEvent, { type: 'batch' }>;
  supervisor.stop();
  t.is(await done, 'stopped');
  t.is(store.trial(batch.trialId)!.state, 'interrupted');
});

test('a diverging trial and a throwing trial are recorded as failed and the search goes on', async (t) => {
  // An L2 factor so large that the penalty overflows float32: the first loss is infinite.
  const diverging = tinyParams({ l2_weight_reg_mult: 1e40, batch_size: 20 });
  const throwing = tinyParams({ batch_size: 0 });
  const { supervisor, store } = await setup(t, [diverging, throwing, tinyParams()], { epochs: 2, maxTrials: 3 });
  t.is(await supervisor.run(), 'finished');
  const [a, b, c] = store.trials;
  t.is(a.state, 'fail');
  t.regex(a.error ?? '', /diverged/);
  t.is(b.state, 'fail');
  t.regex(b.error ?? '', /batch_size/);
  t.is(c.state, 'ok');
});

test('malformed IPC messages are dropped and logged on both sides', async (t) => {
  // Parent side: a stand-in worker sends junk before a valid `ready`.
  const lines: string[] = [];
  const messages: string[] = [];
  const junk = new WorkerHandle(
    { message: (m) => messages.push(m.type), output: (line) => lines.push(line), exit: () => {} },
    process.env,
    fileURLToPath(new URL('fixtures/junk-worker.ts', import.meta.url)),
  );
  junk.start();
  for (const end = Date.now() + 30_000; !messages.includes('ready') && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
  t.deepEqual(messages, ['ready']);
  t.is(lines.filter((l) => /supervisor dropped a malformed message/.test(l)).length, 3);
  junk.send({ type: 'shutdown' });
  await junk.exitPromise();

  // Worker side: the real worker gets junk and says so, then still answers a valid command.
  const got: Record<string, any>[] = [];
  const real = new WorkerHandle({ message: (m) => got.push(m), output: () => {}, exit: () => {} }, { ...process.env, CIFAR_TUI_BACKEND: 'cpu' }, workerEntry());
  real.start();
  const waitGot = async (pred: (m: Record<string, any>) => boolean) => {
    for (const end = Date.now() + 60_000; Date.now() < end; ) {
      if (got.some(pred)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out: ${JSON.stringify(got)}`);
  };
  await waitGot((m) => m.type === 'ready');
  real.send({ type: 'explode' } as never);
  real.send({ type: 'job', job: { kind: 'train' } } as never);
  real.send({ type: 'pause' });
  await waitGot((m) => m.type === 'paused');
  t.is(got.filter((m) => m.type === 'log' && /worker dropped a malformed message/.test(m.message)).length, 2);
  real.send({ type: 'shutdown' });
  await real.exitPromise();
});
