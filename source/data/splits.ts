/**
 * Splits of uint8 NHWC images: a seeded class-balanced hold-out (validation), and the first N
 * images class-balanced (quick runs). Images stay in file order within each split.
 */
import { Rng } from '../search/rng.js';
import { IMAGE_BYTES } from './datasets.js';

export interface Split {
  name: 'train' | 'validation' | 'test';
  count: number;
  /** count × 32 × 32 × 3 bytes, NHWC (SharedArrayBuffer-backed when loaded, so a batch thread can read it). */
  images: Uint8Array;
  /** Fine labels (CIFAR-100) or the labels (CIFAR-10). */
  fine: Uint8Array;
  /** Coarse labels (CIFAR-100), null for CIFAR-10. */
  coarse: Uint8Array | null;
}

/** A byte array that worker threads can share without copying. */
export function sharedBytes(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

export function classCounts(labels: Uint8Array, classes: number): Uint32Array {
  const counts = new Uint32Array(classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/**
 * How many images to take from each class so that `n` images are as evenly spread as possible:
 * equal shares, the remainder to the first classes in `order`, and the share of a class that runs
 * out goes to the others.
 */
export function balancedQuotas(counts: Uint32Array, n: number, order: readonly number[]): Uint32Array {
  const quota = new Uint32Array(counts.length);
  let left = n;
  while (left > 0) {
    const open = order.filter((c) => quota[c] < counts[c]);
    if (open.length === 0) break;
    const share = Math.floor(left / open.length);
    if (share === 0) {
      for (const c of open.slice(0, left)) quota[c]++;
      break;
    }
    for (const c of open) {
      const add = Math.min(share, counts[c] - quota[c]);
      quota[c] += add;
      left -= add;
    }
  }
  return quota;
}

/** Marks `holdout` images (1 = held out), class-balanced, drawn at random with `seed`. */
export function holdoutMask(labels: Uint8Array, classes: number, holdout: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const order = rng.shuffle(Array.from({ length: classes }, (_, c) => c));
  const quota = balancedQuotas(classCounts(labels, classes), holdout, order);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const mask = new Uint8Array(labels.length);
  for (let c = 0; c < classes; c++) {
    const members = byClass[c];
    // Partial Fisher–Yates: the first quota[c] places get a uniform random sample.
    for (let k = 0; k < quota[c]; k++) {
      const j = rng.integer(k, members.length);
      [members[k], members[j]] = [members[j], members[k]];
      mask[members[k]] = 1;
    }
  }
  return mask;
}

/** Marks the first `limit` images class-balanced (1 = kept): the first images of each class in file order. */
export function firstBalancedMask(labels: Uint8Array, classes: number, limit: number): Uint8Array {
  const quota = balancedQuotas(
    classCounts(labels, classes),
    limit,
    Array.from({ length: classes }, (_, c) => c),
  );
  const mask = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    if (quota[labels[i]] > 0) {
      quota[labels[i]]--;
      mask[i] = 1;
    }
  }
  return mask;
}

function countMask(mask: Uint8Array, keep: number): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === keep) n++;
  return n;
}

/** A new split holding the images where mask[i] === keep (copied into fresh shared memory). */
export function copySubset(split: Split, mask: Uint8Array, keep: 0 | 1, name: Split['name']): Split {
  const count = countMask(mask, keep);
  const out: Split = { name, count, images: sharedBytes(count * IMAGE_BYTES), fine: new Uint8Array(count), coarse: split.coarse ? new Uint8Array(count) : null };
  let j = 0;
  for (let i = 0; i < split.count; i++) {
    if (mask[i] !== keep) continue;
    out.images.set(split.images.subarray(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES), j * IMAGE_BYTES);
    out.fine[j] = split.fine[i];
    if (out.coarse) out.coarse[j] = split.coarse![i];
    j++;
  }
  return out;
}

/** Keeps the images where mask[i] === keep by moving them forward in place (no second copy). `split` is consumed. */
export function compactInPlace(split: Split, mask: Uint8Array, keep: 0 | 1, name: Split['name']): Split {
  let j = 0;
  for (let i = 0; i < split.count; i++) {
    if (mask[i] !== keep) continue;
    if (i !== j) {
      split.images.copyWithin(j * IMAGE_BYTES, i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES);
      split.fine[j] = split.fine[i];
      if (split.coarse) split.coarse[j] = split.coarse[i];
    }
    j++;
  }
  return { name, count: j, images: split.images.subarray(0, j * IMAGE_BYTES), fine: split.fine.subarray(0, j), coarse: split.coarse?.subarray(0, j) ?? null };
}
