import { createHash } from 'node:crypto';
import test from 'ava';
import { DataError } from '../../source/data/errors.js';
import { loadCifar } from '../../source/data/load.js';
import { type Split, balancedQuotas, classCounts, firstBalancedMask, holdoutMask } from '../../source/data/splits.js';
import { SAMPLE_DIR, tempDir, writeRelease } from '../helpers/cifar-files.js';

function imageKeys(split: Split): string[] {
  const keys: string[] = [];
  for (let i = 0; i < split.count; i++) {
    keys.push(`${split.fine[i]}:${createHash('md5').update(split.images.subarray(i * 3072, (i + 1) * 3072)).digest('hex')}`);
  }
  return keys;
}

test('default: 5,000 training images held out as validation, seeded and class-balanced; test kept apart', async (t) => {
  const full = await loadCifar({ dataDir: SAMPLE_DIR, validation: 'test' });
  const data = await loadCifar({ dataDir: SAMPLE_DIR, seed: 7 });
  t.is(data.train.count, 5_000);
  t.is(data.validation.count, 5_000);
  t.is(data.test.count, 5_000);
  t.deepEqual([...classCounts(data.validation.fine, 100)], new Array(100).fill(50));
  t.deepEqual([...classCounts(data.train.fine, 100)], new Array(100).fill(50));
  // Together the two splits are exactly the training file; no test image is in either.
  t.deepEqual([...imageKeys(data.train), ...imageKeys(data.validation)].sort(), imageKeys(full.train).sort());
  t.deepEqual(imageKeys(data.test), imageKeys(full.test));
  t.true(data.train.images.buffer instanceof SharedArrayBuffer);
  t.is(data.train.images.length, 5_000 * 3072);
  t.is(data.classes.fine, 100);
  t.is(data.labelNames.fine[0], 'apple');

  const again = await loadCifar({ dataDir: SAMPLE_DIR, seed: 7, holdout: 1_000 });
  t.deepEqual([...classCounts(again.validation.fine, 100)], new Array(100).fill(10));
  const same = await loadCifar({ dataDir: SAMPLE_DIR, seed: 7, holdout: 1_000 });
  t.deepEqual(imageKeys(same.validation), imageKeys(again.validation));
  const other = await loadCifar({ dataDir: SAMPLE_DIR, seed: 8, holdout: 1_000 });
  t.notDeepEqual(imageKeys(other.validation), imageKeys(again.validation));
});

test("validation 'test' reproduces the reference: validation is the test set", async (t) => {
  const data = await loadCifar({ dataDir: SAMPLE_DIR, validation: 'test' });
  t.is(data.train.count, 10_000);
  t.is(data.validation.images, data.test.images);
  t.is(data.validation.name, 'validation');
});

test('trainLimit keeps the first N training images, class-balanced', async (t) => {
  const full = await loadCifar({ dataDir: SAMPLE_DIR, validation: 'test' });
  const data = await loadCifar({ dataDir: SAMPLE_DIR, validation: 'test', trainLimit: 250 });
  t.is(data.train.count, 250);
  // Sample record k has class k % 100: the first 250 class-balanced images are records 0..249.
  t.true(Buffer.from(data.train.images).equals(Buffer.from(full.train.images.subarray(0, 250 * 3072))));
  const counts = classCounts(data.train.fine, 100);
  t.deepEqual([counts[0], counts[49], counts[50], counts[99]], [3, 3, 2, 2]);

  const held = await loadCifar({ dataDir: SAMPLE_DIR, trainLimit: 1_000, holdout: 5_000 });
  t.is(held.train.count, 1_000);
  t.is(held.validation.count, 5_000);
  t.deepEqual([...classCounts(held.train.fine, 100)], new Array(100).fill(10));

  const all = await loadCifar({ dataDir: SAMPLE_DIR, validation: 'test', trainLimit: 20_000 });
  t.is(all.train.count, 10_000);
  t.regex(all.notices.at(-1)!, /trainLimit 20000 ≥ the 10000 training images available: all are used/);
});

test('CIFAR-10 loads with one label per image', async (t) => {
  const dir = tempDir(t);
  writeRelease(dir, 'cifar10', 500, 100);
  const data = await loadCifar({ dataset: 'cifar10', dataDir: dir, holdout: 50 });
  t.is(data.train.count, 450);
  t.is(data.train.coarse, null);
  t.deepEqual([...classCounts(data.validation.fine, 10)], new Array(10).fill(5));
  t.deepEqual(data.classes, { fine: 10, coarse: null });
});

test('missing data and impossible options give clear errors', async (t) => {
  const dir = tempDir(t);
  const missing = await t.throwsAsync(loadCifar({ dataDir: dir }), { instanceOf: DataError });
  t.is(missing.code, 'not-found');
  t.regex(missing.message, /No CIFAR-100 data in .*Run 'cifar-tui data' to download it/);
  await t.throwsAsync(loadCifar({ dataDir: SAMPLE_DIR, holdout: 10_000 }), { instanceOf: RangeError, message: /holdout \(10000\) must be smaller than the 10,000 training images/ });
  await t.throwsAsync(loadCifar({ dataDir: SAMPLE_DIR, holdout: 2.5 }), { instanceOf: RangeError });
  await t.throwsAsync(loadCifar({ dataDir: SAMPLE_DIR, trainLimit: 0 }), { instanceOf: RangeError });
});

test('quotas are equal, give the remainder to the first classes in order, and move the share of a class that runs out', (t) => {
  t.deepEqual([...balancedQuotas(Uint32Array.of(10, 10, 10), 7, [2, 0, 1])], [2, 2, 3]);
  t.deepEqual([...balancedQuotas(Uint32Array.of(1, 10, 10), 9, [0, 1, 2])], [1, 4, 4]);
  t.deepEqual([...balancedQuotas(Uint32Array.of(1, 2, 0), 9, [0, 1, 2])], [1, 2, 0]);
  const labels = Uint8Array.of(0, 0, 0, 1, 1, 2, 0, 1);
  t.deepEqual([...firstBalancedMask(labels, 3, 4)], [1, 1, 0, 1, 0, 1, 0, 0]);
  const mask = holdoutMask(labels, 3, 3, 1);
  t.is(mask.reduce((a, b) => a + b, 0), 3);
  t.deepEqual([...classCounts(labels.filter((_, i) => mask[i]), 3)], [1, 1, 1]);
});
