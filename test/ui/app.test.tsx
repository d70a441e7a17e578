import test from 'ava';
import { BINDINGS } from '../../source/ui/keys/registry.js';
import { tableRows, mountDashboard } from '../helpers/dashboard.js';
import { KEYS } from '../helpers/ink.js';

const lines = (f: string) => f.split('\n');

test('80×24: header, ranked table, curves and key bar in rows − 1 lines', async (t) => {
  const d = mountDashboard({}, t.teardown);
  const f = await d.waitFor('100 epochs');
  t.is(lines(f).length, 23);
  t.regex(lines(f)[0]!, /^cifar-tui +view \(read-only\) │ no worker │ cifar100 │ \/data\/experiments\/store/);
  t.regex(lines(f)[1]!, /trials 42 done │ best 67\.61 % fine \(trial 28\)/);
  const rows = tableRows(f);
  t.regex(rows[0]!, /^> +1 28 ✓ ok +67\.61 +77\.31 +65\.49 100\/100 +- Nadam avg +3 +3 0\.65 0\.41 320$/);
  t.regex(rows[1]!, /^ +2 +6 ✓ ok +66\.83/);
  t.is(rows.length, 9);
  t.regex(f, /trial 28 ✓ ok · 100 epochs/);
  t.regex(lines(f).at(-1)!, /^q quit +Enter details +s sort/);
  d.done();
});

test('sorting by another column and reversing it', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–9 of 42');
  await d.press('s');
  let f = await d.waitFor('sort coarse acc ▼');
  t.regex(tableRows(f)[0]!, /^> +3 38 /, 'highest coarse accuracy: trial 38');
  await d.press('i');
  f = await d.waitFor('sort coarse acc ▲');
  t.regex(tableRows(f)[0]!, /^> +42 15 /, 'reversed: the diverged trial 15 first');
  d.done();
});

test('selection moves with j/k, PgDn and G, and the window scrolls', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–9 of 42');
  await d.press('j');
  await d.press('j');
  let f = await d.waitFor((x) => tableRows(x)[2]!.startsWith('>'));
  t.regex(tableRows(f)[2]!, /^> +3 38 /);
  await d.press('G');
  f = await d.waitFor('34–42 of 42');
  t.regex(tableRows(f).at(-1)!, /^> +42 15 /);
  await d.press('g');
  await d.press(KEYS.pageDown);
  f = await d.waitFor((x) => /^> +9 36 /.test(tableRows(x).find((r) => r.startsWith('>')) ?? ''));
  t.pass();
  d.done();
});

test('/ filters the table live and Enter keeps the filter', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–9 of 42');
  await d.press('/');
  for (const ch of 'opt:rmsprop') await d.press(ch);
  let f = await d.waitFor('filter "opt:rmsprop": 8 match');
  t.regex(lines(f).at(-1)!, /^\/ opt:rmsprop▏/);
  await d.press(KEYS.enter);
  f = await d.waitFor((x) => lines(x).at(-1)!.startsWith('q quit'));
  t.regex(f, /filter "opt:rmsprop": 8 match/);
  t.true(tableRows(f).every((r) => r.includes(' RMSp ')));
  await d.press(KEYS.escape);
  f = await d.waitFor('1–9 of 42');
  t.notRegex(f, /filter "/);
  d.done();
});

test('histograms: counts per option, cycling through the parameters', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–9 of 42');
  await d.press('h');
  let f = await d.waitFor('lr_rate_mult');
  t.regex(f, /log-uniform 0\.607…1\.65 · 42 tried, 42 scored +1\/19/);
  for (let i = 0; i < 3; i++) await d.press(']');
  f = await d.waitFor('optimizer ');
  const bar = (label: string) => lines(f).find((l) => l.trimStart().startsWith(`${label} `))!;
  t.regex(bar('Adam'), /█+▓* +10 +56\.01$/);
  t.regex(bar('Nadam'), /█+▓* +24 +60\.16 ◆$/);
  t.regex(bar('RMSprop'), /█+▓* +8 +/);
  await d.press('a');
  f = await d.waitFor('best fine acc per bin');
  t.regex(lines(f).find((l) => l.trimStart().startsWith('Nadam '))!, /67\.61 ◆$/);
  d.done();
});

test('the overview lists every hyperparameter on a large terminal', async (t) => {
  const d = mountDashboard({ columns: 160, rows: 50 }, t.teardown);
  await d.waitFor('1–');
  await d.press('o');
  const f = await d.waitFor('all hyperparameters');
  for (const key of ['lr_rate_mult', 'l2_weight_reg_mult', 'batch_size', 'optimizer', 'one_more_fc', 'activation', 'conv_pool_res_start_idx']) t.regex(f, new RegExp(`${key} +[ ▁▂▃▄▅▆▇█]+ │`));
  t.is(lines(f).length, 49);
  d.done();
});

test('a wide terminal shows both charts beside the table, stacked when the side pane is narrow', async (t) => {
  const d = mountDashboard({ columns: 160, rows: 50 }, t.teardown);
  const f = await d.waitFor((x) => x.includes('fine accuracy') && x.includes('loss (train, val)'));
  const rows = lines(f);
  t.true(rows.findIndex((l) => l.includes('loss (train, val)')) > rows.findIndex((l) => l.includes('fine accuracy')));
  d.done();
});

test('on 80×24 the overview says which of the 19 hyperparameters it shows, and scrolls with →', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–');
  await d.press('h');
  await d.press('o');
  let f = await d.waitFor('all hyperparameters');
  const range = /all hyperparameters (\d+)–(\d+) of 19 \(←\/→\)/.exec(f);
  t.truthy(range, f);
  t.is(range![1], '1');
  for (let i = 0; i < 18; i++) await d.press(KEYS.right);
  f = await d.waitFor((x) => / \d+–19 of 19 /.test(x));
  t.regex(f, /conv_pool_res_start_idx|one_more_fc|activation/);
  d.done();
});

test('Enter shows the selected trial: all 19 hyperparameters and its curves', async (t) => {
  const d = mountDashboard({}, t.teardown);
  await d.waitFor('1–9 of 42');
  await d.press('j');
  await d.press(KEYS.enter);
  const f = await d.waitFor((x) => x.includes('trial 6 (7d323)') && x.includes('100 epochs'));
  for (const key of ['lr_rate_mult', 'batch_size', 'optimizer', 'use_BN', 'residual', 'conv_hiddn_units_mult', 'pooling_type', 'one_more_fc', 'activation']) t.regex(f, new RegExp(key));
  t.regex(f, /batch_size +425/);
  t.regex(f, /┄ best #28 val/, 'the best trial as reference');
  await d.press(KEYS.escape);
  await d.waitFor('1–9 of 42');
  d.done();
});

test('? shows every key of the registry; Esc closes it', async (t) => {
  const d = mountDashboard({ columns: 100, rows: 40 }, t.teardown);
  await d.waitFor('1–');
  await d.press('?');
  const f = await d.waitFor('Esc or ? closes;');
  for (const b of BINDINGS) t.true(f.includes(` ${b.label} `), b.label);
  t.regex(f, /retrain .*\(soon\)/);
  t.regex(f, /pause .*\(view\)/);
  await d.press(KEYS.escape);
  await d.waitFor('q quit');
  d.done();
});

test('the key bar says when a key is not available yet', async (t) => {
  const d = mountDashboard({ columns: 140, rows: 30 }, t.teardown);
  let f = await d.waitFor('q quit');
  t.regex(lines(f).at(-1)!, /t retrain \(soon\) +v filters \(soon\)/);
  await d.press('t');
  f = await d.waitFor('not available yet');
  t.regex(lines(f).at(-1)!, /^t: retraining with TensorBoard logs is not available yet/);
  d.done();
});

test('a terminal too small gets a message, and resizing re-lays out at once', async (t) => {
  const d = mountDashboard({ columns: 50, rows: 12 }, t.teardown);
  let f = await d.waitFor('Terminal too small');
  t.regex(f.replace(/\n/g, ' '), /Terminal too small: 50×12\. cifar-tui needs at least 60×16/);
  t.true(lines(f).every((l) => l.length <= 50));
  d.stdout.resize(100, 30);
  f = await d.waitFor('Enter details');
  t.is(lines(f).length, 29);
  d.stdout.resize(60, 16);
  f = await d.waitFor((x) => lines(x).length === 15);
  t.regex(f, /cifar-tui/);
  d.done();
});

test('every view fits in rows − 1 lines and the width, at every size', async (t) => {
  for (const [columns, rows] of [
    [60, 16],
    [80, 24],
    [100, 30],
    [140, 40],
    [200, 60],
  ] as const) {
    const d = mountDashboard({ columns, rows });
    await d.waitFor('Enter details');
    for (const k of ['h', 'o', 'l', '?', KEYS.escape, KEYS.enter, KEYS.escape, 'l', 'h', '/', 'x']) {
      await d.press(k);
      const f = d.frame();
      t.true(lines(f).length <= rows - 1, `${columns}×${rows} after ${JSON.stringify(k)}: ${lines(f).length} lines`);
      t.true(
        lines(f).every((l) => [...l].length <= columns),
        `${columns}×${rows} after ${JSON.stringify(k)}`,
      );
    }
    d.done();
  }
});
