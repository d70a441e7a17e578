import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { pointFromVals, cifarSpace } from '../../source/search/index.js';
import { SEAL_SIZE, Store, StoreError, type StoredTrial } from '../../source/store/index.js';
import { Rng, runningTrial, tempDir, testSettings, workerResult } from '../helpers/store.js';

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir();
  try {
    await run(dir);
  } finally {
    await cleanup();
  }
}

test('a new store is written at once; reopening resumes it and turns running trials into interrupted ones', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(1);
    const store = await Store.open(dir, testSettings());
    t.deepEqual(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')).trials, []);
    const a = runningTrial(store, rng);
    await store.addTrial(a);
    store.recordEpoch(a.id, { epoch: 0, logs: { val_fine_outputs_acc: 0.1 }, seconds: 1 });
    const done = await store.finishTrial(a.id, workerResult(rng, a.id), 'ok');
    const b = runningTrial(store, rng);
    await store.addTrial(b);
    store.recordEpoch(b.id, { epoch: 0, logs: { val_fine_outputs_acc: 0.2 }, seconds: 1 });
    await store.close();

    const again = await Store.open(dir, testSettings());
    t.is(again.experiment.id, store.experiment.id);
    t.deepEqual(again.trials.map((x) => [x.number, x.id, x.state]), [[0, a.id, 'ok'], [1, b.id, 'interrupted']]);
    t.deepEqual(again.recovered.map((x) => x.id), [b.id]);
    t.regex(again.recovered[0].error ?? '', /interrupted/);
    t.is(again.recovered[0].epochs.length, 1, 'close() flushed the deferred epoch record');
    t.deepEqual(again.optimizerHistory(), [
      { vals: a.vals, loss: done.result?.loss ?? NaN, state: 'ok' },
      { vals: b.vals, loss: null, state: 'interrupted' },
    ]);
    t.is(again.nextNumber(), 2);
    const onDisk = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    t.is(onDisk.trials[1].state, 'interrupted', 'the recovery is written at open');
    await again.close();
  }));

test('finishTrial writes the result file (sorted keys, 4-space indent, valid JSON) and keeps a summary in db.json', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(2);
    const store = await Store.open(dir, testSettings());
    const trial = runningTrial(store, rng);
    await store.addTrial(trial);
    const result = workerResult(rng, trial.id, 3, { real_loss: Number.NaN });
    result.history.val_loss[2] = Number.POSITIVE_INFINITY;
    const done = await store.finishTrial(trial.id, result, 'ok');
    t.regex(done.resultFile ?? '', new RegExp(`^model_0\\.\\d+_${trial.id}\\.txt\\.json$`));
    const text = await readFile(join(dir, 'results', done.resultFile ?? ''), 'utf8');
    const file = JSON.parse(text);
    t.deepEqual(Object.keys(file), [...Object.keys(file)].sort());
    t.true(text.startsWith('{\n    "backend": "cpu",\n    "coarse_best_accuracy": 0.4,\n'));
    t.is(file.real_loss, null);
    t.is(file.history.val_loss[2], null);
    t.deepEqual(file.space, trial.params, 'an empty space is filled in from the trial');
    t.like(file.trial, { id: trial.id, number: 0, experiment: store.experiment.id });
    t.is(done.result?.real_loss, null);
    t.false('history' in (done.result ?? {}));
    t.deepEqual(done.epochs, []);
    t.deepEqual((await store.loadResult(done))?.history.val_fine_outputs_acc, result.history.val_fine_outputs_acc);

    const failed = runningTrial(store, rng);
    await store.addTrial(failed);
    const long = `RangeError: ${'x'.repeat(3000)}`;
    const f = await store.finishTrial(failed.id, workerResult(rng, failed.id, 1, { status: 'fail', traceback: 'at train (train.ts:1)', outcome: 'error' }), 'fail', long);
    t.is(f.resultFile, `failed_${failed.id}.txt.json`);
    t.true((f.error ?? '').length < 1100);
    const failFile = JSON.parse(await readFile(join(dir, 'results', f.resultFile ?? ''), 'utf8'));
    t.is(failFile.err, long);
    t.is(failFile.traceback, 'at train (train.ts:1)');
    t.deepEqual(store.optimizerHistory()[1], { vals: failed.vals, loss: null, state: 'fail' });
    await t.throwsAsync(store.updateTrial(failed.id, { crashes: 1 }), { message: /finished trials are final/ });
    await store.close();
  }));

test('a store made with other settings is refused, naming each difference, and left as it was', (t) =>
  withDir(async (dir) => {
    const empty = await Store.open(dir, testSettings({ epochs: 7 }));
    await empty.close();
    const store = await Store.open(dir, testSettings());
    t.is(store.experiment.epochs, 2, 'an experiment without trials takes other settings: there is nothing to mix');
    await store.addTrial(runningTrial(store, new Rng(1)));
    await store.close();
    const before = await readFile(join(dir, 'db.json'));
    const error = await t.throwsAsync(Store.open(dir, testSettings({ dataset: 'cifar10', epochs: 5, trainLimit: null, spaceVersion: 2 })), { instanceOf: StoreError });
    t.is(error?.code, 'mismatch');
    t.is(error?.path, join(dir, 'db.json'));
    for (const line of ['dataset: cifar100 in the store, cifar10 now', 'epochs: 2 in the store, 5 now', 'trainLimit: 500 in the store, all images now', 'spaceVersion: 1 in the store, 2 now']) t.true(error?.message.includes(line), line);
    t.false(error?.message.includes('seed:'));
    t.regex(error?.message ?? '', /--new-experiment .*archive\/[0-9a-f]{8}\/.*--store-dir/s);
    t.deepEqual(await readFile(join(dir, 'db.json')), before);
    t.deepEqual(await readdir(dir), ['db.json'], 'the lock was released');

    const test1 = await Store.open(join(dir, 't'), testSettings({ validation: 'test', holdout: 0 }));
    await test1.close();
    await t.notThrowsAsync(async () => (await Store.open(join(dir, 't'), testSettings({ validation: 'test', holdout: 5000 }))).close(), 'the holdout size is moot when validating on the test set');
  }));

test('--new-experiment moves the old experiment to archive/<id>/ and starts afresh; other files stay', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(3);
    const old = await Store.open(dir, testSettings());
    const trial = runningTrial(old, rng);
    await old.addTrial(trial);
    const done = await old.finishTrial(trial.id, workerResult(rng, trial.id), 'ok');
    await old.close();
    await writeFile(join(dir, 'README.md'), 'keep me\n');
    const oldDb = await readFile(join(dir, 'db.json'));

    const store = await Store.open(dir, testSettings({ epochs: 9 }), { newExperiment: true });
    const archived = join(dir, 'archive', old.experiment.id);
    t.is(store.archivedTo, archived);
    t.not(store.experiment.id, old.experiment.id);
    t.is(store.trials.length, 0);
    t.deepEqual(await readFile(join(archived, 'db.json')), oldDb);
    t.deepEqual(await readdir(join(archived, 'results')), [done.resultFile]);
    t.is(await readFile(join(dir, 'README.md'), 'utf8'), 'keep me\n');
    await store.close();
  }));

test('a corrupt db.json stops the open with its path and the parse error, and is never overwritten', (t) =>
  withDir(async (dir) => {
    const db = join(dir, 'db.json');
    const cases: [string, RegExp][] = [
      ['{"version":1,"experiment":{"id":', /is not valid JSON \(.*JSON/],
      ['', /is not valid JSON/],
      ['{"version":1,"experiment":{},"runs":[],"trials":[]}', /experiment\.id/],
      ['{"version":9,"experiment":{},"runs":[],"trials":[]}', /store version 9, written by a newer cifar-tui/],
    ];
    for (const [text, message] of cases) {
      await writeFile(db, text);
      for (const open of [() => Store.open(dir, testSettings()), () => Store.openReadOnly(dir), () => Store.peekSettings(dir)]) {
        const error = await t.throwsAsync(open(), { instanceOf: StoreError });
        t.is(error?.code, 'corrupt');
        t.true(error?.message.startsWith(`${db} cannot be used: `));
        t.regex(error?.message ?? '', message);
        t.is(await readFile(db, 'utf8'), text);
      }
    }
    t.deepEqual((await readdir(dir)).sort(), ['db.json']);

    const store = await Store.open(dir, testSettings(), { newExperiment: true, now: () => new Date('2025-02-03T04:05:06.007Z') });
    t.is(store.archivedTo, join(dir, 'archive', 'previous-2025-02-03T04-05-06-007Z'));
    t.is(await readFile(join(store.archivedTo ?? '', 'db.json'), 'utf8'), cases[cases.length - 1][0]);
    await store.close();
  }));

test('one writer at a time; read-only opens work beside it and never write', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(4);
    const writer = await Store.open(dir, testSettings());
    const trial = runningTrial(writer, rng);
    await writer.addTrial(trial);
    const error = await t.throwsAsync(Store.open(dir, testSettings()), { instanceOf: StoreError });
    t.is(error?.code, 'locked');
    t.true(error?.message.includes(`process ${process.pid}`));
    t.is(error?.path, join(dir, 'store.lock'));

    const before = await stat(join(dir, 'db.json'));
    const reader = await Store.openReadOnly(dir);
    t.is(reader.writer?.pid, process.pid);
    t.is(reader.trials[0].state, 'running', 'a reader does not recover anything');
    t.deepEqual(reader.recovered, []);
    await t.throwsAsync(reader.addTrial(runningTrial(reader, rng)), { message: /read-only/ });
    await reader.close();
    t.is((await stat(join(dir, 'db.json'))).mtimeMs, before.mtimeMs);

    await writer.close();
    t.is((await Store.openReadOnly(dir)).writer, null);
    const next = await Store.open(dir, testSettings());
    await next.close();
  }));

test('a lock left by a dead process is taken over', (t) =>
  withDir(async (dir) => {
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const { hostname } = await import('node:os');
    await writeFile(join(dir, 'store.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: 'then' }));
    const store = await Store.open(dir, testSettings());
    t.is(JSON.parse(await readFile(join(dir, 'store.lock'), 'utf8')).pid, process.pid);
    await store.close();
    t.false((await readdir(dir)).includes('store.lock'));
  }));

test('missing stores and orphaned result files are refused with the way out', (t) =>
  withDir(async (dir) => {
    const missing = await t.throwsAsync(Store.openReadOnly(join(dir, 'nothing')), { instanceOf: StoreError });
    t.is(missing?.code, 'missing');
    t.regex(missing?.message ?? '', /no store in .*nothing.*--store-dir/);
    t.is(await Store.peekSettings(join(dir, 'nothing')), null);
    await mkdir(join(dir, 'results'));
    await writeFile(join(dir, 'results', 'model_0.5_abcde.txt.json'), '{}');
    const orphan = await t.throwsAsync(Store.open(dir, testSettings()), { instanceOf: StoreError });
    t.is(orphan?.code, 'mismatch');
    t.regex(orphan?.message ?? '', /no db\.json/);
  }));

test('writes never overlap and every change lands; ids are unique five-hex-digit strings', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(5);
    const store = await Store.open(dir, testSettings());
    const trial = runningTrial(store, rng);
    await store.addTrial(trial);
    const updates = Array.from({ length: 40 }, (_, i) => store.updateTrial(trial.id, { crashes: i + 1 }));
    await Promise.all(updates);
    t.is(JSON.parse(await readFile(join(dir, 'db.json'), 'utf8')).trials[0].crashes, 40);
    t.false((await readdir(dir)).some((f) => f.endsWith('.tmp')));
    const ids = new Set(Array.from({ length: 3000 }, () => store.newTrialId()));
    t.is(ids.size, 3000);
    t.true([...ids].every((id) => /^[0-9a-f]{5}$/.test(id)));
    t.throws(() => (store.trials[0] as StoredTrial).state = 'ok', { instanceOf: TypeError }, 'trials are frozen');
    await store.close();
  }));

test(`finished trials are sealed ${SEAL_SIZE} at a time into trials/, and read back in order`, (t) =>
  withDir(async (dir) => {
    const rng = new Rng(6);
    const store = await Store.open(dir, testSettings());
    const count = 2 * SEAL_SIZE + 34;
    const { history: _h, space: _s, ...summary } = workerResult(rng, 'abcde');
    const batch: StoredTrial[] = [];
    for (let i = 0; i < count; i++) {
      const trial = { ...runningTrial(store, rng), number: i };
      batch.push(i === 7 ? trial : { ...trial, state: 'ok', result: summary });
    }
    await store.addTrials(batch);
    t.deepEqual(await readdir(join(dir, 'trials')), ['00000000.json', '00000501.json']);
    const db = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    t.deepEqual(db.sealed, ['00000000.json', '00000501.json']);
    t.is(db.trials.length, 33 + 1, 'the running trial 7 stays in db.json');
    await t.throwsAsync(store.updateTrial(batch[3].id, { error: 'x' }), { message: /final/ });
    await store.updateTrial(batch[7].id, { state: 'fail' });
    await store.close();

    await writeFile(join(dir, 'trials', '00001001.json'), '[oops'); // a seal that never made it into db.json
    for (const open of [() => Store.open(dir, testSettings()), () => Store.openReadOnly(dir)]) {
      const again = await open();
      t.deepEqual(again.trials.map((x) => x.number), batch.map((x) => x.number));
      t.is(again.trial(batch[7].id)?.state, 'fail');
      t.deepEqual(again.optimizerHistory().map((h) => h.vals), batch.map((x) => x.vals));
      t.deepEqual(pointFromVals(cifarSpace, again.trials[100].vals).params, batch[100].params);
      await again.close();
    }
    await writeFile(join(dir, 'trials', '00000501.json'), '[]\n');
    const emptied = await t.throwsAsync(Store.openReadOnly(dir), { instanceOf: StoreError });
    t.is(emptied?.code, 'corrupt');
    t.is(emptied?.path, join(dir, 'trials', '00000501.json'));
    await rm(join(dir, 'trials', '00000501.json'));
    const gone = await t.throwsAsync(Store.openReadOnly(dir), { instanceOf: StoreError });
    t.regex(gone?.message ?? '', /lists trials\/00000501\.json, which does not exist/);
  }));

test('the optimiser history follows every change, though only changed trials are converted again', (t) =>
  withDir(async (dir) => {
    const rng = new Rng(5);
    const store = await Store.open(dir, testSettings());
    const fresh = () => store.trials.map((x) => ({ vals: x.vals, loss: x.state === 'ok' ? (x.result?.loss ?? null) : null, state: x.state }));
    const a = runningTrial(store, rng);
    await store.addTrial(a);
    t.deepEqual(store.optimizerHistory(), fresh());
    const b = runningTrial(store, rng);
    await store.addTrial(b);
    await store.finishTrial(a.id, workerResult(rng, a.id), 'ok');
    const before = store.optimizerHistory();
    t.deepEqual(before, fresh());
    await store.updateTrial(b.id, { state: 'interrupted' });
    t.deepEqual(store.optimizerHistory(), fresh());
    t.is(before[1]!.state, 'running', 'a history handed out earlier is not changed afterwards');
    t.true(typeof store.optimizerHistory()[0]!.loss === 'number');
    await store.close();
  }));
