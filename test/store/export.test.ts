import { fileURLToPath } from 'node:url';
import test from 'ava';
import { cifarSpace } from '../../source/search/index.js';
import { EXPORT_COLUMNS, REFERENCE_SETTINGS, Store, exportTrials, importReferenceResults } from '../../source/store/index.js';
import { Rng, SEED_RESULTS, runningTrial, tempDir } from '../helpers/store.js';

/** Splits RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

test('export writes one row per trial with every hyperparameter and metric, as CSV or JSON', async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await Store.open(dir, REFERENCE_SETTINGS);
    await importReferenceResults(store, fileURLToPath(SEED_RESULTS));
    const running = runningTrial(store, new Rng(9));
    await store.addTrial(running);
    await store.updateTrial(running.id, { error: 'said "no", twice\nthen stopped' });

    const csv = parseCsv(exportTrials(store.trials, 'csv'));
    t.deepEqual(csv[0], [...EXPORT_COLUMNS]);
    t.is(csv.length, 44);
    for (const key of [...Object.keys(cifarSpace), 'loss', 'fine_best_accuracy', 'coarse_end_accuracy', 'real_loss', 'outcome']) t.true(csv[0].includes(key), key);
    const col = (name: string) => csv[0].indexOf(name);
    const best = csv.find((r) => r[col('id')] === '6066e') ?? [];
    t.is(best[col('fine_best_accuracy')], '0.6761000108718872');
    t.is(best[col('optimizer')], 'Nadam');
    t.is(best[col('use_BN')], 'true');
    t.is(best[col('one_more_fc')], '');
    t.is(best[col('state')], 'ok');
    const diverged = csv.find((r) => r[col('id')] === 'eb09e') ?? [];
    t.is(diverged[col('real_loss')], '');
    t.is(diverged[col('outcome')], 'diverged');
    const last = csv[43];
    t.like({ id: last[col('id')], state: last[col('state')], error: last[col('error')], loss: last[col('loss')] }, { id: running.id, state: 'running', error: 'said "no", twice\nthen stopped', loss: '' });

    const json = JSON.parse(exportTrials(store.trials, 'json')) as Record<string, unknown>[];
    t.is(json.length, 43);
    t.deepEqual(Object.keys(json[0]), [...EXPORT_COLUMNS]);
    t.like(json.find((r) => r.id === '6066e'), { fine_best_accuracy: 0.6761000108718872, use_BN: true, one_more_fc: null, number: best ? Number(best[col('number')]) : -1 });
    t.is(exportTrials([], 'csv'), `${EXPORT_COLUMNS.join(',')}\n`);
    t.is(exportTrials([], 'json'), '[]\n');
    await store.close();
  } finally {
    await cleanup();
  }
});
