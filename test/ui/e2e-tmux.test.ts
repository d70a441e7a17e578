/**
 * End to end: the real program in tmux (CI unset for the app) runs a tiny search on real sample
 * images; we wait for the first trial to finish and show in the table, pause and resume, quit
 * with q then y while a trial runs, and check the store afterwards. `.ci/run` installs tmux when
 * the machine lacks it; without tmux this test says so and does nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Store } from '../../source/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { SEED_DIR } from '../helpers/seed-trials.js';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const SAMPLE = join(ROOT, '../shared/cifar100-sample');

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

async function until(what: string, pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

(hasTmux ? test : test.skip)('a tiny search in tmux: table, pause, resume, quit, store', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cifar-tui-e2e-'));
  const session = `cifar-tui-e2e-${process.pid}`;
  t.teardown(async () => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    await rm(dir, { recursive: true, force: true });
  });
  const search = [
    'node --import=tsx source/cli.tsx search',
    `--store-dir ${dir} --data-dir ${SAMPLE}`,
    '--epochs 1 --train-limit 200 --holdout 100 --width-scale 0.1 --max-trials 3 --backend wasm',
  ].join(' ');
  // A wide screen keeps the whole header line; EXITED marks the end of the program.
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '32', '-c', ROOT, `env -u CI TERM=xterm-256color ${search}; echo EXITED $?; sleep 600`);
  let screen = '';
  const capture = () => (screen = tmux('capture-pane', '-p', '-t', session));
  const waitFor = (what: string, pred: (s: string) => boolean, ms = 60_000) =>
    until(what, () => pred(capture()), ms).catch((error: Error) => {
      throw new Error(`${error.message}; screen:\n${screen}`);
    });

  await waitFor('the dashboard', (s) => {
    if (/worker ready: backend|trial 0 \(\w+\) started/.test(s)) throw new Error(`the search printed its plain log instead of the dashboard (is runDashboard mounted in search.ts?):\n${s}`);
    return /cifar-tui +(▶ running|… starting)/.test(s) && s.includes('q quit');
  });
  await waitFor('the first trial to finish and appear in the table', (s) => /^> +1 +\d+ ✓ ok /m.test(s) || /^ +\d+ +\d+ ✓ ok /m.test(s), 120_000);
  t.regex(screen, /trials [1-3]\/3 done/);

  tmux('send-keys', '-t', session, 'p');
  await waitFor('the header to say paused', (s) => s.includes('‖ paused'));
  tmux('send-keys', '-t', session, 'r');
  await waitFor('the search to continue', (s) => /▶ running/.test(s) && !s.includes('‖ paused'));

  await waitFor('a trial to be running', (s) => /, 1 running/.test(s), 120_000);
  tmux('send-keys', '-t', session, 'q');
  await waitFor('the quit question', (s) => /Quit\? Trial \d+ is running/.test(s));
  tmux('send-keys', '-t', session, 'y');
  await waitFor('the program to end', (s) => /EXITED \d+/.test(s), 60_000);
  t.notRegex(screen, /cifar-tui +[▶‖✓]/, 'the alternate screen is gone');

  const store = await Store.openReadOnly(dir);
  const states = store.trials.map((x) => x.state);
  t.true(states.includes('ok'), states.join(' '));
  t.false(states.includes('running'), `no trial is left running: ${states.join(' ')}`);
  t.true(states.every((s) => s === 'ok' || s === 'interrupted'), states.join(' '));
  t.is(store.writer, null, 'the writer lock is released');
});

(hasTmux ? test : test.skip)('view in tmux follows a store another process writes, and says who writes it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cifar-tui-e2e-view-'));
  const session = `cifar-tui-e2e-view-${process.pid}`;
  t.teardown(async () => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    await rm(dir, { recursive: true, force: true });
  });
  execFileSync(process.execPath, ['--import=tsx', 'source/cli.tsx', 'import', SEED_DIR, '--store-dir', dir], { cwd: ROOT });
  const settings = await Store.peekSettings(dir);
  const writer = await Store.open(dir, settings!);
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '32', '-c', ROOT, `env -u CI TERM=xterm-256color node --import=tsx source/cli.tsx view --store-dir ${dir}; echo EXITED $?; sleep 600`);
  let screen = '';
  const waitFor = (what: string, pred: (s: string) => boolean, ms = 30_000) =>
    until(what, () => pred((screen = tmux('capture-pane', '-p', '-t', session))), ms).catch((error: Error) => {
      throw new Error(`${error.message}; screen:\n${screen}`);
    });
  await waitFor('the header to name the writer', (s) => s.includes(`written by process ${process.pid} on `) && s.includes('trials 42 done'));
  t.regex(screen, /cifar-tui +view \(read-only\)/);
  await writer.close();
  await waitFor('the note to go when the writer is gone', (s) => s.includes('trials 42 done') && !s.includes('written by'));
  // A taller window, then quit: nothing of the dashboard may be left in the shell (tmux kept
  // lines drawn after such a resize until the dashboard started its screen afresh on resizes).
  tmux('resize-window', '-t', session, '-x', '140', '-y', '40');
  await waitFor('the larger layout', (s) => s.split('\n').length >= 40 && /1–\d+ of 42/.test(s) && s.includes('q quit'));
  tmux('send-keys', '-t', session, 'q');
  await waitFor('the program to end', (s) => /EXITED \d+/.test(s));
  t.regex(screen, /EXITED 0/);
  t.notRegex(screen, /✓ ok|cifar-tui +view/, 'the shell shows no leftover dashboard lines');
});
