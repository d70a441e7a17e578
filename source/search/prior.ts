/** Drawing one primitive from its prior, and checking that a value lies in its support. */
import { quantize } from './math.js';
import type { Rng } from './rng.js';
import type { HpNode } from './space.js';

/** One draw from the node's prior: a choice index for categorical nodes, the value otherwise. */
export function samplePrior(node: HpNode, rng: Rng): number {
  switch (node.kind) {
    case 'choice':
      return rng.integer(0, node.options.length);
    case 'pchoice':
      return rng.categorical(node.probabilities);
    case 'randint':
      return rng.integer(node.low, node.high);
    case 'uniform':
      return rng.uniform(node.low, node.high);
    case 'uniformint':
      return Math.trunc(quantize(rng.uniform(node.low, node.high), 1));
    case 'quniform':
      return quantize(rng.uniform(node.low, node.high), node.q);
    case 'loguniform':
      return Math.exp(rng.uniform(node.low, node.high));
    case 'qloguniform':
      return quantize(Math.exp(rng.uniform(node.low, node.high)), node.q);
    case 'normal':
      return rng.normal(node.mu, node.sigma);
    case 'qnormal':
      return quantize(rng.normal(node.mu, node.sigma), node.q);
    case 'lognormal':
      return Math.exp(rng.normal(node.mu, node.sigma));
    case 'qlognormal':
      return quantize(Math.exp(rng.normal(node.mu, node.sigma)), node.q);
  }
}

const REL = 1e-9;

function onGrid(v: number, q: number): boolean {
  const k = v / q;
  return Math.abs(k - Math.round(k)) <= 1e-6 * Math.max(1, Math.abs(k));
}

function within(v: number, low: number, high: number): boolean {
  const tol = REL * Math.max(1, Math.abs(low), Math.abs(high));
  return v >= low - tol && v <= high + tol;
}

/** Why `v` cannot be a value of `node` (null when it can). */
export function supportError(node: HpNode, v: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `value ${v} is not a finite number`;
  switch (node.kind) {
    case 'choice':
    case 'pchoice':
      return Number.isInteger(v) && v >= 0 && v < node.options.length ? null : `choice index ${v} is not one of 0…${node.options.length - 1}`;
    case 'randint':
      return Number.isInteger(v) && v >= node.low && v < node.high ? null : `value ${v} is not an integer in [${node.low}, ${node.high})`;
    case 'uniformint': {
      const lo = quantize(node.low, 1);
      const hi = quantize(node.high, 1);
      return Number.isInteger(v) && v >= lo && v <= hi ? null : `value ${v} is not an integer in [${lo}, ${hi}]`;
    }
    case 'uniform':
      return within(v, node.low, node.high) ? null : `value ${v} is outside [${node.low}, ${node.high}]`;
    case 'loguniform':
      return within(v, Math.exp(node.low), Math.exp(node.high)) ? null : `value ${v} is outside [${Math.exp(node.low)}, ${Math.exp(node.high)}]`;
    case 'quniform':
    case 'qloguniform': {
      const lo = node.kind === 'quniform' ? node.low : Math.exp(node.low);
      const hi = node.kind === 'quniform' ? node.high : Math.exp(node.high);
      const qlo = quantize(lo, node.q);
      const qhi = quantize(hi, node.q);
      if (!onGrid(v, node.q)) return `value ${v} is not a multiple of q = ${node.q}`;
      return within(v, qlo, qhi) ? null : `value ${v} is outside [${qlo}, ${qhi}]`;
    }
    case 'normal':
      return null;
    case 'qnormal':
      return onGrid(v, node.q) ? null : `value ${v} is not a multiple of q = ${node.q}`;
    case 'lognormal':
      return v > 0 ? null : `value ${v} is not positive`;
    case 'qlognormal':
      if (v < 0) return `value ${v} is negative`;
      return onGrid(v, node.q) ? null : `value ${v} is not a multiple of q = ${node.q}`;
  }
}
