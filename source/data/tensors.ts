/**
 * The only data file that loads TensorFlow.js (worker side): a prepared batch as tensors.
 * The caller disposes them.
 */
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches.js';
import { CHANNELS, IMAGE_SIZE } from './datasets.js';

export interface BatchTensors {
  /** [size, 32, 32, 3] float32. */
  x: tf.Tensor4D;
  /** One-hot [size, fineClasses] float32. */
  fine: tf.Tensor2D;
  /** One-hot [size, coarseClasses] float32; null for CIFAR-10. */
  coarse: tf.Tensor2D | null;
}

function oneHot(labels: Int32Array, depth: number): tf.Tensor2D {
  return tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), depth).toFloat() as tf.Tensor2D);
}

export function batchToTensors(batch: Batch, classes: { fine: number; coarse: number | null }): BatchTensors {
  return {
    x: tf.tensor4d(batch.x, [batch.size, IMAGE_SIZE, IMAGE_SIZE, CHANNELS], 'float32'),
    fine: oneHot(batch.fine, classes.fine),
    coarse: batch.coarse && classes.coarse ? oneHot(batch.coarse, classes.coarse) : null,
  };
}
