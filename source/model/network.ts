/** Builds the reference's network from its hyperparameters (seed-spec §2). */
import * as tf from '@tensorflow/tfjs';
import type { CifarParams } from '../search/cifar-space.js';
import { Builder } from './blocks.js';

export type DatasetName = 'cifar100' | 'cifar10';

export interface NetworkOptions {
  /** 'cifar100' (default) builds the fine and coarse heads; 'cifar10' a single 10-class head. */
  dataset?: DatasetName;
  /** Seeds the initialisers, dropout and flip streams. Default 0. */
  seed?: number;
  /** The random left–right flip layer (training only). Default true. */
  flip?: boolean;
}

export const BASE_CONV_FILTERS = 40;
export const FIRST_CONV_FILTERS = 16;
export const BASE_FC1_UNITS = 1000;
export const BASE_FC2_UNITS = 750;
export const FINE_OUTPUTS = 'fine_outputs';
export const COARSE_OUTPUTS = 'coarse_outputs';

/** Class counts of the heads: [fine, coarse], coarse null for CIFAR-10. */
export function headSizes(dataset: DatasetName): [number, number | null] {
  return dataset === 'cifar10' ? [10, null] : [100, 20];
}

export function buildNetwork(params: CifarParams, options: NetworkOptions = {}): tf.LayersModel {
  const b = new Builder(params, options.seed ?? 0);
  const input = tf.input({ shape: [32, 32, 3], name: b.names.next('input') });
  let x = options.flip === false ? input : b.flip(input);

  if (params.first_conv !== null) x = b.conv(x, FIRST_CONV_FILTERS, params.first_conv);

  let n = Math.trunc(BASE_CONV_FILTERS * params.conv_hiddn_units_mult);
  const kernel = Math.round(params.conv_kernel_size);
  for (let i = 0; i < params.nb_conv_pool_layers; i++) {
    x = b.maybeBn(b.conv(x, n, kernel));
    if (params.residual !== null && i >= params.conv_pool_res_start_idx) {
      x = b.residualStack(x, n, Math.round(params.residual), Math.round(params.res_conv_kernel_size));
    }
    x = b.dropout(b.reduce(x, params.pooling_type, n), params.conv_dropout_drop_proba);
    n *= 2;
  }

  x = tf.layers.flatten({ name: b.names.next('flatten') }).apply(x) as tf.SymbolicTensor;
  x = b.dropout(b.dense(x, Math.trunc(BASE_FC1_UNITS * params.fc_units_1_mult)), params.fc_dropout_drop_proba);
  if (params.one_more_fc !== null) {
    x = b.dropout(b.dense(x, Math.trunc(BASE_FC2_UNITS * params.one_more_fc)), params.fc_dropout_drop_proba);
  }

  const [fine, coarse] = headSizes(options.dataset ?? 'cifar100');
  const outputs = [b.dense(x, fine, 'sigmoid', FINE_OUTPUTS)];
  if (coarse !== null) outputs.push(b.dense(x, coarse, 'sigmoid', COARSE_OUTPUTS));
  return tf.model({ inputs: input, outputs: outputs.length === 1 ? outputs[0] : outputs, name: 'cifar_cnn' });
}
