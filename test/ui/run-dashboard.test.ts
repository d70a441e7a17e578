/**
 * runDashboard on a fake terminal: the alternate screen and raw mode are entered and always
 * restored; quitting stops the search and waits for it; signals restore the terminal at once.
 */
import test from 'ava';
import { type RunDashboardOptions, runDashboard } from '../../source/ui/index.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR } from '../../source/ui/terminal.js';
import { FakeStdin, FakeStdout } from '../helpers/ink.js';
import { seedTrials } from '../helpers/seed-trials.js';
import { FakeSupervisor, makeTrial } from '../helpers/ui-events.js';

class RawStdin extends FakeStdin {
  raw: boolean[] = [];
  override setRawMode(on?: boolean): void {
    this.raw.push(Boolean(on));
  }
}

function terminal() {
  const stdout = new FakeStdout(100, 30);
  const stdin = new RawStdin();
  const text = () => stdout.frames.join('');
  const waitFor = async (pred: () => boolean, what: string, ms = 8000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; output tail:\n${text().slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const opts = (o: Partial<RunDashboardOptions>): RunDashboardOptions => ({
    store: { trials: seedTrials().trials },
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    env: { TERM: 'xterm-256color' },
    refreshMs: 20,
    ...o,
  });
  return { stdout, stdin, text, waitFor, opts };
}

const restoredAtEnd = (text: string) => text.lastIndexOf(LEAVE_ALT_SCREEN) > text.lastIndexOf('cifar-tui') && text.includes(SHOW_CURSOR);

test.serial('view: enters the alternate screen, q quits, everything is restored', async (t) => {
  const term = terminal();
  const run = runDashboard(term.opts({}));
  await term.waitFor(() => term.text().includes('view (read-only)'), 'the dashboard');
  t.true(term.stdout.frames[0]!.startsWith(ENTER_ALT_SCREEN));
  t.is(term.stdin.raw[0], true);
  term.stdin.write('q');
  t.is(await run, 'quit');
  t.true(restoredAtEnd(term.text()));
  t.is(term.stdin.raw.at(-1), false, 'raw mode off');
});

test.serial('search: q asks while a trial runs; y stops the search and waits until it has stopped', async (t) => {
  const term = terminal();
  const sup = new FakeSupervisor();
  const store = { trials: [...seedTrials().trials, makeTrial({ id: 'fffff', number: 42 })] };
  let settled = false;
  const run = runDashboard(term.opts({ supervisor: sup, store, epochs: 100, maxTrials: 50 })).then((how) => {
    settled = true;
    return how;
  });
  await term.waitFor(() => term.text().includes('1 running'), 'the running trial');
  term.stdin.write('q');
  await term.waitFor(() => term.text().includes('Quit? Trial 42 is running'), 'the question');
  term.stdin.write('y');
  await term.waitFor(() => sup.calls.includes('stop'), 'stop()');
  await new Promise((r) => setTimeout(r, 100));
  t.false(settled, 'still waiting for the worker to stop');
  t.false(term.text().includes(LEAVE_ALT_SCREEN), 'the screen stays while stopping');
  sup.emit({ type: 'status', status: 'stopped' });
  t.is(await run, 'quit');
  t.true(restoredAtEnd(term.text()));
  t.deepEqual(sup.calls, ['stop']);
});

test.serial('a search that does not stop in time: the worker is killed', async (t) => {
  const term = terminal();
  const sup = new FakeSupervisor();
  const store = { trials: [makeTrial({ id: 'fffff', number: 0 })] };
  const run = runDashboard(term.opts({ supervisor: sup, store, stopTimeoutMs: 50 }));
  await term.waitFor(() => term.text().includes('1 running'), 'the running trial');
  term.stdin.write('\u0003');
  await term.waitFor(() => term.text().includes('Ctrl-C again'), 'the Ctrl-C notice');
  term.stdin.write('\u0003');
  await term.waitFor(() => sup.calls.includes('forceStop'), 'forceStop()');
  sup.emit({ type: 'status', status: 'stopped' });
  t.is(await run, 'quit');
  t.deepEqual(sup.calls, ['stop', 'forceStop']);
});

test.serial('SIGTERM: the terminal is restored at once and the search is stopped', async (t) => {
  const term = terminal();
  const sup = new FakeSupervisor();
  const store = { trials: [makeTrial({ id: 'fffff', number: 0 })] };
  const listeners = process.listenerCount('SIGTERM');
  const run = runDashboard(term.opts({ supervisor: sup, store }));
  await term.waitFor(() => term.text().includes('1 running'), 'the running trial');
  t.true(process.listenerCount('SIGTERM') > listeners);
  process.emit('SIGTERM', 'SIGTERM');
  await term.waitFor(() => sup.calls.includes('stop'), 'stop()');
  t.true(restoredAtEnd(term.text()), 'restored before the search has stopped');
  sup.emit({ type: 'status', status: 'stopped' });
  t.is(await run, 'signal');
  t.is(process.listenerCount('SIGTERM'), listeners, 'its handlers are removed');
});

test.serial('a search that fails shows the failed state and stays until the user quits', async (t) => {
  const term = terminal();
  const sup = new FakeSupervisor();
  let fail: (e: Error) => void = () => {};
  const done = new Promise((_resolve, reject) => (fail = reject));
  const run = runDashboard(term.opts({ supervisor: sup, store: { trials: [] }, done }));
  await term.waitFor(() => term.text().includes('cifar-tui'), 'the dashboard');
  fail(new Error('the worker could not start: no backend'));
  await term.waitFor(() => term.text().includes('✗ failed'), 'the failed state');
  term.stdin.write('q');
  t.is(await run, 'quit');
  t.deepEqual(sup.calls, [], 'nothing to stop');
});
