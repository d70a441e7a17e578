import test from 'ava';
import { type Batch, type BatchSource, batches, epochPlan } from '../../source/data/batches.js';
import { loadCifar } from '../../source/data/load.js';
import { BatchFeeder } from '../../source/data/prefetch.js';
import { SAMPLE_DIR } from '../helpers/cifar-files.js';

/** A small split of real images: 1,000 training images of the sample (10 per class). */
const data = loadCifar({ dataDir: SAMPLE_DIR, validation: 'test', trainLimit: 1_000 });

/** Compares batches byte for byte (ava's deepEqual is slow on millions of floats). */
function sameBatches(a: Batch[], b: Batch[]): boolean {
  const bytes = (x: ArrayBufferView | null) => (x ? Buffer.from(x.buffer, x.byteOffset, x.byteLength) : Buffer.alloc(0));
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return x.epoch === y.epoch && x.index === y.index && x.size === y.size && bytes(x.x).equals(bytes(y.x)) && bytes(x.fine).equals(bytes(y.fine)) && (x.coarse === null) === (y.coarse === null) && bytes(x.coarse).equals(bytes(y.coarse));
    })
  );
}

function orderOf(batchList: Batch[], source: BatchSource): number[] {
  // Recover each image's index from its first float (unique enough together with the label for this check).
  return batchList.flatMap((b) => Array.from({ length: b.size }, (_, j) => findImage(source, b, j)));
}

function findImage(source: BatchSource, batch: Batch, j: number): number {
  for (let n = 0; n < source.count; n++) {
    if (source.fine[n] !== batch.fine[j]) continue;
    let same = true;
    for (const p of [0, 1, 500, 3071]) if (Math.fround(source.images[n * 3072 + p] / 255 - 0.5) !== batch.x[j * 3072 + p]) same = false;
    if (same) return n;
  }
  return -1;
}

test('pixels are scaled x/255 − 0.5 in NHWC, labels as int32', async (t) => {
  const { train } = await data;
  const [first] = batches(train, { batchSize: 10, shuffle: false });
  t.is(first.size, 10);
  t.is(first.x.length, 10 * 3072);
  for (let i = 0; i < first.x.length; i += 97) t.is(first.x[i], Math.fround(train.images[i] / 255 - 0.5));
  t.deepEqual([...first.fine], [...train.fine.subarray(0, 10)]);
  t.deepEqual([...first.coarse!], [...train.coarse!.subarray(0, 10)]);
  t.true(first.fine instanceof Int32Array);
  const min = first.x.reduce((a, b) => Math.min(a, b));
  const max = first.x.reduce((a, b) => Math.max(a, b));
  t.true(min >= -0.5 && max <= 0.5);
});

test('every epoch is a seeded permutation of the whole split; a new one each epoch', async (t) => {
  const { train } = await data;
  const plan = (seed: number, epoch: number) => [...epochPlan(train.count, { batchSize: 64, seed, epoch }).order];
  const e0 = plan(3, 0);
  t.deepEqual([...e0].sort((a, b) => a - b), Array.from({ length: train.count }, (_, i) => i));
  t.deepEqual(plan(3, 0), e0);
  t.notDeepEqual(plan(3, 1), e0);
  t.notDeepEqual(plan(4, 0), e0);
  const list = [...batches(train, { batchSize: 64, seed: 3, epoch: 0 })];
  t.is(list.length, 16);
  t.is(list.at(-1)!.size, 1_000 - 15 * 64);
  t.deepEqual(orderOf(list.slice(0, 2), train), e0.slice(0, 128));
  t.is([...batches(train, { batchSize: 64, dropRemainder: true })].length, 15);
  t.deepEqual([...epochPlan(5, { batchSize: 2, shuffle: false }).order], [0, 1, 2, 3, 4]);
  t.throws(() => epochPlan(5, { batchSize: 0 }), { instanceOf: RangeError });
});

test('flip: about half the images are mirrored left–right, exactly, and only when asked', async (t) => {
  const { train } = await data;
  const plan = epochPlan(train.count, { batchSize: 100, seed: 1, flip: true });
  const flipped = plan.flips!.reduce((a, b) => a + b, 0);
  t.true(flipped > 430 && flipped < 570, `${flipped} of 1000 flipped`);
  t.is(epochPlan(train.count, { batchSize: 100, seed: 1 }).flips, null);
  const [plain] = batches(train, { batchSize: 100, seed: 1, shuffle: false });
  const [maybe] = batches(train, { batchSize: 100, seed: 1, shuffle: false, flip: true });
  const flips = epochPlan(train.count, { batchSize: 100, seed: 1, shuffle: false, flip: true }).flips!;
  for (let j = 0; j < 100; j++) {
    for (const [y, x, c] of [[0, 0, 0], [5, 3, 1], [31, 31, 2], [16, 20, 0]]) {
      const source = (flips[j] ? 31 - x : x);
      t.is(maybe.x[j * 3072 + (y * 32 + x) * 3 + c], plain.x[j * 3072 + (y * 32 + source) * 3 + c]);
    }
  }
});

test('BatchFeeder yields exactly the batches of batches(), prepared on a worker thread', async (t) => {
  const { train } = await data;
  const feeder = new BatchFeeder(train, { depth: 2 });
  t.teardown(() => feeder.close());
  for (const epoch of [0, 1]) {
    const options = { batchSize: 96, seed: 5, epoch, flip: true };
    const expected = [...batches(train, options)];
    const got: Batch[] = [];
    for await (const batch of feeder.epoch(options)) got.push(batch);
    t.is(got.length, expected.length);
    t.true(sameBatches(got, expected));
  }
});

test('BatchFeeder: breaking out of an epoch cancels it, and the next epoch starts clean', async (t) => {
  const { validation } = await data;
  const feeder = new BatchFeeder(validation, { depth: 3 });
  t.teardown(() => feeder.close());
  for await (const batch of feeder.epoch({ batchSize: 50, seed: 1 })) if (batch.index === 1) break;
  const options = { batchSize: 500, seed: 2, epoch: 4, shuffle: false };
  const got: Batch[] = [];
  for await (const batch of feeder.epoch(options)) got.push(batch);
  t.true(sameBatches(got, [...batches(validation, options)]));
  await t.throwsAsync(async () => {
    for await (const _ of feeder.epoch({ batchSize: -1 })) void _;
  }, { instanceOf: RangeError });
  await feeder.close();
  // A closed feeder starts a new thread when used again.
  const again: Batch[] = [];
  for await (const batch of feeder.epoch(options)) again.push(batch);
  t.is(again.length, 10);
});

test('a split in ordinary memory is copied to shared memory once for the thread', async (t) => {
  const source: BatchSource = { count: 4, images: new Uint8Array(4 * 3072).map((_, i) => i % 251), fine: Uint8Array.of(0, 1, 2, 3), coarse: null };
  const feeder = new BatchFeeder(source);
  t.teardown(() => feeder.close());
  const got: Batch[] = [];
  for await (const batch of feeder.epoch({ batchSize: 3, seed: 9, flip: true })) got.push(batch);
  t.true(sameBatches(got, [...batches(source, { batchSize: 3, seed: 9, flip: true })]));
  t.is(got[0].coarse, null);
});
