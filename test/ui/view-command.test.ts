import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { runCli } from '../helpers/cli.js';
import { SEED_DIR } from '../helpers/seed-trials.js';

test('view without a terminal prints the ranked table, never escape codes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cifar-tui-view-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const imported = runCli(['import', '--store-dir', dir, SEED_DIR]);
  t.is(imported.code, 0, imported.stderr);
  const r = runCli(['view', '--store-dir', dir]);
  t.is(r.code, 0, r.stderr);
  t.notRegex(r.stdout, /\u001B/);
  const lines = r.stdout.trimEnd().split('\n');
  t.regex(lines[0]!, /^Store .* \(cifar100, no search running\)$/);
  t.is(lines[1], '42 trials, sorted by fine acc descending');
  t.regex(lines[2]!, /^rk +# status +fine coarse +test/);
  t.is(lines.length, 3 + 42);
  t.regex(lines[3]!, /^ 1 +\d+ ✓ ok +67\.61 +77\.31 +65\.49 100\/100 /);
  t.regex(lines.at(-1)!, /^42 +\d+ ✓ ok +8\.41 /);
});

test('view of a folder without a store says what to do', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cifar-tui-view-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const r = runCli(['view', '--store-dir', dir]);
  t.is(r.code, 1);
  t.regex(r.stderr, /there is no store in .*Start a search there/s);
});
