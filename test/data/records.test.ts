import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { DATASETS } from '../../source/data/datasets.js';
import { DataError } from '../../source/data/errors.js';
import { readLabelNames } from '../../source/data/label-names.js';
import { readSplit } from '../../source/data/load.js';
import { LabelScan, decodeRecords, recordCount } from '../../source/data/records.js';
import { SAMPLE_DIR, makeRecords } from '../helpers/cifar-files.js';

const spec100 = DATASETS.cifar100;
const spec10 = DATASETS.cifar10;

test('the real sample decodes to the pixel values another source prints (first red byte of image 0 of a class)', async (t) => {
  const scan = new LabelScan(spec100);
  const train = await readSplit(spec100, SAMPLE_DIR, [{ name: 'train.bin', records: 10_000 }], 'train', scan);
  const test_ = await readSplit(spec100, SAMPLE_DIR, [{ name: 'test.bin', records: 5_000 }], 'test', scan);
  t.is(train.count, 10_000);
  t.is(test_.count, 5_000);
  // Record c is image 0 of fine class c (see the sample's README).
  const red = (images: Uint8Array, record: number) => images[record * 3072];
  const trainLabels = [19, 29, 0, 11, 1, 86, 90, 28, 23, 31];
  const trainRed = [255, 255, 250, 124, 43, 190, 50, 178, 122, 255];
  const testLabels = [49, 33, 72, 51, 71, 92, 15, 14, 23, 0];
  const testRed = [199, 113, 61, 93, 80, 168, 37, 175, 233, 182];
  t.deepEqual(trainLabels.map((c) => red(train.images, c)), trainRed);
  t.deepEqual(testLabels.map((c) => red(test_.images, c)), testRed);
  for (let k = 0; k < 300; k++) t.is(train.fine[k], k % 100);
  // Official fine → coarse pairs, e.g. apple (0) → fruit_and_vegetables (4), aquarium_fish (1) → fish (1).
  t.is(train.coarse![0], 4);
  t.is(train.coarse![1], 1);
  t.is(train.coarse![99], 13);
});

test('records are converted from planar RGB to NHWC exactly', async (t) => {
  const raw = fs.readFileSync(path.join(SAMPLE_DIR, 'test.bin')).subarray(0, 20 * 3074);
  const out = { images: new Uint8Array(20 * 3072), fine: new Uint8Array(20), coarse: new Uint8Array(20) };
  decodeRecords(spec100, raw, 20, out, 0);
  for (let n = 0; n < 20; n++) {
    t.is(out.coarse[n], raw[n * 3074]);
    t.is(out.fine[n], raw[n * 3074 + 1]);
    for (const [y, x] of [[0, 0], [0, 31], [17, 5], [31, 31]]) {
      for (let c = 0; c < 3; c++) t.is(out.images[n * 3072 + (y * 32 + x) * 3 + c], raw[n * 3074 + 2 + c * 1024 + y * 32 + x]);
    }
  }
});

test('CIFAR-10 records (one label byte) decode with no coarse labels', (t) => {
  const raw = makeRecords('cifar10', 12);
  const out = { images: new Uint8Array(12 * 3072), fine: new Uint8Array(12), coarse: null };
  decodeRecords(spec10, raw, 12, out, 0);
  t.deepEqual([...out.fine], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  t.is(out.images[3072 * 5 + 3 * 33 + 2], raw[5 * 3073 + 1 + 2048 + 33]);
});

test('label names come from the release text files', async (t) => {
  const names = await readLabelNames(SAMPLE_DIR, spec100);
  t.is(names.fine.length, 100);
  t.is(names.fine[0], 'apple');
  t.is(names.fine[99], 'worm');
  t.is(names.coarse!.length, 20);
  t.is(names.coarse![0], 'aquatic_mammals');
});

test('recordCount accepts whole records and names the file and the fix otherwise', (t) => {
  t.is(recordCount(spec100, 'x/train.bin', 3074 * 7), 7);
  const partial = t.throws(() => recordCount(spec100, 'x/train.bin', 3074 * 7 + 100), { instanceOf: DataError });
  t.is(partial.code, 'size');
  t.regex(partial.message, /x\/train\.bin.*not a whole number of 3074-byte CIFAR-100 records/);
  const empty = t.throws(() => recordCount(spec100, 'x/train.bin', 0), { instanceOf: DataError });
  t.regex(empty.message, /empty/);
});

test('a CIFAR-10 file given as CIFAR-100 is recognised by its size', (t) => {
  const error = t.throws(() => recordCount(spec100, 'd/train.bin', 3073 * 10_000), { instanceOf: DataError });
  t.is(error.code, 'format');
  t.regex(error.message, /d\/train\.bin holds 10,000 records of 3073 bytes, the CIFAR-10 format.*--dataset cifar10/);
});

test('label checks catch out-of-range labels and an inconsistent fine → coarse pairing', (t) => {
  const records = makeRecords('cifar100', 4);
  const scan = new LabelScan(spec100);
  t.notThrows(() => scan.check('f.bin', records, 4, 0));
  const bad = Buffer.from(records);
  bad[2 * 3074 + 1] = 150;
  t.regex(t.throws(() => new LabelScan(spec100).check('f.bin', bad, 4, 10))!.message, /f\.bin: record 12 has fine label 150 \(must be below 100\)/);
  const mixed = Buffer.from(records);
  mixed[3 * 3074] = 7; // fine 3 was paired with coarse 3 earlier in `scan`
  t.regex(t.throws(() => scan.check('g.bin', mixed, 4, 0))!.message, /record 3 has fine label 3 with coarse label 7.*not a CIFAR-100 file/);
  const ten = makeRecords('cifar10', 3);
  ten[3073] = 10;
  t.regex(t.throws(() => new LabelScan(spec10).check('b.bin', ten, 3, 0))!.message, /record 1 has label 10 \(must be below 10\)/);
});
