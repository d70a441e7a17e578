/**
 * Hyperopt's adaptive Parzen estimator: 1-D Gaussian mixtures (GMM, and LGMM for log-scale
 * parameters) built from observations, sampled with rejection inside bounds, and scored with
 * one mixture-wide truncation normaliser (tpe-spec.md §1.4–§1.7).
 */
import { EPS, linearForgettingWeights, normalMass, quantize } from './math.js';
import type { Rng } from './rng.js';

export interface Mixture {
  weights: Float64Array;
  mus: Float64Array;
  sigmas: Float64Array;
}

/** Bounds and quantisation of a mixture; bounds are in the mixture's own (log, for LGMM) space. */
export interface MixtureShape {
  log: boolean;
  low?: number;
  high?: number;
  q?: number;
}

/**
 * The mixture for observations `mus` (oldest first) with the prior component inserted at
 * its sorted position (tpe-spec.md §1.4).
 */
export function adaptiveParzenNormal(mus: ArrayLike<number>, priorWeight: number, priorMu: number, priorSigma: number, lf = 25): Mixture {
  const n = mus.length;
  if (n === 0) {
    return { weights: Float64Array.of(1), mus: Float64Array.of(priorMu), sigmas: Float64Array.of(priorSigma) };
  }
  const lfWeights = linearForgettingWeights(n, lf);
  const order = sortedOrder(mus);
  // Left insertion point of the prior among the sorted observations.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mus[order[mid]] < priorMu) lo = mid + 1;
    else hi = mid;
  }
  const priorPos = n === 1 ? (priorMu < mus[0] ? 0 : 1) : lo;
  const m = n + 1;
  const srtd = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0, j = 0; i < m; i++) {
    if (i === priorPos) {
      srtd[i] = priorMu;
      weights[i] = priorWeight;
    } else {
      srtd[i] = mus[order[j]];
      weights[i] = lfWeights[order[j]];
      j++;
    }
  }
  const sigmas = new Float64Array(m);
  if (n === 1) {
    sigmas[priorPos] = priorSigma;
    sigmas[1 - priorPos] = 0.5 * priorSigma;
  } else {
    sigmas[0] = srtd[1] - srtd[0];
    sigmas[m - 1] = srtd[m - 1] - srtd[m - 2];
    for (let i = 1; i < m - 1; i++) sigmas[i] = Math.max(srtd[i] - srtd[i - 1], srtd[i + 1] - srtd[i]);
  }
  const maxSigma = priorSigma;
  const minSigma = priorSigma / Math.min(100, 1 + m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    sigmas[i] = Math.min(Math.max(sigmas[i], minSigma), maxSigma);
    total += weights[i];
  }
  sigmas[priorPos] = priorSigma;
  for (let i = 0; i < m; i++) weights[i] /= total;
  return { weights, mus: srtd, sigmas };
}

/** Indices that sort `values` ascending; ties keep their original (oldest-first) order. */
function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = values[i];
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (keys[i] < keys[i - 1]) sorted = false;
  if (sorted) return order;
  const idx = Array.from(order);
  idx.sort((a, b) => keys[a] - keys[b] || a - b);
  return Uint32Array.from(idx);
}

/** Draws from the mixture: rejection inside [low, high) of the mixture's space, then exp for LGMM, then quantisation. */
export function sampleMixture(mix: Mixture, shape: MixtureShape, count: number, rng: Rng): number[] {
  const cumulative = new Float64Array(mix.weights.length);
  let acc = 0;
  for (let i = 0; i < mix.weights.length; i++) cumulative[i] = acc += mix.weights[i];
  const pick = (): number => {
    const r = rng.random() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const low = shape.low ?? -Infinity;
  const high = shape.high ?? Infinity;
  const out: number[] = [];
  let attempts = 0;
  while (out.length < count) {
    const k = pick();
    let draw = rng.normal(mix.mus[k], mix.sigmas[k]);
    if (!(draw >= low && draw < high)) {
      // The prior component keeps the accepted mass ≥ ~0.34·w_prior, so this is a guard, not a path.
      if (++attempts < 100_000) continue;
      draw = Math.min(Math.max(draw, low), high);
    }
    let x = shape.log ? Math.exp(draw) : draw;
    if (shape.q !== undefined) x = quantize(x, shape.q);
    out.push(x);
  }
  return out;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log of the mixture's accepted mass inside its bounds (0 when unbounded). */
function logAccept(mix: Mixture, shape: MixtureShape): number {
  if (shape.low === undefined && shape.high === undefined) return 0;
  const low = shape.low ?? -Infinity;
  const high = shape.high ?? Infinity;
  let p = 0;
  for (let k = 0; k < mix.weights.length; k++) p += mix.weights[k] * normalMass(low, high, mix.mus[k], mix.sigmas[k]);
  return Math.log(p);
}

/**
 * Log-likelihood of each x under the mixture, as Hyperopt's GMM1_lpdf / LGMM1_lpdf compute it
 * (including the LGMM quirk: no truncation normaliser without q).
 */
export function mixtureLogPdf(xs: readonly number[], mix: Mixture, shape: MixtureShape): Float64Array {
  const out = new Float64Array(xs.length);
  const cache = new Map<number, number>();
  const m = mix.weights.length;
  const q = shape.q;
  if (q === undefined) {
    // Per-component constant and inverse sigma, so the loop is one exp per component.
    const c = new Float64Array(m);
    const inv = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const s = mix.sigmas[k];
      inv[k] = 1 / Math.max(s, EPS);
      c[k] = Math.log(mix.weights[k]) - Math.log(s) - LOG_SQRT_2PI;
    }
    const norm = shape.log ? 0 : logAccept(mix, shape);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const hit = cache.get(x);
      if (hit !== undefined) {
        out[i] = hit;
        continue;
      }
      const t = shape.log ? Math.log(x) : x;
      let max = -Infinity;
      let sum = 0;
      for (let k = 0; k < m; k++) {
        const z = (t - mix.mus[k]) * inv[k];
        const term = c[k] - 0.5 * z * z;
        if (term > max) {
          sum = sum * Math.exp(max - term) + 1;
          max = term;
        } else {
          sum += Math.exp(term - max);
        }
      }
      const v = max + Math.log(sum) - (shape.log ? t : 0) - norm;
      cache.set(x, v);
      out[i] = v;
    }
    return out;
  }
  const norm = logAccept(mix, shape);
  const half = q / 2;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const hit = cache.get(x);
    if (hit !== undefined) {
      out[i] = hit;
      continue;
    }
    let a: number;
    let b: number;
    if (shape.log) {
      let ub = x + half;
      let lb = x - half;
      if (shape.high !== undefined) ub = Math.min(ub, Math.exp(shape.high));
      if (shape.low !== undefined) lb = Math.max(lb, Math.exp(shape.low));
      lb = Math.max(0, lb);
      a = Math.log(Math.max(lb, EPS));
      b = Math.log(Math.max(ub, EPS));
    } else {
      a = x - half;
      b = x + half;
      if (shape.high !== undefined) b = Math.min(b, shape.high);
      if (shape.low !== undefined) a = Math.max(a, shape.low);
    }
    let prob = 0;
    if (b > a) for (let k = 0; k < m; k++) prob += mix.weights[k] * normalMass(a, b, mix.mus[k], mix.sigmas[k]);
    const v = Math.log(prob) - norm;
    cache.set(x, v);
    out[i] = v;
  }
  return out;
}

/** Category probabilities from linearly forgotten counts plus prior pseudocounts (tpe-spec.md §1.8). */
export function categoricalPosterior(obs: ArrayLike<number>, size: number, priorWeight: number, priorProbs?: readonly number[], lf = 25): Float64Array {
  const weights = linearForgettingWeights(obs.length, lf);
  const p = new Float64Array(size);
  for (let i = 0; i < obs.length; i++) p[obs[i]] += weights[i];
  let total = 0;
  for (let j = 0; j < size; j++) {
    p[j] += priorProbs ? size * priorWeight * priorProbs[j] : priorWeight;
    total += p[j];
  }
  for (let j = 0; j < size; j++) p[j] /= total;
  return p;
}
