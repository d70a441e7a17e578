import test from 'ava';
import { type Layer, accuracyRange, lossRange, plotLayers, resample } from '../../source/ui/chart/plot.js';
import { width } from '../../source/ui/text.js';

const fmt = (v: number) => `${Math.round(v * 100)}%`;
const text = (lines: ReturnType<typeof plotLayers>) => lines.map((l) => l.map((s) => s.text).join(''));

test('a chart has exactly the rows asked for and never exceeds its width', (t) => {
  const train = Array.from({ length: 100 }, (_, i) => 0.1 + 0.5 * (1 - Math.exp(-i / 20)));
  for (const rows of [3, 5, 6, 8, 11, 17]) {
    for (const w of [20, 40, 77]) {
      const lines = text(plotLayers([{ values: train, tone: 'train', style: 'light' }], { width: w, rows, min: 0, max: 0.7, format: fmt, extent: 100 }));
      t.is(lines.length, rows, `rows ${rows} width ${w}`);
      t.true(Math.max(...lines.map(width)) <= w, `width ${w}`);
    }
  }
});

test('series keep their own line style, so they differ without colour', (t) => {
  const layers: Layer[] = [
    { values: [0.1, 0.2, 0.3, 0.4], tone: 'train', style: 'light' },
    { values: [0.4, 0.3, 0.2, 0.1], tone: 'val', style: 'heavy' },
    { values: [0.25, 0.25, 0.25, 0.25], tone: 'ref', style: 'dashed' },
  ];
  const all = text(plotLayers(layers, { width: 30, rows: 7, min: 0, max: 0.5, format: fmt })).join('\n');
  t.regex(all, /[╭╯]/);
  t.regex(all, /[┏┛┓┗━]/);
  t.regex(all, /┄/);
  const ascii = text(plotLayers(layers, { width: 30, rows: 7, min: 0, max: 0.5, format: fmt, ascii: true })).join('\n');
  t.notRegex(ascii, /[^\x20-\x7e\n]/, 'ASCII only');
});

test('gaps (diverged losses) and single points plot without error', (t) => {
  const lines = text(plotLayers([{ values: [3, 2.5, null, null, 1], tone: 'loss', style: 'light' }, { values: [2], tone: 'valLoss', style: 'heavy' }], { width: 20, rows: 5, min: 0, max: 3, format: (v) => v.toFixed(1), extent: 10 }));
  t.is(lines.length, 5);
  t.true(lines.some((l) => l.includes('━')), 'the one-point series shows');
});

test('the x extent leaves room for the epochs to come', (t) => {
  const lines = text(plotLayers([{ values: [0.1, 0.2], tone: 'train', style: 'light' }], { width: 40, rows: 4, min: 0, max: 1, format: fmt, extent: 30 }));
  const data = lines.map((l) => l.slice(5));
  t.true(Math.max(...data.map((l) => l.trimEnd().length)) <= 2);
});

test('resampling averages buckets and keeps gaps', (t) => {
  t.deepEqual(resample([1, 2, 3, 4], 4, 10), [1, 2, 3, 4]);
  t.deepEqual(resample([1, 3, 5, 7], 4, 2), [2, 6]);
  t.deepEqual(resample([1, null, null, null], 4, 2), [1, null]);
  t.deepEqual(resample([1, 2], 6, 3), [1.5, null, null]);
});

test('ranges: accuracy in whole tenths, loss from its data', (t) => {
  t.deepEqual(accuracyRange([{ values: [0.12, 0.58], tone: 'train', style: 'light' }]), { min: 0.1, max: 0.6 });
  t.deepEqual(accuracyRange([]), { min: 0, max: 1 });
  const l = lossRange([{ values: [4.5, 2.1, null], tone: 'loss', style: 'light' }]);
  t.deepEqual(l, { min: 2.1, max: 4.5 });
  t.deepEqual(lossRange([{ values: [2, 2], tone: 'loss', style: 'light' }]), { min: 1.98, max: 2.02 }, 'a flat curve gets a 2 % band');
});
