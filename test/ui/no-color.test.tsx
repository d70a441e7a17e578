/**
 * Colour on and off on a colour-capable terminal: without colour the screen keeps everything
 * but colour codes, and nothing depends on colour. The test process is not a terminal, so the
 * chalk instance Ink uses (one, deduplicated) is set to 16 colours here.
 */
import test from 'ava';
import chalk from 'chalk';
import { colorEnabled } from '../../source/ui/theme.js';
import { mountDashboard } from '../helpers/dashboard.js';
import { FakeSupervisor, makeTrial } from '../helpers/ui-events.js';

chalk.level = 1;

// SGR foreground colours: 30–37, 90–97 (and 39, the reset to default).
const COLOUR = /\u001B\[(3[0-9]|9[0-7])m/;
const strip = (s: string) => s.replace(/\u001B\[[0-9;]*m/g, '');

async function both(columns = 100, rows = 30) {
  const frames: string[] = [];
  for (const color of [true, false]) {
    const d = mountDashboard({ columns, rows, color });
    await d.waitFor((f) => strip(f).includes('100 epochs'));
    frames.push(d.frame());
    d.done();
  }
  return frames as [string, string];
}

test('the same screen with and without colour; without, no colour codes at all', async (t) => {
  const [colour, plain] = await both();
  t.regex(colour, COLOUR, 'colour is on when the terminal has it');
  t.notRegex(plain, COLOUR);
  t.is(strip(colour), strip(plain), 'nothing but colour differs');
  t.regex(plain, /\u001B\[7m/, 'the selected row is still inverse');
  t.regex(strip(plain), /^> +1 28 /m, 'and marked with >');
});

test('statuses and chart series are told apart without colour', async (t) => {
  const [, plain] = await both(120, 40);
  const text = strip(plain);
  t.regex(text, /✓ ok/);
  t.regex(text, /─ train +━ val/);
});

test('colour switches: --no-color, NO_COLOR (non-empty), TERM=dumb, FORCE_COLOR=0', (t) => {
  t.true(colorEnabled({ env: { TERM: 'xterm-256color' } }));
  t.false(colorEnabled({ env: { TERM: 'xterm-256color' }, noColorFlag: true }));
  t.false(colorEnabled({ env: { NO_COLOR: '1' } }));
  t.true(colorEnabled({ env: { NO_COLOR: '' } }), 'an empty NO_COLOR does not count (no-color.org)');
  t.false(colorEnabled({ env: { TERM: 'dumb' } }));
  t.false(colorEnabled({ env: { FORCE_COLOR: '0' } }));
});

test('a running trial and a paused search read the same without colour', async (t) => {
  const sup = new FakeSupervisor();
  const d = mountDashboard({ color: false, model: { trials: [makeTrial({ id: 'aaaaa', number: 0 })], state: 'running' }, info: { mode: 'search', epochs: 10 }, caps: { control: true } }, t.teardown);
  sup.on(d.model.apply);
  sup.pause();
  const f = await d.waitFor((x) => strip(x).includes('‖ paused'));
  t.notRegex(f, COLOUR);
  t.regex(strip(f), /‖ run/);
});

test('TERM=dumb (ASCII only): every view is drawn in plain ASCII, glyphs included', async (t) => {
  for (const [columns, rows] of [
    [80, 24],
    [160, 50],
  ] as const) {
    const d = mountDashboard({ columns, rows, ascii: true });
    await d.waitFor((f) => strip(f).includes('100 epochs'));
    const seen: string[] = [];
    for (const key of ['', 'h', 'o', 'l', '?', '\u001B', '\r', '\u001B', '/', 'x']) {
      if (key) await d.press(key);
      const frame = strip(d.frame());
      seen.push(frame);
      const odd = [...new Set(frame.replace(/[\x00-\x7f]/g, ''))];
      t.deepEqual(odd, [], `${columns}×${rows}, non-ASCII after ${JSON.stringify(key)}: ${odd.join(' ')}`);
    }
    t.true(seen.some((f) => f.includes('all hyperparameters')), 'the overview was drawn');
    t.true(seen.some((f) => f.includes('Keys')), 'the help was drawn');
    t.regex(seen[0]!, /\+ ok/, 'status glyphs are ASCII');
    d.done();
  }
});
