import test from 'ava';
import { seedTrials } from '../helpers/seed-trials.js';
import { mountDashboard, tableRows } from '../helpers/dashboard.js';
import { FakeSupervisor, epochLogs, makeTrial, recordedEvents } from '../helpers/ui-events.js';

const searchInfo = { mode: 'search' as const, epochs: 2, maxTrials: 2 };

test('a recorded search streams into the table, the curves and the header', async (t) => {
  const d = mountDashboard({ model: { trials: [], state: 'starting' }, info: searchInfo, caps: { control: true } }, t.teardown);
  await d.waitFor('… starting');
  const events = recordedEvents();
  const upTo = (type: string, n = 1) => {
    let seen = 0;
    while (events.length) {
      const e = events.shift()!;
      d.model.apply(e);
      if (e.type === type && ++seen === n) return;
    }
  };
  upTo('status');
  let f = await d.waitFor('▶ run');
  t.regex(f, /▶ running │ wasm on CPU \(2 threads, wasm SIMD\)/);
  t.regex(f, /trials 0\/2 done, 1 running/);
  t.regex(f, /trial 0 ▶ running/);
  upTo('batch');
  f = await d.waitFor('1.0/2');
  upTo('epoch');
  f = await d.waitFor('trial 0 ▶ running · epoch 2/2 0%');
  t.regex(tableRows(f)[0]!, /▶ run +0\.00 +11\.00 +- +1\.0\/2 /, 'one epoch done: its validation accuracies are in');
  upTo('trial-end');
  f = await d.waitFor('trials 1/2 done');
  t.regex(tableRows(f)[0]!, /✓ ok/);
  upTo('status', 3);
  f = await d.waitFor('✓ finished');
  t.regex(f, /trials 2\/2 done/);
  t.is(tableRows(f).length, 2);
  d.done();
});

function withRunning() {
  const base = seedTrials().trials;
  const running = makeTrial({
    id: 'fffff',
    number: 42,
    epochs: [0.1, 0.15, 0.2].map((acc, epoch) => ({ epoch, logs: epochLogs(acc), seconds: 30 })),
  });
  return { trials: [...base, running], running };
}

test('the running trial is always visible with its epoch progress (pinned when scrolled out)', async (t) => {
  const { trials, running } = withRunning();
  const d = mountDashboard({ model: { trials, state: 'running' }, info: { mode: 'search', epochs: 100 }, caps: { control: true } }, t.teardown);
  d.model.apply({ type: 'batch', trialId: running.id, epoch: 3, epochs: 100, batch: 49, batches: 100, logs: { loss: 3.1, fine_outputs_acc: 0.22 }, imagesPerSecond: 812 });
  const f = await d.waitFor('epoch 4/100 50%');
  const rows = tableRows(f);
  t.regex(rows.at(-1)!, /^↓ +42 42 ▶ run +18\.00 +30\.00 +- +3\.5\/100 /, 'pinned last, marked ↓');
  t.regex(f, /trial 42 ▶ running · epoch 4\/100 50% · 812 img\/s/);
  t.regex(f, /─ train +━ val +last ─ point: epoch in progress +┄ best #28 val/);
  t.regex(f, /trials 42 done, 1 running │ best 67\.61 % fine \(trial 28\) │ elapsed/);
  d.done();
});

test('p pauses (the header says paused), r resumes; q asks while a trial runs, y quits', async (t) => {
  const { trials } = withRunning();
  const sup = new FakeSupervisor();
  const d = mountDashboard({
    model: { trials, state: 'running' },
    info: { mode: 'search', epochs: 100 },
    caps: { control: true },
    onEffect: (e) => {
      if (e.kind === 'pause') sup.pause();
      if (e.kind === 'resume') sup.resume();
      if (e.kind === 'quit') sup.stop();
    },
  }, t.teardown);
  sup.on(d.model.apply);
  await d.waitFor('▶ running');
  await d.press('p');
  let f = await d.waitFor('‖ paused');
  t.regex(f, /‖ run /, 'the running row shows the pause glyph');
  t.regex(f, /pausing at the next batch boundary/);
  await d.press('r');
  f = await d.waitFor('▶ running │');
  await d.press('q');
  f = await d.waitFor('Quit? Trial 42 is running and will be recorded as interrupted.');
  t.deepEqual(sup.calls, ['pause', 'resume']);
  await d.press('n');
  await d.waitFor('Enter details');
  await d.press('q');
  await d.waitFor('Quit?');
  await d.press('y');
  f = await d.waitFor((x) => x.includes('Stopping the search') && x.includes('… stopping'));
  t.regex(f, /… stopping/);
  t.deepEqual(sup.calls, ['pause', 'resume', 'stop']);
  t.deepEqual(
    d.effects.map((e) => e.kind),
    ['pause', 'resume', 'quit'],
  );
  d.done();
});

test('worker restarts and warnings reach the header and the log panel', async (t) => {
  const d = mountDashboard({ columns: 110, model: { trials: [], state: 'running' }, info: searchInfo, caps: { control: true } }, t.teardown);
  await d.waitFor('Enter details');
  d.model.apply({ type: 'trial-start', trial: makeTrial({ id: 'aaaaa', number: 0 }), rerun: false });
  d.model.apply({ type: 'log', level: 'warn', message: 'low GPU memory: batch split in two', source: 'worker' });
  d.model.apply({ type: 'worker-exit', code: null, signal: 'SIGKILL', trialId: 'aaaaa', restartInMs: 2000 });
  d.model.apply({ type: 'status', status: 'restarting', detail: 'restarting the worker in 2.0 s' });
  let f = await d.waitFor('! worker restarting');
  t.regex(f, /restarting the worker in 2\.0 s/);
  t.regex(f, /│ 2 warnings$/m, 'the header says there is something to read in the log');
  t.regex(f, /! int/, 'the trial it was running is interrupted');
  await d.press('l');
  f = await d.waitFor('Log  2 lines');
  t.regex(f, /! worker low GPU memory: batch split in two/);
  t.regex(f, /! supervisor worker exited \(killed by SIGKILL\); restarting in 2\.0 s/);
  d.done();
});

test('in a terminal too small, q while a trial runs shows the question it asks', async (t) => {
  const { trials } = withRunning();
  const d = mountDashboard({ columns: 50, rows: 12, model: { trials, state: 'running' }, info: { mode: 'search', epochs: 100 }, caps: { control: true } }, t.teardown);
  let f = await d.waitFor('Terminal too small');
  t.regex(f, /\(q quits\)/);
  await d.press('q');
  f = await d.waitFor('Quit?');
  t.regex(f.replace(/\n/g, ' '), /^Quit\? Trial 42 is running and will be recorded as interrupted \(y quit, n stay\)\. Terminal too small: 50×12/);
  t.true(f.split('\n').every((l) => l.length <= 50));
  await d.press('n');
  await d.waitFor('(q quits)');
  d.done();
});
