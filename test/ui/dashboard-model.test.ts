import test from 'ava';
import { DashboardModel } from '../../source/ui/model/dashboard-model.js';
import { trialCurves } from '../../source/ui/model/curves.js';
import { seedHistoryLoader, seedTrials } from '../helpers/seed-trials.js';
import { epochLogs, makeTrial, recordedEvents } from '../helpers/ui-events.js';

const waitFor = async (pred: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

test('a burst of progress events becomes a few notifications (coalescing)', async (t) => {
  const model = new DashboardModel({ intervalMs: 100 });
  let notified = 0;
  model.subscribe(() => notified++);
  const trial = makeTrial({ id: 'aaaaa', number: 0 });
  model.apply({ type: 'trial-start', trial, rerun: false });
  for (let i = 0; i < 1000; i++) model.apply({ type: 'batch', trialId: 'aaaaa', epoch: 0, epochs: 2, batch: i, batches: 1000, logs: { loss: 3, fine_outputs_acc: i / 1000 }, imagesPerSecond: 100 });
  await waitFor(() => model.getSnapshot().live?.batch === 1000);
  t.true(notified <= 3, `${notified} notifications`);
  t.is(model.getSnapshot().running?.id, 'aaaaa');
  model.dispose();
});

test('the recorded search: trials, best, finished count, backend and logs', async (t) => {
  const model = new DashboardModel({ intervalMs: 0 });
  for (const e of recordedEvents()) model.apply(e);
  model.flush();
  const s = model.getSnapshot();
  t.is(s.backend, 'wasm');
  t.is(s.device, 'CPU (2 threads, wasm SIMD)');
  t.is(s.trials.length, 2);
  t.is(s.finished, 2);
  t.is(s.state, 'finished');
  t.is(s.running, null);
  t.is(s.live, null);
  t.truthy(s.best);
  t.true(s.logs.some((l) => l.message.includes('epoch 2/2')));
  model.dispose();
});

test('progress: an epoch in progress is a partial point of the running trial', async (t) => {
  const model = new DashboardModel({ intervalMs: 0 });
  const trial = makeTrial({ id: 'bbbbb', number: 3 });
  model.apply({ type: 'trial-start', trial, rerun: false });
  const one = { ...trial, epochs: [{ epoch: 0, logs: epochLogs(0.2), seconds: 10 }] };
  model.apply({ type: 'epoch', trial: one, epoch: 0, epochs: 4, logs: epochLogs(0.2), seconds: 10 });
  model.apply({ type: 'batch', trialId: 'bbbbb', epoch: 1, epochs: 4, batch: 4, batches: 10, logs: { loss: 2.5, fine_outputs_acc: 0.3 }, imagesPerSecond: 50 });
  model.flush();
  const s = model.getSnapshot();
  t.deepEqual(s.live, { trialId: 'bbbbb', epoch: 1, epochs: 4, batch: 5, batches: 10, logs: { loss: 2.5, fine_outputs_acc: 0.3 }, imagesPerSecond: 50 });
  const c = trialCurves(s.running!, s.live);
  t.deepEqual(c.trainAcc, [0.2, 0.3]);
  t.deepEqual(c.valAcc, [0.18]);
  t.is(c.partialAt, 1);
  t.is(c.partialFraction, 0.5);
  // progress of another trial is ignored
  model.apply({ type: 'batch', trialId: 'zzzzz', epoch: 0, epochs: 4, batch: 1, batches: 10, logs: {}, imagesPerSecond: null });
  model.flush();
  t.is(model.getSnapshot().live!.trialId, 'bbbbb');
  model.dispose();
});

test('a dead worker ends the running trial and is logged', async (t) => {
  const model = new DashboardModel({ intervalMs: 0 });
  model.apply({ type: 'trial-start', trial: makeTrial({ id: 'ccccc', number: 0 }), rerun: false });
  model.apply({ type: 'worker-exit', code: 137, signal: null, trialId: 'ccccc', restartInMs: 500 });
  model.apply({ type: 'status', status: 'restarting', detail: 'restarting the worker in 0.5 s' });
  model.flush();
  const s = model.getSnapshot();
  t.is(s.running, null);
  t.is(s.state, 'restarting');
  t.is(s.detail, 'restarting the worker in 0.5 s');
  t.is(s.logs.at(-1)!.message, 'worker exited (exit code 137); restarting in 0.5 s');
  t.is(s.logs.at(-1)!.level, 'warn');
  model.dispose();
});

test('with a source (the store), trials are re-read from it', async (t) => {
  const source = { trials: [makeTrial({ id: 'ddddd', number: 0, state: 'ok' })] };
  const model = new DashboardModel({ source, intervalMs: 0 });
  t.is(model.getSnapshot().trials[0]!.state, 'ok');
  source.trials = [source.trials[0]!, makeTrial({ id: 'eeeee', number: 1 })];
  model.apply({ type: 'trial-start', trial: makeTrial({ id: 'other', number: 9 }), rerun: false });
  model.flush();
  t.deepEqual(
    model.getSnapshot().trials.map((x) => x.id),
    ['ddddd', 'eeeee'],
  );
  t.is(model.getSnapshot().running?.id, 'eeeee', 'the store says which trial runs');
  model.dispose();
});

test('histories of finished trials are loaded on request, once', async (t) => {
  let loads = 0;
  const model = new DashboardModel({
    trials: seedTrials().trials,
    intervalMs: 0,
    loadHistory: (tr) => {
      loads++;
      return seedHistoryLoader(tr);
    },
  });
  const best = model.getSnapshot().best!.trial;
  model.requestHistory(best);
  model.requestHistory(best);
  await waitFor(() => model.getSnapshot().histories.has(best.id));
  t.is(loads, 1);
  const c = trialCurves(best, null, model.getSnapshot().histories.get(best.id));
  t.is(c.valAcc.length, 100);
  t.is(Math.max(...c.valAcc.map((v) => v ?? 0)), 0.6761000108718872);
  model.dispose();
});

test('replacing the trials (view of a store another process writes)', (t) => {
  const model = new DashboardModel({ trials: [], intervalMs: 0, state: 'viewing' });
  model.replaceTrials(seedTrials().trials);
  model.flush();
  t.is(model.getSnapshot().trials.length, 42);
  t.is(model.getSnapshot().best!.trial.number, 28);
  t.is(model.getSnapshot().state, 'viewing');
  model.dispose();
});

test('the log keeps the last lines only', (t) => {
  const model = new DashboardModel({ intervalMs: 0, maxLogs: 5 });
  for (let i = 0; i < 12; i++) model.apply({ type: 'log', level: 'info', message: `line ${i}`, source: 'worker' });
  model.flush();
  t.deepEqual(
    model.getSnapshot().logs.map((l) => l.message),
    ['line 7', 'line 8', 'line 9', 'line 10', 'line 11'],
  );
  model.dispose();
});
