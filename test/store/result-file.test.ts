import { readdirSync, readFileSync } from 'node:fs';
import test from 'ava';
import { formatG12, parseLenientJson, resultFileName } from '../../source/store/index.js';
import { SEED_RESULTS } from '../helpers/store.js';

test("formatG12 names every one of the reference's 42 files as the reference did (%.12g)", (t) => {
  const names = readdirSync(SEED_RESULTS).filter((n) => n.endsWith('.json'));
  t.is(names.length, 42);
  for (const name of names) {
    const { value } = parseLenientJson(readFileSync(new URL(name, SEED_RESULTS), 'utf8'));
    const record = value as { fine_best_accuracy: number; model_name: string };
    t.is(resultFileName(record.model_name.slice(-5), 'ok', record.fine_best_accuracy), name);
  }
});

test('formatG12 follows C for small, large, round and special values', (t) => {
  const cases: [number, string][] = [
    [0.6761000108718872, '0.676100010872'],
    [0.6183000138998, '0.6183000139'],
    [0.05, '0.05'],
    [1, '1'],
    [0, '0'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [123456789012, '123456789012'],
    [1234567890123, '1.23456789012e+12'],
    [-2.5, '-2.5'],
    [Number.NaN, 'nan'],
  ];
  for (const [x, s] of cases) t.is(formatG12(x), s, String(x));
  t.is(resultFileName('abcde', 'ok', null), 'model_nan_abcde.txt.json');
  t.is(resultFileName('abcde', 'fail', 0.5), 'failed_abcde.txt.json');
});

test('parseLenientJson reads bare NaN and ±Infinity as null, but not inside strings', (t) => {
  const { value, nonFinite } = parseLenientJson('{"a": [NaN, 1, -Infinity, Infinity], "s": "NaN \\" Infinity", "n": null}');
  t.deepEqual(value, { a: [null, 1, null, null], s: 'NaN " Infinity', n: null });
  t.is(nonFinite, 3);
  t.throws(() => parseLenientJson('{"a": NaNa}'));
  t.throws(() => parseLenientJson('{"a": nan}'));
});
