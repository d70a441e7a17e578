/** Small networks of the reference family, cheap enough to train in tests on the cpu backend. */
import { CIFAR_BEST_PARAMS, type CifarParams } from '../../source/search/cifar-space.js';

/** conv base 4 filters (×0.1), 2 blocks, max pooling, no residual, dense 50. */
export function tinyParams(overrides: Partial<CifarParams> = {}): CifarParams {
  return {
    ...CIFAR_BEST_PARAMS,
    batch_size: 50,
    optimizer: 'Adam',
    lr_rate_mult: 1,
    conv_hiddn_units_mult: 0.1,
    nb_conv_pool_layers: 2,
    first_conv: null,
    residual: null,
    pooling_type: 'max',
    use_BN: true,
    fc_units_1_mult: 0.05,
    one_more_fc: null,
    conv_dropout_drop_proba: 0,
    fc_dropout_drop_proba: 0,
    ...overrides,
  };
}
