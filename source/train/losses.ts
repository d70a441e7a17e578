/** Loss and accuracy of one sigmoid head, with Keras 2.0.6's semantics (seed-spec §2 step 8). */
import * as tf from '@tensorflow/tfjs';

/** Keras' clipping epsilon (tfjs-layers uses the backend's, which differs on some backends). */
export const CE_EPSILON = 1e-7;

/**
 * Per-example categorical cross-entropy: the outputs are first divided by their sum over the
 * classes, then clipped to [ε, 1 − ε]. `labels` are int32 class indices.
 */
export function crossEntropy(probs: tf.Tensor, labels: tf.Tensor, classes: number): tf.Tensor {
  return tf.tidy(() => {
    const p = probs.div(probs.sum(-1, true)).clipByValue(CE_EPSILON, 1 - CE_EPSILON);
    return tf.oneHot(labels, classes).toFloat().mul(p.log()).sum(-1).neg();
  });
}

/** 1 where the arg-max of the outputs is the label, else 0 (categorical accuracy). */
export function correct(probs: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return tf.tidy(() => probs.argMax(-1).equal(labels).toFloat());
}
