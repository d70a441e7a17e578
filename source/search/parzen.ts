/**
 * Hyperopt's adaptive Parzen estimator: 1-D Gaussian mixtures (GMM, and LGMM for log-scale
 * parameters) built from observations, sampled with rejection inside bounds, and scored with
 * one mixture-wide truncation normaliser (tpe-spec.md §1.4–§1.7).
 */
import { linearForgettingWeights, quantize } from './math.js';
import type { Rng } from './rng.js';
import { argsort } from './sort.js';
import { MixtureDensity } from './density.js';

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
  const lfWeights = linearForgettingWeights(n, lf);
  const order = argsort(mus);
  const sortedMus = new Float64Array(n);
  const sortedWeights = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    sortedMus[r] = mus[order[r]];
    sortedWeights[r] = lfWeights[order[r]];
  }
  return parzenFromSorted(sortedMus, sortedWeights, priorWeight, priorMu, priorSigma);
}

/**
 * The same mixture from observations already sorted ascending, each with its linear-forgetting
 * weight: what the TPE hot path calls, as it keeps its observations sorted across suggestions.
 */
export function parzenFromSorted(sortedMus: Float64Array, sortedWeights: Float64Array, priorWeight: number, priorMu: number, priorSigma: number): Mixture {
  const n = sortedMus.length;
  if (n === 0) {
    return { weights: Float64Array.of(1), mus: Float64Array.of(priorMu), sigmas: Float64Array.of(priorSigma) };
  }
  // Left insertion point: the prior goes before observations equal to it (except n = 1, as in Hyperopt).
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedMus[mid] < priorMu) lo = mid + 1;
    else hi = mid;
  }
  const priorPos = n === 1 ? (priorMu < sortedMus[0] ? 0 : 1) : lo;
  const m = n + 1;
  const mus = new Float64Array(m);
  const weights = new Float64Array(m);
  mus.set(sortedMus.subarray(0, priorPos), 0);
  mus[priorPos] = priorMu;
  mus.set(sortedMus.subarray(priorPos), priorPos + 1);
  weights.set(sortedWeights.subarray(0, priorPos), 0);
  weights[priorPos] = priorWeight;
  weights.set(sortedWeights.subarray(priorPos), priorPos + 1);
  const sigmas = new Float64Array(m);
  if (n === 1) {
    sigmas[priorPos] = priorSigma;
    sigmas[1 - priorPos] = 0.5 * priorSigma;
  } else {
    sigmas[0] = mus[1] - mus[0];
    sigmas[m - 1] = mus[m - 1] - mus[m - 2];
    for (let i = 1; i < m - 1; i++) sigmas[i] = Math.max(mus[i] - mus[i - 1], mus[i + 1] - mus[i]);
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
  return { weights, mus, sigmas };
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

/**
 * Log-likelihood of each x under the mixture, as Hyperopt's GMM1_lpdf / LGMM1_lpdf compute it
 * (including the LGMM quirk: no truncation normaliser without q).
 */
export function mixtureLogPdf(xs: readonly number[], mix: Mixture, shape: MixtureShape): Float64Array {
  const density = new MixtureDensity(mix, shape);
  const out = new Float64Array(xs.length);
  const cache = new Map<number, number>();
  for (let i = 0; i < xs.length; i++) {
    let v = cache.get(xs[i]);
    if (v === undefined) {
      v = density.logPdf(xs[i]);
      cache.set(xs[i], v);
    }
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
