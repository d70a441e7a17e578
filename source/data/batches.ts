/**
 * Batching: a seeded permutation per epoch, a seeded left–right flip per image (training only), and the
 * uint8 → float32 conversion x/255 − 0.5 done per batch. `batches()` is the synchronous iterator;
 * `BatchFeeder` (prefetch.ts) runs the same plan on a worker thread, ahead of the consumer.
 */
import { Rng } from '../search/rng.js';
import { IMAGE_BYTES, IMAGE_SIZE } from './datasets.js';

/** What a batch needs of a split (a `Split` fits). */
export interface BatchSource {
  count: number;
  images: Uint8Array;
  fine: Uint8Array;
  coarse: Uint8Array | null;
}

export interface BatchOptions {
  batchSize: number;
  /** Seed of the shuffles and flips (e.g. the trial's seed); each epoch derives its own stream. */
  seed?: number;
  epoch?: number;
  /** A new permutation every epoch (default true). Evaluation passes false. */
  shuffle?: boolean;
  /** Random left–right flip with p = 0.5 (default false). Training only (seed-spec B4). */
  flip?: boolean;
  /** Drop the last, smaller batch (default false, as Keras). */
  dropRemainder?: boolean;
}

export interface Batch {
  epoch: number;
  /** Position of the batch in the epoch. */
  index: number;
  size: number;
  /** size × 32 × 32 × 3 floats, NHWC, x/255 − 0.5. */
  x: Float32Array;
  fine: Int32Array;
  coarse: Int32Array | null;
}

export interface EpochPlan {
  epoch: number;
  batchSize: number;
  batches: number;
  /** Image index for each position of the epoch. */
  order: Uint32Array;
  /** 1 where the image at that position is flipped; null without flips. */
  flips: Uint8Array | null;
}

/** x/255 − 0.5 for every byte value, as float32. */
const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255 - 0.5);
const ROW = IMAGE_SIZE * 3;

/** A 32-bit seed for one epoch of a run, well mixed so that nearby seeds and epochs differ. */
export function epochSeed(seed: number, epoch: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x85ebca6b, 0x9e3779b1) ^ Math.floor(seed / 2 ** 32);
  h = Math.imul(h ^ (h >>> 16) ^ (epoch + 1), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

export function epochPlan(count: number, options: BatchOptions): EpochPlan {
  const { batchSize, seed = 0, epoch = 0, shuffle = true, flip = false, dropRemainder = false } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const rng = new Rng(epochSeed(seed, epoch));
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  if (shuffle) {
    for (let i = count - 1; i > 0; i--) {
      const j = rng.integer(0, i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
  let flips: Uint8Array | null = null;
  if (flip) {
    flips = new Uint8Array(count);
    for (let i = 0; i < count; i++) flips[i] = rng.nextUint32() >>> 31;
  }
  const batches = dropRemainder ? Math.floor(count / batchSize) : Math.ceil(count / batchSize);
  return { epoch, batchSize, batches, order, flips };
}

/** Converts batch `index` of a plan (into fresh arrays: tensors may keep a reference to them). */
export function fillBatch(source: BatchSource, plan: EpochPlan, index: number): Batch {
  const start = index * plan.batchSize;
  const size = Math.min(plan.batchSize, plan.order.length - start);
  const x = new Float32Array(size * IMAGE_BYTES);
  const fine = new Int32Array(size);
  const coarse = source.coarse ? new Int32Array(size) : null;
  const { images } = source;
  for (let j = 0; j < size; j++) {
    const n = plan.order[start + j];
    fine[j] = source.fine[n];
    if (coarse) coarse[j] = source.coarse![n];
    const s = n * IMAGE_BYTES;
    const d = j * IMAGE_BYTES;
    if (plan.flips && plan.flips[start + j]) {
      for (let row = 0; row < IMAGE_BYTES; row += ROW) {
        for (let col = 0; col < ROW; col += 3) {
          const from = s + row + ROW - 3 - col;
          const to = d + row + col;
          x[to] = SCALE[images[from]];
          x[to + 1] = SCALE[images[from + 1]];
          x[to + 2] = SCALE[images[from + 2]];
        }
      }
    } else {
      for (let t = 0; t < IMAGE_BYTES; t++) x[d + t] = SCALE[images[s + t]];
    }
  }
  return { epoch: plan.epoch, index, size, x, fine, coarse };
}

/** The batches of one epoch, converted on demand on the calling thread. */
export function* batches(source: BatchSource, options: BatchOptions): Generator<Batch> {
  const plan = epochPlan(source.count, options);
  for (let i = 0; i < plan.batches; i++) yield fillBatch(source, plan, i);
}
