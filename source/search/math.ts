/** Numeric helpers shared by the samplers and the Parzen estimators. */

export const EPS = 1e-12;
const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

// Rational approximations of erf/erfc on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35) and
// [1/0.35, 28): the published coefficients of Sun's fdlibm (s_erf.c), accurate to < 1 ulp.
const ERX = 8.45062911510467529297e-1;
const PP = [1.28379167095512558561e-1, -3.25042107247001499370e-1, -2.84817495755985104766e-2, -5.77027029648944159157e-3, -2.37630166566501626084e-5];
const QQ = [3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4, -3.96022827877536812320e-6];
const PA = [-2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1, 3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.16637559486879084300e-3];
const QA = [1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1, 1.36370839120290507362e-2, 1.19844998467991074170e-2];
const RA = [-9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1, -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1, -9.81432934416914548592];
const SA = [1.96512716674392571292e1, 1.37657754143519042600e2, 4.34565877475229228821e2, 6.45387271733267880336e2, 4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2];
const RB = [-9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1, -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2];
const SB = [3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3, 2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1];

function poly(c: readonly number[], x: number): number {
  let r = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) r = r * x + c[i];
  return r;
}

/** 1 + x·poly(c, x): the denominators, whose constant term is 1. */
function poly1(c: readonly number[], x: number): number {
  return 1 + x * poly(c, x);
}

/** erfc(x) for x ≥ 1.25 (the tail form exp(−x² − 0.5625 + R/S) / x). */
function erfcTail(ax: number): number {
  if (ax >= 28) return 0;
  const s = 1 / (ax * ax);
  const r = ax < 1 / 0.35 ? poly(RA, s) / poly1(SA, s) : poly(RB, s) / poly1(SB, s);
  return Math.exp(-ax * ax - 0.5625 + r) / ax;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    const z = x * x;
    return x + x * (poly(PP, z) / poly1(QQ, z));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const v = ERX + poly(PA, s) / poly1(QA, s);
    return x >= 0 ? v : -v;
  }
  const v = 1 - erfcTail(ax);
  return x >= 0 ? v : -v;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 0.84375) return 1 - erf(x);
  if (ax < 1.25) {
    const s = ax - 1;
    const e = ERX + poly(PA, s) / poly1(QA, s);
    return x >= 0 ? 1 - e : 1 + e;
  }
  const t = erfcTail(ax);
  return x >= 0 ? t : 2 - t;
}

/** Normal CDF Φ(x; μ, σ) as Hyperopt writes it: 0.5(1 + erf((x − μ)/max(√2σ, EPS))). */
export function normalCdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / Math.max(SQRT2 * sigma, EPS);
  return 0.5 * erfc(-z);
}

/**
 * Φ(b) − Φ(a) for a ≤ b, computed on the side of the tail so that two values close to 1 do
 * not cancel (Hyperopt's direct difference loses all digits there).
 */
export function normalMass(a: number, b: number, mu: number, sigma: number): number {
  const d = Math.max(SQRT2 * sigma, EPS);
  const za = (a - mu) / d;
  const zb = (b - mu) / d;
  if (za >= 0) return 0.5 * (erfc(za) - erfc(zb));
  if (zb <= 0) return 0.5 * (erfc(-zb) - erfc(-za));
  return 1 - 0.5 * (erfc(-za) + erfc(zb));
}

/** log N(x; μ, σ) with Hyperopt's max(σ, EPS) floor. */
export function normalLogPdf(x: number, mu: number, sigma: number): number {
  const s = Math.max(sigma, EPS);
  const z = (x - mu) / s;
  return -0.5 * z * z - Math.log(s) - LOG_SQRT_2PI;
}

/** numpy's round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** round(x / q) · q with numpy's rounding, as Hyperopt quantises. */
export function quantize(x: number, q: number): number {
  return roundHalfEven(x / q) * q;
}

/** log Σ exp(values[i]) without overflow. */
export function logSumExp(values: ArrayLike<number>, length = values.length): number {
  let max = -Infinity;
  for (let i = 0; i < length; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** Linear forgetting weights (Hyperopt's `linear_forgetting_weights`, LF = 25). */
export function linearForgettingWeights(n: number, lf = 25): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n <= lf) return w;
  const ramp = n - lf;
  if (ramp === 1) {
    w[0] = 1 / n;
    return w;
  }
  for (let i = 0; i < ramp; i++) w[i] = 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  return w;
}
