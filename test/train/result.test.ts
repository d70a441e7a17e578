import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { History } from '../../source/train/history.js';
import { finiteJson, formatG12, modelName, summaryFields } from '../../source/train/result.js';

const SEED_RESULTS = new URL('../../../shared/seed-results/', import.meta.url);

/** The reference's files hold bare NaN (not JSON); read them as null. */
function readSeed(file: string): Record<string, unknown> {
  const text = readFileSync(fileURLToPath(new URL(file, SEED_RESULTS)), 'utf8');
  return JSON.parse(text.replace(/\bNaN\b/g, 'null')) as Record<string, unknown>;
}

test("formatG12 is Python's '%.12g'", (t) => {
  t.is(formatG12(0.6761000108718872), '0.676100010872');
  t.is(formatG12(0.6183000138998), '0.6183000139');
  t.is(formatG12(0.5), '0.5');
  t.is(formatG12(0), '0');
  t.is(formatG12(1), '1');
  t.is(formatG12(0.00001234), '1.234e-05');
  t.is(modelName(0.6761000108718872, '6066e'), 'model_0.676100010872_6066e');
});

test("the 42 reference files: model_name and summary fields follow from each history", (t) => {
  const files = readdirSync(fileURLToPath(SEED_RESULTS)).filter((f) => f.endsWith('.json'));
  t.is(files.length, 42);
  let diverged = 0;
  for (const file of files) {
    const r = readSeed(file);
    const history = r.history as History;
    t.is(modelName(r.fine_best_accuracy as number, (r.model_name as string).slice(-5)), r.model_name as string);
    const hasNull = Object.values(history).some((v) => v!.some((x) => x === null));
    const s = summaryFields(finiteJson(history), null);
    t.is(s.fine_best_accuracy, r.fine_best_accuracy as number, file);
    t.is(s.loss, r.loss as number, file);
    t.is(s.coarse_best_accuracy, r.coarse_best_accuracy as number, file);
    if (hasNull) {
      // Diverged (B7): training losses NaN, validation losses 1.19e-7 afterwards. Our runs stop
      // at the first NaN, so those epochs never reach a history.
      diverged++;
    } else {
      t.is(s.fine_best_loss, r.fine_best_loss as number, file);
      t.is(s.coarse_best_loss, r.coarse_best_loss as number, file);
    }
  }
  t.is(diverged, 4);
});

test('finiteJson turns NaN and infinities into null, deeply', (t) => {
  t.deepEqual(finiteJson({ a: NaN, b: [1, Infinity, -Infinity], c: { d: 2 } }), { a: null, b: [1, null, null], c: { d: 2 } });
});
