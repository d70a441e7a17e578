/** Narrower networks of the same architecture, for quick runs on a CPU (`--width-scale`). */
import type { CifarParams } from '../search/index.js';

/**
 * Multiplies the widths the hyperparameters control (conv base filters, first and second dense
 * layer) by `scale`; 1 returns the parameters unchanged. The store keeps the unscaled point.
 */
export function scaleWidths(params: CifarParams, scale: number): CifarParams {
  if (scale === 1) return params;
  return {
    ...params,
    conv_hiddn_units_mult: params.conv_hiddn_units_mult * scale,
    fc_units_1_mult: params.fc_units_1_mult * scale,
    one_more_fc: params.one_more_fc === null ? null : params.one_more_fc * scale,
  };
}
