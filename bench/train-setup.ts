/** Shared by the training benchmarks: backend start-up, a small network of the family, flags. */
import { initBackend, isBackendName } from '../source/backend/index.js';
import { CIFAR_BEST_PARAMS, type CifarParams } from '../source/search/cifar-space.js';

export const SAMPLE_DIR = new URL('../../shared/cifar100-sample/', import.meta.url);

/** A small network of the reference family: 32-64-128 filters, max pooling, BN, dense 256. */
export const SMALL_PARAMS: CifarParams = {
  ...CIFAR_BEST_PARAMS,
  optimizer: 'Adam',
  lr_rate_mult: 1,
  l2_weight_reg_mult: 0.3,
  batch_size: 64,
  first_conv: null,
  residual: null,
  conv_hiddn_units_mult: 0.8,
  nb_conv_pool_layers: 3,
  pooling_type: 'max',
  use_BN: true,
  conv_kernel_size: 3,
  fc_units_1_mult: 0.256,
  one_more_fc: null,
  conv_dropout_drop_proba: 0.1,
  fc_dropout_drop_proba: 0.3,
  activation: 'elu',
};

/** Starts `name` through source/backend (it adds the training kernels wasm lacks); false if it cannot. */
export async function startBackend(name: string): Promise<string | null> {
  if (!isBackendName(name)) throw new Error(`unknown backend ${name}`);
  try {
    const info = await initBackend({ backend: name });
    return `${info.name} (${info.device})`;
  } catch (err) {
    console.log(`  ${name}: cannot start (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    return null;
  }
}

export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
