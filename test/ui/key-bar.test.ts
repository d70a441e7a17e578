import test from 'ava';
import { keysLine } from '../../source/ui/components/KeyBar.js';
import { width } from '../../source/ui/text.js';

const SEARCH = { control: true, retrain: false, visualize: false };
const VIEW = { control: false, retrain: false, visualize: false };

test('the key bar always offers ? help, fits its width, and keeps the registry order', (t) => {
  for (const caps of [SEARCH, VIEW]) {
    for (const mode of ['normal', 'detail'] as const) {
      for (const columns of [40, 60, 80, 100, 120, 160, 240]) {
        const line = keysLine(mode, caps, columns);
        t.true(width(line) <= columns - 1, `${mode} ${columns}: ${line}`);
        t.true(line.endsWith('? help'), `${mode} ${columns} ${caps.control ? 'search' : 'view'}: ${line}`);
        t.true(line.startsWith('q quit'), line);
      }
    }
  }
  t.is(keysLine('normal', SEARCH, 80), 'q quit  p pause  r resume  Enter details  s sort  i reverse  / filter  ? help');
  t.regex(keysLine('normal', SEARCH, 160), /h histograms {2}l log {2}t retrain \(soon\) {2}v filters \(soon\) {2}\? help$/);
});
