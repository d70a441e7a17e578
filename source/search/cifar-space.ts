/**
 * The reference project's search space over architecture and training hyperparameters
 * (seed-spec.md §1), with its demo and best points, and the mapping from decoded parameters
 * back to Hyperopt's per-label record (seed-spec.md §10), used to warm-start from old results.
 */
import { type Point, pointFromVals } from './point.js';
import { type Vals, hp } from './space.js';

export type OptimizerName = 'Adam' | 'Nadam' | 'RMSprop';
export type PoolingType = 'max' | 'avg' | 'all_conv' | 'inception';
export type Activation = 'relu' | 'elu';

/** The 19 keys the model builder receives, named as in the reference (including its typos). */
export interface CifarParams {
  lr_rate_mult: number;
  l2_weight_reg_mult: number;
  batch_size: number;
  optimizer: OptimizerName;
  coarse_labels_weight: number;
  conv_dropout_drop_proba: number;
  fc_dropout_drop_proba: number;
  use_BN: boolean;
  first_conv: 3 | 4 | null;
  residual: number | null;
  conv_hiddn_units_mult: number;
  nb_conv_pool_layers: 2 | 3;
  conv_pool_res_start_idx: number;
  pooling_type: PoolingType;
  conv_kernel_size: number;
  res_conv_kernel_size: number;
  fc_units_1_mult: number;
  one_more_fc: number | null;
  activation: Activation;
}

export const OPTIMIZERS: readonly OptimizerName[] = ['Adam', 'Nadam', 'RMSprop'];
export const POOLING_TYPES: readonly PoolingType[] = ['max', 'avg', 'all_conv', 'inception'];
export const ACTIVATIONS: readonly Activation[] = ['relu', 'elu'];

/** Bumped whenever the space changes, so a store made with another space is never mixed in. */
export const CIFAR_SPACE_VERSION = 1;

export const cifarSpace = {
  lr_rate_mult: hp.loguniform('lr_rate_mult', -0.5, 0.5),
  l2_weight_reg_mult: hp.loguniform('l2_weight_reg_mult', -1.3, 1.3),
  batch_size: hp.quniform('batch_size', 100, 450, 5),
  optimizer: hp.choice('optimizer', OPTIMIZERS),
  coarse_labels_weight: hp.uniform('coarse_labels_weight', 0.1, 0.7),
  conv_dropout_drop_proba: hp.uniform('conv_dropout_proba', 0.0, 0.35),
  fc_dropout_drop_proba: hp.uniform('fc_dropout_proba', 0.0, 0.6),
  use_BN: hp.choice('use_BN', [false, true]),
  first_conv: hp.choice('first_conv', [null, hp.choice('first_conv_size', [3, 4])]),
  residual: hp.choice('residual', [null, hp.quniform('residual_units', 1 - 0.499, 4 + 0.499, 1)]),
  conv_hiddn_units_mult: hp.loguniform('conv_hiddn_units_mult', -0.6, 0.6),
  nb_conv_pool_layers: hp.choice('nb_conv_pool_layers', [2, 3]),
  conv_pool_res_start_idx: hp.quniform('conv_pool_res_start_idx', 0, 2, 1),
  pooling_type: hp.choice('pooling_type', POOLING_TYPES),
  conv_kernel_size: hp.quniform('conv_kernel_size', 2, 4, 1),
  res_conv_kernel_size: hp.quniform('res_conv_kernel_size', 2, 4, 1),
  fc_units_1_mult: hp.loguniform('fc_units_1_mult', -0.6, 0.6),
  one_more_fc: hp.choice('one_more_fc', [null, hp.loguniform('fc_units_2_mult', -0.6, 0.6)]),
  activation: hp.choice('activation', ACTIVATIONS),
} as const;

/** The reference's fixed space used to draw `model_demo.png` (5,742,401 parameters). */
export const CIFAR_DEMO_PARAMS: Readonly<CifarParams> = Object.freeze({
  lr_rate_mult: 1.0,
  l2_weight_reg_mult: 1.0,
  batch_size: 300,
  optimizer: 'Nadam',
  coarse_labels_weight: 0.2,
  conv_dropout_drop_proba: 0.175,
  fc_dropout_drop_proba: 0.3,
  use_BN: true,
  first_conv: 4,
  residual: 4.0,
  conv_hiddn_units_mult: 1.0,
  nb_conv_pool_layers: 3,
  conv_pool_res_start_idx: 0.0,
  pooling_type: 'inception',
  conv_kernel_size: 3.0,
  res_conv_kernel_size: 3.0,
  fc_units_1_mult: 1.0,
  one_more_fc: 1.0,
  activation: 'elu',
});

/** The reference's best trial (tid 28, `model_0.676100010872_6066e`, 7,061,116 parameters). */
export const CIFAR_BEST_PARAMS: Readonly<CifarParams> = Object.freeze({
  activation: 'elu',
  batch_size: 320,
  coarse_labels_weight: 0.3067103474295116,
  conv_dropout_drop_proba: 0.25923531175521264,
  conv_hiddn_units_mult: 1.5958302613876916,
  conv_kernel_size: 3,
  conv_pool_res_start_idx: 0,
  fc_dropout_drop_proba: 0.4322253354921089,
  fc_units_1_mult: 1.3083964454436132,
  first_conv: 3,
  l2_weight_reg_mult: 0.41206755600055983,
  lr_rate_mult: 0.6549347353077412,
  nb_conv_pool_layers: 3,
  one_more_fc: null,
  optimizer: 'Nadam',
  pooling_type: 'avg',
  res_conv_kernel_size: 2,
  residual: 3,
  use_BN: true,
});

function indexOf<T>(label: string, options: readonly T[], value: T): number {
  const i = options.indexOf(value);
  if (i < 0) throw new RangeError(`${label}: ${JSON.stringify(value)} is not one of ${JSON.stringify(options)}`);
  return i;
}

/**
 * The per-label record of decoded CIFAR parameters (choices become indices, inactive labels
 * `[]`), validated against the space: the inverse of `pointFromVals(cifarSpace, vals)`.
 */
export function cifarValsFromParams(params: CifarParams): Vals {
  const vals: Vals = {
    lr_rate_mult: [params.lr_rate_mult],
    l2_weight_reg_mult: [params.l2_weight_reg_mult],
    batch_size: [params.batch_size],
    optimizer: [indexOf('optimizer', OPTIMIZERS, params.optimizer)],
    coarse_labels_weight: [params.coarse_labels_weight],
    conv_dropout_proba: [params.conv_dropout_drop_proba],
    fc_dropout_proba: [params.fc_dropout_drop_proba],
    use_BN: [indexOf('use_BN', [false, true], params.use_BN)],
    first_conv: [params.first_conv === null ? 0 : 1],
    first_conv_size: params.first_conv === null ? [] : [indexOf('first_conv', [3, 4], params.first_conv)],
    residual: [params.residual === null ? 0 : 1],
    residual_units: params.residual === null ? [] : [params.residual],
    conv_hiddn_units_mult: [params.conv_hiddn_units_mult],
    nb_conv_pool_layers: [indexOf('nb_conv_pool_layers', [2, 3], params.nb_conv_pool_layers)],
    conv_pool_res_start_idx: [params.conv_pool_res_start_idx],
    pooling_type: [indexOf('pooling_type', POOLING_TYPES, params.pooling_type)],
    conv_kernel_size: [params.conv_kernel_size],
    res_conv_kernel_size: [params.res_conv_kernel_size],
    fc_units_1_mult: [params.fc_units_1_mult],
    one_more_fc: [params.one_more_fc === null ? 0 : 1],
    fc_units_2_mult: params.one_more_fc === null ? [] : [params.one_more_fc],
    activation: [indexOf('activation', ACTIVATIONS, params.activation)],
  };
  pointFromVals(cifarSpace, vals);
  return vals;
}

/** Decoded parameters and per-label record of CIFAR parameters, checked against the space. */
export function cifarPoint(params: CifarParams): Point<CifarParams> {
  return pointFromVals<CifarParams>(cifarSpace, cifarValsFromParams(params));
}
