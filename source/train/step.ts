/**
 * One optimiser step on a batch, split into chunks whose gradients are summed (each chunk's
 * loss is weighted by its share of the batch, so the sum is the whole batch's gradient), and
 * evaluation of a split. Batch norm sees each chunk's statistics.
 */
import * as tf from '@tensorflow/tfjs';
import { type Batch, type BatchSource, IMAGE_SIZE } from './dataset.js';
import { correct, crossEntropy } from './losses.js';
import { splitBatch } from './memory.js';

/** Means over the examples; coarse values are null for a single-head (CIFAR-10) model. */
export interface Metrics {
  loss: number;
  fineLoss: number;
  coarseLoss: number | null;
  fineAcc: number;
  coarseAcc: number | null;
}

export interface Heads {
  fine: number;
  coarse: number | null;
  coarseWeight: number;
}

interface Chunk {
  x: tf.Tensor;
  fine: tf.Tensor;
  coarse: tf.Tensor | null;
}

function chunkTensors(batch: Batch, start: number, end: number): Chunk {
  const n = end - start;
  return {
    x: tf.tensor4d(batch.x.subarray(start * IMAGE_SIZE, end * IMAGE_SIZE), [n, 32, 32, 3]),
    fine: tf.tensor1d(Int32Array.from(batch.fine.subarray(start, end)), 'int32'),
    coarse: batch.coarse ? tf.tensor1d(Int32Array.from(batch.coarse.subarray(start, end)), 'int32') : null,
  };
}

export class Trainer {
  private readonly vars: tf.Variable[];

  constructor(
    readonly model: tf.LayersModel,
    readonly optimizer: tf.Optimizer,
    readonly heads: Heads,
  ) {
    this.vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  }

  /** Sums over the chunk: [fine CE, coarse CE, fine correct, coarse correct]. */
  private sums(c: Chunk, training: boolean): { sums: tf.Tensor; weighted: tf.Tensor } {
    const out = this.model.apply(c.x, { training }) as tf.Tensor | tf.Tensor[];
    const [fineP, coarseP] = Array.isArray(out) ? out : [out];
    const fineCe = crossEntropy(fineP, c.fine, this.heads.fine).sum();
    const fineOk = correct(fineP, c.fine).sum();
    let coarseCe = tf.scalar(0);
    let coarseOk = tf.scalar(0);
    if (this.heads.coarse !== null && coarseP && c.coarse) {
      coarseCe = crossEntropy(coarseP, c.coarse, this.heads.coarse).sum();
      coarseOk = correct(coarseP, c.coarse).sum();
    }
    return { sums: tf.stack([fineCe, coarseCe, fineOk, coarseOk]), weighted: fineCe.add(coarseCe.mul(this.heads.coarseWeight)) };
  }

  private regularisation(): tf.Scalar {
    return tf.tidy(() => this.model.calculateLosses().reduce<tf.Scalar>((a, l) => a.add(l), tf.scalar(0)));
  }

  private metrics(v: ArrayLike<number>, n: number, loss: number): Metrics {
    const single = this.heads.coarse === null;
    return {
      loss,
      fineLoss: v[0] / n,
      coarseLoss: single ? null : v[1] / n,
      fineAcc: v[2] / n,
      coarseAcc: single ? null : v[3] / n,
    };
  }

  /** Trains on the batch with at most `chunk` examples per pass; returns the batch's metrics. */
  async trainBatch(batch: Batch, chunk: number): Promise<Metrics> {
    const n = batch.size;
    let grads: tf.NamedTensorMap | null = null;
    let total: tf.Tensor | null = null;
    const kept: tf.Tensor[] = [];
    try {
      for (const [start, end] of splitBatch(n, chunk)) {
        const c = chunkTensors(batch, start, end);
        try {
          const step = tf.variableGrads(() => {
            const { sums, weighted } = this.sums(c, true);
            kept.push(tf.keep(sums));
            return weighted.div(n).add(this.regularisation().mul((end - start) / n)) as tf.Scalar;
          }, this.vars);
          grads = grads === null ? step.grads : accumulate(grads, step.grads);
          total = total === null ? step.value : addDisposing(total, step.value);
        } finally {
          tf.dispose([c.x, c.fine, c.coarse ?? []]);
        }
      }
      if (grads) this.optimizer.applyGradients(grads);
      const summed = tf.tidy(() => tf.addN(kept).concat(total!.reshape([1])));
      const v = await summed.data();
      summed.dispose();
      return this.metrics(v, n, v[4]);
    } finally {
      tf.dispose(kept);
      if (grads) tf.dispose(grads);
      if (total) tf.dispose(total);
    }
  }

  /** Metrics of the model in inference mode over a whole split; loss includes the L2 penalty. */
  async evaluate(source: BatchSource, batchSize: number): Promise<Metrics> {
    const totals = [0, 0, 0, 0];
    let n = 0;
    for await (const batch of source.batches(batchSize)) {
      const c = chunkTensors(batch, 0, batch.size);
      try {
        const sums = tf.tidy(() => this.sums(c, false).sums);
        const v = await sums.data();
        sums.dispose();
        for (let k = 0; k < 4; k++) totals[k] += v[k];
        n += batch.size;
      } finally {
        tf.dispose([c.x, c.fine, c.coarse ?? []]);
      }
    }
    if (n === 0) throw new Error('evaluation split is empty');
    const reg = this.regularisation();
    const penalty = (await reg.data())[0];
    reg.dispose();
    const m = this.metrics(totals, n, 0);
    m.loss = m.fineLoss + (m.coarseLoss ?? 0) * this.heads.coarseWeight + penalty;
    return m;
  }
}

function accumulate(into: tf.NamedTensorMap, add: tf.NamedTensorMap): tf.NamedTensorMap {
  for (const name of Object.keys(into)) into[name] = addDisposing(into[name], add[name]);
  return into;
}

function addDisposing(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const sum = tf.add(a, b);
  a.dispose();
  b.dispose();
  return sum;
}
