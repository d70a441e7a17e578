/**
 * Hyperopt's test domains (tpe-spec.md §2) with the TestOpt budgets and thresholds, and the
 * pass counts Hyperopt itself reached over 30 seeds (§2.1), for tests and benchmarks.
 */
import { type Space, type TpeOptions, hp } from '../../source/search/index.js';
import { NumpyGenerator } from './numpy-normal.js';

export interface Domain {
  name: string;
  space: Space;
  /** Builds a fresh objective (domains with a noise stream restart it for every run). */
  objective(): (params: any) => number;
  evals: number;
  threshold: number;
  tpe?: TpeOptions;
  /** Runs out of 30 that Hyperopt's TPE passed (tpe-spec.md §2.1). */
  hyperoptPasses: number;
  /** Hyperopt's median best loss over 30 seeds. */
  hyperoptMedian: number;
}

const branin = (x: number, y: number) => {
  const a = 1;
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const r = 6;
  const s = 10;
  const t = 1 / (8 * Math.PI);
  return a * (y - b * x * x + c * x - r) ** 2 + s * (1 - t) * Math.cos(x) + s;
};

export const DOMAINS: Domain[] = [
  {
    name: 'quadratic1',
    space: hp.uniform('x', -5, 5),
    objective: () => (x: number) => (x - 3) ** 2,
    evals: 1000,
    threshold: 1e-5,
    tpe: { candidates: 5 },
    hyperoptPasses: 29,
    hyperoptMedian: 6.1e-7,
  },
  {
    name: 'q1_lognormal',
    space: hp.lognormal('x', 0, 2),
    objective: () => (x: number) => Math.min(0.1 * (x - 10) ** 2, 10),
    evals: 250,
    threshold: 0.01,
    hyperoptPasses: 30,
    hyperoptMedian: 2.45e-5,
  },
  {
    name: 'n_arms',
    space: hp.choice('x', [0, 1]),
    // Hyperopt's domain draws its noise from np.random.default_rng(123), created with the domain,
    // so every run sees the same stream: evaluation k gets mu[x_k] + z_k for numpy's k-th normal z_k.
    objective: () => {
      const noise = new NumpyGenerator(123);
      const mus = [-1, 0];
      return (x: number) => noise.normal(mus[x], 1);
    },
    evals: 50,
    threshold: -2.5,
    hyperoptPasses: 30,
    hyperoptMedian: -3.21,
  },
  {
    name: 'many_dists',
    space: {
      a: hp.choice('a', [0, 1, 2]),
      b: hp.randint('b', 10),
      bb: hp.randint('bb', 12, 25),
      c: hp.uniform('c', 4, 7),
      d: hp.loguniform('d', -2, 0),
      e: hp.quniform('e', 0, 10, 3),
      f: hp.qloguniform('f', 0, 3, 2),
      g: hp.normal('g', 4, 7),
      h: hp.lognormal('h', -2, 2),
      i: hp.qnormal('i', 0, 10, 2),
      j: hp.qlognormal('j', 0, 2, 1),
      k: hp.pchoice('k', [
        [0.1, 0],
        [0.9, 1],
      ]),
    },
    objective: () => (p: Record<string, number>) => {
      const z = Object.values(p).reduce((acc, v) => acc + v, 0);
      return Math.log(1e-12 + z * z);
    },
    evals: 200,
    threshold: 0.0005,
    hyperoptPasses: 30,
    hyperoptMedian: -5.9,
  },
  {
    name: 'branin',
    space: { x: hp.uniform('x', -5, 10), y: hp.uniform('y', 0, 15) },
    objective: () => (p: { x: number; y: number }) => branin(p.x, p.y),
    evals: 200,
    threshold: 0.7,
    hyperoptPasses: 26,
    hyperoptMedian: 0.506,
  },
  {
    name: 'q1_choice',
    space: hp.choice('o', [
      [-3, hp.uniform('xn', -5, 5)],
      [3, hp.uniform('xp', -5, 5)],
    ]),
    objective: () => (p: [number, number]) => (p[0] - p[1]) ** 2,
    evals: 100,
    threshold: 0.01,
    hyperoptPasses: 30,
    hyperoptMedian: 0.000176,
  },
];
