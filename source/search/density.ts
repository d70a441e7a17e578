/**
 * Fast evaluation of a Parzen mixture's log-likelihood. Components are sorted by mean, so for
 * each x only the components near it are visited: one whose contribution is below e^-40 of the
 * running total cannot change a double and is skipped. Wide components (σ more than 3× the
 * narrowest) are always evaluated. The result equals the full sum to ~1e-17 relative.
 */
import { EPS, normalMass } from './math.js';
import type { Mixture, MixtureShape } from './parzen.js';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Relative size below which a term cannot change the sum: e^-40 ≈ 4e-18. */
const NEGLIGIBLE = Math.exp(-40);

export class MixtureDensity {
  private readonly m: number;
  /** w_k / σ_k, the peak of each component's (unnormalised by √2π) density. */
  private readonly coef: Float64Array;
  private readonly inv: Float64Array;
  private readonly wide: number[] = [];
  private readonly narrow: Uint8Array;
  /** Largest σ, largest w/σ and largest w among narrow components: bounds for skipping. */
  private readonly narrowSigma: number;
  private readonly narrowCoef: number;
  private readonly narrowWeight: number;
  private readonly logAccept: number;

  constructor(
    private readonly mix: Mixture,
    private readonly shape: MixtureShape,
  ) {
    const m = (this.m = mix.weights.length);
    this.coef = new Float64Array(m);
    this.inv = new Float64Array(m);
    this.narrow = new Uint8Array(m);
    let minSigma = Infinity;
    for (let k = 0; k < m; k++) minSigma = Math.min(minSigma, mix.sigmas[k]);
    let narrowSigma = 0;
    let narrowCoef = 0;
    let narrowWeight = 0;
    for (let k = 0; k < m; k++) {
      const s = Math.max(mix.sigmas[k], EPS);
      this.inv[k] = 1 / s;
      this.coef[k] = mix.weights[k] / s;
      if (s <= 3 * minSigma) {
        this.narrow[k] = 1;
        narrowSigma = Math.max(narrowSigma, s);
        narrowCoef = Math.max(narrowCoef, this.coef[k]);
        narrowWeight = Math.max(narrowWeight, mix.weights[k]);
      } else {
        this.wide.push(k);
      }
    }
    this.narrowSigma = narrowSigma;
    this.narrowCoef = narrowCoef;
    this.narrowWeight = narrowWeight;
    this.logAccept = shape.low === undefined && shape.high === undefined ? 0 : Math.log(this.acceptedMass());
  }

  /** Σ w_k · P_k(low ≤ X < high); components well inside the bounds count as 1 without an erfc. */
  private acceptedMass(): number {
    const low = this.shape.low ?? -Infinity;
    const high = this.shape.high ?? Infinity;
    const { weights, mus, sigmas } = this.mix;
    let p = 0;
    for (let k = 0; k < this.m; k++) {
      const reach = 9 * sigmas[k];
      p += weights[k] * (mus[k] - reach > low && mus[k] + reach < high ? 1 : normalMass(low, high, mus[k], sigmas[k]));
    }
    return p;
  }

  /** First component index whose mean is ≥ t. */
  private position(t: number): number {
    const mus = this.mix.mus;
    let lo = 0;
    let hi = this.m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mus[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  logPdf(x: number): number {
    return this.shape.q === undefined ? this.continuous(x) : this.quantised(x, this.shape.q);
  }

  private continuous(x: number): number {
    const t = this.shape.log ? Math.log(x) : x;
    const { mus } = this.mix;
    const { coef, inv, narrow, narrowSigma, narrowCoef } = this;
    let sum = 0;
    for (const k of this.wide) {
      const z = (t - mus[k]) * inv[k];
      sum += coef[k] * Math.exp(-0.5 * z * z);
    }
    const p = this.position(t);
    for (let k = p; k < this.m; k++) {
      if (!narrow[k]) continue;
      const z = (t - mus[k]) * inv[k];
      const zMax = (mus[k] - t) / narrowSigma;
      if (sum > 0 && narrowCoef * Math.exp(-0.5 * zMax * zMax) < sum * NEGLIGIBLE) break;
      sum += coef[k] * Math.exp(-0.5 * z * z);
    }
    for (let k = p - 1; k >= 0; k--) {
      if (!narrow[k]) continue;
      const z = (t - mus[k]) * inv[k];
      const zMax = (t - mus[k]) / narrowSigma;
      if (sum > 0 && narrowCoef * Math.exp(-0.5 * zMax * zMax) < sum * NEGLIGIBLE) break;
      sum += coef[k] * Math.exp(-0.5 * z * z);
    }
    // Far out in the tails every term underflows: redo the sum in log space.
    const lse = sum > 1e-300 ? Math.log(sum * INV_SQRT_2PI) : this.logSumExp(t);
    // LGMM without q: a density over x, so the Jacobian 1/x applies, and (Hyperopt's quirk) no normaliser.
    return this.shape.log ? lse - t : lse - this.logAccept;
  }

  private logSumExp(t: number): number {
    const { mus, weights } = this.mix;
    let max = -Infinity;
    const terms = new Float64Array(this.m);
    for (let k = 0; k < this.m; k++) {
      const z = (t - mus[k]) * this.inv[k];
      terms[k] = Math.log(weights[k] * this.inv[k]) - LOG_SQRT_2PI - 0.5 * z * z;
      if (terms[k] > max) max = terms[k];
    }
    if (max === -Infinity) return -Infinity;
    let sum = 0;
    for (let k = 0; k < this.m; k++) sum += Math.exp(terms[k] - max);
    return max + Math.log(sum);
  }

  private quantised(x: number, q: number): number {
    const { shape } = this;
    const half = q / 2;
    let a: number;
    let b: number;
    if (shape.log) {
      let ub = x + half;
      let lb = x - half;
      if (shape.high !== undefined) ub = Math.min(ub, Math.exp(shape.high));
      if (shape.low !== undefined) lb = Math.max(lb, Math.exp(shape.low));
      a = Math.log(Math.max(Math.max(0, lb), EPS));
      b = Math.log(Math.max(ub, EPS));
    } else {
      a = x - half;
      b = x + half;
      if (shape.high !== undefined) b = Math.min(b, shape.high);
      if (shape.low !== undefined) a = Math.max(a, shape.low);
    }
    if (!(b > a)) return -Infinity;
    const { weights, mus, sigmas } = this.mix;
    const { narrow, narrowSigma, narrowWeight } = this;
    let prob = 0;
    for (const k of this.wide) prob += weights[k] * normalMass(a, b, mus[k], sigmas[k]);
    // A narrow component at distance d from [a, b] adds at most w·exp(−d²/2σ²).
    const negligible = (d: number) => {
      const z = d / narrowSigma;
      return prob > 0 && narrowWeight * Math.exp(-0.5 * z * z) < prob * NEGLIGIBLE;
    };
    const p = this.position(a);
    for (let k = p; k < this.m; k++) {
      if (!narrow[k]) continue;
      if (mus[k] > b && negligible(mus[k] - b)) break;
      prob += weights[k] * normalMass(a, b, mus[k], sigmas[k]);
    }
    for (let k = p - 1; k >= 0; k--) {
      if (!narrow[k]) continue;
      if (negligible(a - mus[k])) break;
      prob += weights[k] * normalMass(a, b, mus[k], sigmas[k]);
    }
    return Math.log(prob) - this.logAccept;
  }
}
