/** Short, human descriptions of trials shared by the plain reporter and the dashboard. */
import type { CifarParams } from '../search/index.js';

/** The most telling hyperparameters on one line, e.g. "Nadam elu avg ×3 res3@0 BN k3 lr×0.65 l2×0.41 bs320". */
export function describeParams(p: CifarParams): string {
  const parts = [
    p.optimizer,
    p.activation,
    p.pooling_type,
    `×${p.nb_conv_pool_layers}`,
    p.residual === null ? 'nores' : `res${Math.round(p.residual)}@${Math.round(p.conv_pool_res_start_idx)}`,
    p.use_BN ? 'BN' : 'noBN',
    `k${Math.round(p.conv_kernel_size)}`,
    `lr×${p.lr_rate_mult.toFixed(2)}`,
    `l2×${p.l2_weight_reg_mult.toFixed(2)}`,
    `bs${Math.trunc(p.batch_size)}`,
  ];
  return parts.join(' ');
}

export function formatAccuracy(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(4) : '-';
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}
