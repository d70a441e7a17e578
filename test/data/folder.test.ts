import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { DATASETS } from '../../source/data/datasets.js';
import { DataError } from '../../source/data/errors.js';
import { checkFolder, locateFolder } from '../../source/data/folder.js';
import { SAMPLE_DIR, makeRecords, tempDir, writeRelease } from '../helpers/cifar-files.js';

const spec100 = DATASETS.cifar100;
const spec10 = DATASETS.cifar10;

test('the real sample folder is accepted with a notice about its size', async (t) => {
  const report = await checkFolder(SAMPLE_DIR, spec100);
  t.is(report.trainRecords, 10_000);
  t.is(report.testRecords, 5_000);
  t.deepEqual(report.files, [
    { name: 'train.bin', split: 'train', records: 10_000 },
    { name: 'test.bin', split: 'test', records: 5_000 },
  ]);
  t.is(report.notices.length, 1);
  t.regex(report.notices[0], /smaller set than the official release: 10,000 training and 5,000 test records \(official: 50,000 and 10,000\)/);
});

test('locateFolder finds the release folder itself or under a data root', async (t) => {
  const root = tempDir(t);
  t.is(await locateFolder(spec100, root), null);
  t.is(await locateFolder(spec100, SAMPLE_DIR), SAMPLE_DIR);
  const folder = writeRelease(root, 'cifar100', 200, 100);
  t.is(await locateFolder(spec100, root), folder);
  t.is(await locateFolder(spec100, folder), folder);
  t.is(await locateFolder(spec10, root), null); // CIFAR-100 beside: CIFAR-10 is simply not there yet
});

test('an extracted Python release (pickles) is recognised, in the root or its own folder, and the binary one asked for', async (t) => {
  const root = tempDir(t);
  const python = path.join(root, 'cifar-100-python');
  fs.mkdirSync(python);
  for (const f of ['train', 'test', 'meta']) fs.writeFileSync(path.join(python, f), 'pickle');
  for (const dir of [root, python]) {
    const error = await t.throwsAsync(locateFolder(spec100, dir), { instanceOf: DataError });
    t.is(error.code, 'format');
    t.is(error.message, `${python} holds the Python release of CIFAR-100 (pickled files), but cifar-tui reads the binary release. Download cifar-100-binary.tar.gz instead (cifar-tui data does it), or pass it with --archive FILE.`);
  }
  t.is(await locateFolder(spec10, root), null, 'the CIFAR-10 lookup is not confused by it');
});

test('a CIFAR-10 folder given as CIFAR-100 says which dataset it is', async (t) => {
  const folder = writeRelease(tempDir(t), 'cifar10', 100, 50);
  const error = await t.throwsAsync(locateFolder(spec100, folder), { instanceOf: DataError });
  t.is(error.code, 'format');
  t.regex(error.message, /holds CIFAR-10 files .* not CIFAR-100\. Pass --dataset cifar10/);
  const report = await checkFolder(folder, spec10);
  t.is(report.trainRecords, 100);
  t.deepEqual(report.files.map((f) => f.records), [20, 20, 20, 20, 20, 50]);
  t.is(report.labelNames.coarse, null);
  t.is(report.labelNames.fine.length, 10);
});

test('a missing data file or names file is named, with the fix', async (t) => {
  const folder = writeRelease(tempDir(t), 'cifar100', 100, 100);
  fs.rmSync(path.join(folder, 'test.bin'));
  const missing = await t.throwsAsync(checkFolder(folder, spec100), { instanceOf: DataError });
  t.is(missing.code, 'missing');
  t.is(missing.file, path.join(folder, 'test.bin'));
  t.regex(missing.message, /test\.bin is missing: .* not a complete CIFAR-100 folder.*Extract cifar-100-binary\.tar\.gz again/);

  const other = writeRelease(tempDir(t), 'cifar100', 100, 100);
  fs.rmSync(path.join(other, 'coarse_label_names.txt'));
  const names = await t.throwsAsync(checkFolder(other, spec100), { instanceOf: DataError });
  t.is(names.file, path.join(other, 'coarse_label_names.txt'));
  fs.writeFileSync(path.join(other, 'coarse_label_names.txt'), 'a\nb\n');
  t.regex((await t.throwsAsync(checkFolder(other, spec100)))!.message, /lists 2 class names, but CIFAR-100 has 20/);
});

test('a data file that is not a whole number of records is refused', async (t) => {
  const folder = writeRelease(tempDir(t), 'cifar100', 100, 100);
  fs.appendFileSync(path.join(folder, 'train.bin'), Buffer.alloc(10));
  const error = await t.throwsAsync(checkFolder(folder, spec100), { instanceOf: DataError });
  t.is(error.code, 'size');
  t.regex(error.message, /train\.bin: its size \(307,410 bytes\) is not a whole number of 3074-byte CIFAR-100 records/);
});

test('CIFAR-10 records saved as train.bin are recognised (size, then labels)', async (t) => {
  const folder = writeRelease(tempDir(t), 'cifar100', 100, 100);
  fs.writeFileSync(path.join(folder, 'train.bin'), makeRecords('cifar10', 100));
  t.is((await t.throwsAsync(checkFolder(folder, spec100), { instanceOf: DataError })).code, 'format');
  // 3074 CIFAR-10 records are also 3073 whole CIFAR-100 records: the labels give them away.
  fs.writeFileSync(path.join(folder, 'train.bin'), makeRecords('cifar10', 3074, 5));
  const error = await t.throwsAsync(checkFolder(folder, spec100), { instanceOf: DataError });
  t.is(error.code, 'labels');
  t.regex(error.message, /train\.bin: record \d+ has .*not a CIFAR-100 file/);
});

test('a smaller folder where some classes have no training images gets a second notice', async (t) => {
  const folder = writeRelease(tempDir(t), 'cifar100', 30, 10);
  const report = await checkFolder(folder, spec100);
  t.is(report.notices.length, 2);
  t.regex(report.notices[1], /70 of 100 classes have no training images/);
  t.is((await checkFolder(folder, spec100, { labels: false })).notices.length, 1);
});
