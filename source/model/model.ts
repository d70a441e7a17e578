/** The compiled model: network, optimiser and losses as the reference compiles them (seed-spec §2 step 8). */
import * as tf from '@tensorflow/tfjs';
import type { CifarParams } from '../search/cifar-space.js';
import { Nadam } from './nadam.js';
import { type NetworkOptions, buildNetwork } from './network.js';
import { KerasRmsprop } from './rmsprop.js';

export const BASE_LEARNING_RATE = 0.001;
/** Keras 2.0.6's epsilon for Adam, Nadam and RMSprop (tfjs defaults to 1e-7). */
export const OPTIMIZER_EPSILON = 1e-8;

export function learningRate(params: CifarParams): number {
  return BASE_LEARNING_RATE * params.lr_rate_mult;
}

/** The reference's optimiser with lr 0.001 × `lr_rate_mult` and Keras 2.0.6 defaults otherwise. */
export function makeOptimizer(params: CifarParams): tf.Optimizer {
  const lr = learningRate(params);
  switch (params.optimizer) {
    case 'Adam':
      return tf.train.adam(lr, 0.9, 0.999, OPTIMIZER_EPSILON);
    case 'Nadam':
      return new Nadam({ learningRate: lr, epsilon: OPTIMIZER_EPSILON });
    case 'RMSprop':
      return new KerasRmsprop({ learningRate: lr, rho: 0.9, epsilon: OPTIMIZER_EPSILON });
  }
}

/**
 * The network compiled with its optimiser, categorical cross-entropy on each sigmoid head
 * (sum-normalised, seed-spec B6) and accuracy, so that it can be saved with its optimiser and
 * evaluated. tfjs has no `lossWeights`: `model.fit` would weigh the coarse head 1, so training
 * goes through `source/train/`, which applies `coarse_labels_weight`. The optimiser belongs to
 * the caller: `model.dispose()` leaves it, `disposeModel` frees both.
 */
export function buildModel(params: CifarParams, options: NetworkOptions = {}): tf.LayersModel {
  const model = buildNetwork(params, options);
  const heads = model.outputs.length;
  model.compile({
    optimizer: makeOptimizer(params),
    loss: heads === 1 ? 'categoricalCrossentropy' : ['categoricalCrossentropy', 'categoricalCrossentropy'],
    metrics: ['accuracy'],
  });
  return model;
}

export function disposeModel(model: tf.LayersModel): void {
  const optimizer = model.optimizer;
  model.dispose();
  optimizer?.dispose();
}
