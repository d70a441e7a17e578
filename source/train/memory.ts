/**
 * How many examples one forward/backward pass may hold. A batch larger than that is trained as
 * several chunks whose gradients are summed before one optimiser step (gradient accumulation),
 * so the effective batch stays the hyperparameter's. On wasm the heap stops at 4 GB: the
 * reference's best network fails at batch 128 with 'memory access out of bounds'.
 */
import os from 'node:os';
import type * as tf from '@tensorflow/tfjs';

/**
 * Peak bytes of a training pass per float of layer output: the tape keeps every op's output
 * (BN and the activations add several per layer) and the backward pass adds its own. tf.profile's
 * peakBytes, less weights and optimiser state, gave 32–35 on scaled-down best, demo and
 * all-conv networks of this family. The best network needs about 73 MiB per image.
 */
export const TRAIN_BYTES_PER_ACTIVATION = 36;

/** Floats of layer output per example, summed over the model's layers. */
export function activationsPerExample(model: tf.LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const shapes = (Array.isArray(layer.outputShape[0]) ? layer.outputShape : [layer.outputShape]) as Array<
      Array<number | null>
    >;
    for (const shape of shapes) total += shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
  }
  return total;
}

/** A default activation budget per backend; null when only an actual failure can tell. */
export function defaultMemoryBudget(backend: string): number | null {
  if (backend === 'wasm') return 2.5 * 2 ** 30;
  if (backend === 'cpu') return Math.min(os.totalmem() / 4, 16 * 2 ** 30);
  return null;
}

/** The largest chunk (at most `batchSize`) whose estimated training footprint fits `budget`. */
export function chunkForBudget(model: tf.LayersModel, batchSize: number, budget: number | null): number {
  if (budget === null) return batchSize;
  const perExample = activationsPerExample(model) * TRAIN_BYTES_PER_ACTIVATION;
  return Math.max(1, Math.min(batchSize, Math.floor(budget / perExample)));
}

const OOM = /out of memory|\bOOM\b|memory access out of bounds|failed to allocate|allocation failed|cannot allocate|Invalid (typed )?array length|Array buffer allocation/i;

export function isOutOfMemory(err: unknown): boolean {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return OOM.test(message);
}

/** Chunks for a batch of n examples: equal sizes, none above `chunk`. */
export function splitBatch(n: number, chunk: number): Array<[number, number]> {
  const parts = Math.ceil(n / chunk);
  const out: Array<[number, number]> = [];
  for (let k = 0; k < parts; k++) out.push([Math.floor((k * n) / parts), Math.floor(((k + 1) * n) / parts)]);
  return out;
}
