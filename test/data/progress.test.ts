import test from 'ava';
import { ProgressDisplay, formatDuration, liveLine, plainLine } from '../../source/data/progress.js';

function sink(isTTY: boolean) {
  const out = { isTTY, text: '', write(chunk: string) { out.text += chunk; return true; } };
  return out;
}

test('the live line shows bytes, percent, speed and ETA', (t) => {
  t.is(liveLine('a.tar.gz', { done: 45_200_000, total: 168_500_000, speed: 5_300_000 }), 'a.tar.gz  45.2 MB / 168.5 MB  26.8%  5.3 MB/s  ETA 0:23');
  t.is(liveLine('a.tar.gz', { done: 1500, total: null, speed: 0 }), 'a.tar.gz  1.5 kB  0 B/s');
  t.is(plainLine('a.tar.gz', { done: 50_600_000, total: 168_500_000, speed: 4_200_000 }), 'a.tar.gz: 30% (50.6 MB of 168.5 MB, 4.2 MB/s)');
  t.is(formatDuration(3725), '1:02:05');
  t.is(formatDuration(Infinity), '--:--');
});

test('without a terminal, one plain line per 10 % step', (t) => {
  let now = 0;
  const out = sink(false);
  const display = new ProgressDisplay(out, 'f', { now: () => now });
  for (let done = 0; done <= 1000; done += 50) {
    now += 100;
    display.update(done, 1000);
  }
  display.finish();
  const lines = out.text.trimEnd().split('\n');
  t.deepEqual(
    lines.map((l) => l.split(' ')[1]),
    ['0%', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%'],
  );
  t.false(out.text.includes('\r'));
  t.is(lines.at(-1), 'f: 100% (1.0 kB of 1.0 kB, 476 B/s)');
});

test('on a terminal, a throttled live line redrawn in place, ended by a newline', (t) => {
  let now = 0;
  const out = sink(true);
  const display = new ProgressDisplay(out, 'f', { now: () => now, intervalMs: 100 });
  for (let done = 0; done <= 1_000_000; done += 10_000) {
    now += 20; // 5 updates per redraw interval
    display.update(done, 1_000_000, 0);
  }
  display.finish();
  const draws = out.text.split('\r').filter(Boolean);
  t.true(draws.length >= 15 && draws.length <= 30, `${draws.length} draws`);
  t.true(out.text.endsWith('\n'));
  t.regex(draws.at(-1)!, /^f {2}1\.0 MB \/ 1\.0 MB {2}100\.0% {2}495\.0 kB\/s {2}ETA 0:00\x1b\[K\n$/);
});

test('resumed bytes do not count for the speed', (t) => {
  let now = 0;
  const out = sink(false);
  const display = new ProgressDisplay(out, 'f', { now: () => now });
  display.update(900, 1000, 900);
  now = 1000;
  display.update(1000, 1000, 900);
  t.regex(out.text, /100% \(1\.0 kB of 1\.0 kB, 100 B\/s\)/);
});
