/**
 * numpy's (>= 1.17) `np.random.default_rng(seed)` normal stream, reimplemented for tests:
 * SeedSequence entropy mixing → PCG64 (XSL-RR 128/64) → `random_standard_normal` (256-layer
 * ziggurat). Written for exactness rather than speed (all 128-bit arithmetic is BigInt).
 *
 * Seeding and the 64-bit outputs are bit-exact. The ziggurat tables are computed here rather than
 * copied; numpy's shipped tables carry its generator's floating-point rounding, so ours agree to
 * ~4e-14 relative (ki within 66 of 2^52) and normals agree with numpy's to ~1e-14 absolute
 * (checked against 700,000 numpy draws over 7 seeds: every accept/reject decision the same).
 *
 * Used to give Hyperopt's `n_arms` domain (`scope.normal(mu, sigma, rng=default_rng(123))`) exactly
 * the noise stream Hyperopt's own test draws.
 */

// ---------------------------------------------------------------------------------------------
// SeedSequence (numpy/random/bit_generator.pyx): uint32 hash/mix over a pool of 4 words.

const POOL_SIZE = 4;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const XSHIFT = 16;

const mul32 = (a: number, b: number) => Math.imul(a, b) >>> 0;

/** A non-negative integer as little-endian uint32 words (`[0]` for 0), as numpy coerces entropy. */
function toUint32Words(n: bigint): number[] {
  if (n < 0n) throw new RangeError('seed must be non-negative');
  if (n === 0n) return [0];
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words;
}

/** The mixed entropy pool of `SeedSequence(seed)` (no spawn key). */
export function seedSequencePool(seed: number | bigint): number[] {
  const entropy = toUint32Words(BigInt(seed));
  let hashConst = INIT_A;
  const hashmix = (value: number) => {
    let v = (value ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_A);
    v = mul32(v, hashConst);
    return (v ^ (v >>> XSHIFT)) >>> 0;
  };
  const mix = (x: number, y: number) => {
    const r = (mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y)) >>> 0;
    return (r ^ (r >>> XSHIFT)) >>> 0;
  };
  const pool: number[] = [];
  for (let i = 0; i < POOL_SIZE; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
  }
  return pool;
}

/** `SeedSequence(seed).generate_state(nWords, np.uint64)`. */
export function generateState64(seed: number | bigint, nWords: number): bigint[] {
  const pool = seedSequencePool(seed);
  let hashConst = INIT_B;
  const words32: number[] = [];
  for (let i = 0; i < 2 * nWords; i++) {
    let v = (pool[i % POOL_SIZE] ^ hashConst) >>> 0;
    hashConst = mul32(hashConst, MULT_B);
    v = mul32(v, hashConst);
    words32.push((v ^ (v >>> XSHIFT)) >>> 0);
  }
  // Viewed as little-endian uint64: the first uint32 of each pair is the low half.
  const out: bigint[] = [];
  for (let i = 0; i < nWords; i++) out.push((BigInt(words32[2 * i + 1]) << 32n) | BigInt(words32[2 * i]));
  return out;
}

// ---------------------------------------------------------------------------------------------
// PCG64 (numpy/random/src/pcg64/pcg64.h): 128-bit LCG, XSL-RR output of the stepped state.

const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULT = 0x2360ed051fc65da44385df649fccf645n;

// ---------------------------------------------------------------------------------------------
// Ziggurat tables (numpy/random/src/distributions/ziggurat_constants.h), computed here with the
// Marsaglia–Tsang recurrence the way numpy's generator script does.

export const ZIGGURAT_NOR_R = 3.6541528853610088;
export const ZIGGURAT_NOR_INV_R = 0.27366123732975828;
/**
 * Area of each of the 256 layers. numpy's table generator uses these digits; Marsaglia's shorter
 * 0.00492867323399 would put wi/fi off numpy's by ~3e-10 relative.
 */
const NOR_SECTION_AREA = 0.0049286732339746519;

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function buildTables(): { ki: number[]; wi: number[]; fi: number[] } {
  const C = 256;
  const scale = 2 ** 52;
  const pdf = (x: number) => Math.exp(-0.5 * x * x);
  // Layer edges from the tail inwards, then reversed: x[0] = 0, x[1] smallest, x[255] = r.
  const edges = new Array<number>(C).fill(0);
  edges[0] = ZIGGURAT_NOR_R;
  for (let i = 1; i < C - 1; i++) edges[i] = Math.sqrt(-2 * Math.log(pdf(edges[i - 1]) + NOR_SECTION_AREA / edges[i - 1]));
  const x = edges.reverse();
  const r = x[C - 1];
  const ki = new Array<number>(C);
  const wi = new Array<number>(C);
  const fi = new Array<number>(C);
  ki[0] = roundHalfEven(((r * pdf(r)) / NOR_SECTION_AREA) * scale);
  wi[0] = NOR_SECTION_AREA / pdf(r) / scale;
  for (let i = 1; i < C; i++) {
    ki[i] = roundHalfEven((x[i - 1] / x[i]) * scale);
    wi[i] = x[i] / scale;
  }
  for (let i = 0; i < C; i++) fi[i] = pdf(x[i]);
  return { ki, wi, fi };
}

/** numpy's double ziggurat tables: ki (exact integers < 2^53), wi, fi. */
export const ZIGGURAT_TABLES = buildTables();

// ---------------------------------------------------------------------------------------------

/** numpy's `np.random.default_rng(seed)`, restricted to what the tests need. */
export class NumpyGenerator {
  /** The PCG64 state and increment (128-bit). */
  state: bigint;
  readonly inc: bigint;

  constructor(seed: number | bigint) {
    if (typeof seed === 'number' && (!Number.isSafeInteger(seed) || seed < 0)) throw new RangeError('seed must be a non-negative integer');
    const val = generateState64(seed, 4);
    const initState = (val[0] << 64n) | val[1];
    const initSeq = (val[2] << 64n) | val[3];
    // pcg_setseq_128_srandom_r
    this.state = 0n;
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULT + this.inc) & MASK128;
  }

  /** Next raw 64-bit output (`next_uint64`). */
  nextUint64(): bigint {
    this.step();
    const s = this.state;
    const xored = ((s >> 64n) ^ s) & MASK64;
    const rot = s >> 122n;
    return ((xored >> rot) | (xored << ((64n - rot) & 63n))) & MASK64;
  }

  /** `next_double`: 53 random bits in [0, 1). */
  nextDouble(): number {
    return Number(this.nextUint64() >> 11n) * 2 ** -53;
  }

  /** `Generator.standard_normal()`. */
  standardNormal(): number {
    const { ki, wi, fi } = ZIGGURAT_TABLES;
    for (;;) {
      let r = this.nextUint64();
      const idx = Number(r & 0xffn);
      r >>= 8n;
      const sign = r & 1n;
      const rabs = Number((r >> 1n) & 0x000fffffffffffffn);
      let x = rabs * wi[idx];
      if (sign) x = -x;
      if (rabs < ki[idx]) return x;
      if (idx === 0) {
        for (;;) {
          const xx = -ZIGGURAT_NOR_INV_R * Math.log1p(-this.nextDouble());
          const yy = -Math.log1p(-this.nextDouble());
          if (yy + yy > xx * xx) return Math.floor(rabs / 256) % 2 === 1 ? -(ZIGGURAT_NOR_R + xx) : ZIGGURAT_NOR_R + xx;
        }
      } else if ((fi[idx - 1] - fi[idx]) * this.nextDouble() + fi[idx] < Math.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** `Generator.normal(loc, scale)`: loc + scale · standard_normal(). */
  normal(loc = 0, scale = 1): number {
    return loc + scale * this.standardNormal();
  }
}
