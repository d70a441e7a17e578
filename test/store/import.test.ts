import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { cifarSpace, pointFromVals, tpe } from '../../source/search/index.js';
import { REFERENCE_SETTINGS, Store, importReferenceResults } from '../../source/store/index.js';
import { SEED_RESULTS, tempDir, testSettings } from '../helpers/store.js';

const seedDir = fileURLToPath(SEED_RESULTS);
const DIVERGED: Record<string, { epoch: number; fineBestLoss: number }> = {
  eb09e: { epoch: 3, fineBestLoss: 4.312659748077393 },
  bdece: { epoch: 71, fineBestLoss: 2.4557462605237963 },
  '8e1dd': { epoch: 23, fineBestLoss: 2.269602480888367 },
  '7809a': { epoch: 44, fineBestLoss: 1.6582327522039413 },
};

test("the reference's 42 result files become 42 finished trials TPE can use; a second import skips them all", async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await Store.open(dir, REFERENCE_SETTINGS);
    const report = await importReferenceResults(store, seedDir);
    t.like(report, { imported: 42, diverged: 4, skipped: [], failed: [], warnings: [] });
    const trials = store.trials;
    t.is(trials.length, 42);
    t.deepEqual(trials.map((x) => x.number), [...Array(42).keys()]);
    t.deepEqual(trials.map((x) => x.id), trials.map((x) => x.id).sort(), 'imported in the order of their ids');
    for (const trial of trials) {
      t.like(trial, { state: 'ok', source: 'import', resultFile: `${trial.result?.model_name}.txt.json` });
      t.deepEqual(pointFromVals(cifarSpace, trial.vals).params, trial.params, `${trial.id}: vals decode to the params`);
      t.is(trial.result?.loss, -(trial.result?.fine_best_accuracy ?? NaN));
    }
    const best = trials.find((x) => x.id === '6066e');
    t.like(best?.params, { optimizer: 'Nadam', pooling_type: 'avg', residual: 3, first_conv: 3, one_more_fc: null, batch_size: 320 });
    t.deepEqual(best?.vals.first_conv_size, [0]);
    t.deepEqual(best?.vals.fc_units_2_mult, []);

    for (const [id, expected] of Object.entries(DIVERGED)) {
      const trial = trials.find((x) => x.id === id);
      t.like(trial?.result, { outcome: 'diverged', real_loss: null, fine_best_loss: expected.fineBestLoss, fine_end_loss: null });
      const text = await readFile(join(dir, 'results', trial?.resultFile ?? ''), 'utf8');
      const file = JSON.parse(text);
      t.is(file.diverged_epoch, expected.epoch);
      t.is(file.history.loss[expected.epoch], null);
      t.regex(file.import_note, /recomputed/);
    }
    t.is(trials.find((x) => x.id === 'eb09e')?.result?.fine_best_accuracy, 0.08410000304877759);
    t.is(trials.find((x) => x.id === 'eb09e')?.result?.coarse_end_loss, 2.9957340240478514, 'a real chance-level loss is kept');
    t.is((await readdir(join(dir, 'results'))).length, 42);

    const point = tpe(cifarSpace).suggest(store.optimizerHistory(), 1);
    t.deepEqual(pointFromVals(cifarSpace, point.vals).params, point.params, 'TPE warm-starts from the imported trials');

    const again = await importReferenceResults(store, seedDir);
    t.like(again, { imported: 0, failed: [] });
    t.is(again.skipped.length, 42);
    t.is(store.trials.length, 42);
    await store.close();
  } finally {
    await cleanup();
  }
});

test('a bad file is skipped with a warning naming it; the others are imported; other settings are pointed out', async (t) => {
  const { dir, cleanup } = await tempDir();
  try {
    const source = join(dir, 'in');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(source);
    await copyFile(join(seedDir, 'model_0.676100010872_6066e.txt.json'), join(source, 'model_0.676100010872_6066e.txt.json'));
    await copyFile(join(seedDir, 'model_0.0841000030488_eb09e.txt.json'), join(source, 'model_0.0841000030488_eb09e.txt.json'));
    await writeFile(join(source, 'broken.json'), '{"loss": -0.5,');
    const space = JSON.parse(await readFile(join(seedDir, 'model_0.6183000139_3f047.txt.json'), 'utf8'));
    space.space.optimizer = 'SGD';
    await writeFile(join(source, 'model_0.6183000139_3f047.txt.json'), JSON.stringify(space));
    await writeFile(join(source, 'notes.txt'), 'not a result');

    const store = await Store.open(join(dir, 'store'), testSettings());
    const report = await importReferenceResults(store, source);
    t.is(report.imported, 2);
    t.deepEqual(report.failed, ['broken.json', 'model_0.6183000139_3f047.txt.json']);
    t.regex(report.warnings[0], /broken\.json: not valid JSON \(.+\); skipped/);
    t.regex(report.warnings[1], /model_0\.6183000139_3f047\.txt\.json: .*optimizer.*SGD.*; skipped/);
    t.regex(report.warnings[2], /epochs 2 \(reference: 100\).*trainLimit 500 \(reference: all images\).*validation holdout \(reference: test\).*widthScale 0\.25/);
    t.deepEqual(store.trials.map((x) => x.id), ['6066e', 'eb09e']);
    await store.close();
  } finally {
    await cleanup();
  }
});
