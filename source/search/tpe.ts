/**
 * Tree-structured Parzen Estimator, following Hyperopt's `tpe.suggest` (tpe-spec.md §1):
 * split the history into "below" (the best min(ceil(γ√N), 25)) and "above", model each
 * hyperparameter independently with adaptive Parzen estimators l(x) and g(x), draw
 * candidates from l and keep the one with the largest log l − log g. Conditional labels use
 * only the trials in which they were active.
 */
import { historyChecker } from './history.js';
import { EPS } from './math.js';
import type { HistoryTrial, Optimizer } from './optimizer.js';
import { effectiveLoss } from './optimizer.js';
import { type Mixture, type MixtureShape, adaptiveParzenNormal, categoricalPosterior, mixtureLogPdf, sampleMixture } from './parzen.js';
import { buildPoint, type Point } from './point.js';
import { samplePrior } from './prior.js';
import { Rng } from './rng.js';
import { type BoundedNode, type CategoricalNode, type HpNode, type NumericNode, type Space, collectNodes, isCategorical } from './space.js';

export interface TpeOptions {
  /** n_below = min(ceil(gamma·√N), 25). Default 0.25. */
  gamma?: number;
  /** Random search while fewer trials than this exist (pending and failed included). Default 20. */
  startup?: number;
  /** Candidates drawn from l(x) per hyperparameter. Default 24. */
  candidates?: number;
  /** Weight of the prior component and categorical pseudocount. Default 1. */
  priorWeight?: number;
}

const GAMMA_CAP = 25;
const LINEAR_FORGETTING = 25;

interface NumericModel {
  shape: MixtureShape;
  priorMu: number;
  priorSigma: number;
  /** Observation value → the mixture's space. */
  toObs(x: number): number;
  /** Candidate drawn in data space → the value returned. */
  finish(x: number): number;
}

function numericModel(node: NumericNode): NumericModel {
  const id = (x: number) => x;
  switch (node.kind) {
    case 'uniform':
    case 'quniform':
    case 'uniformint': {
      const q = node.kind === 'quniform' ? node.q : node.kind === 'uniformint' ? 1 : undefined;
      return {
        shape: { log: false, low: node.low, high: node.high, q },
        priorMu: 0.5 * (node.low + node.high),
        priorSigma: node.high - node.low,
        toObs: id,
        finish: node.kind === 'uniformint' ? Math.trunc : id,
      };
    }
    case 'loguniform':
    case 'qloguniform': {
      const floor = Math.max(EPS, Math.exp(node.low));
      return {
        shape: { log: true, low: node.low, high: node.high, q: node.kind === 'qloguniform' ? node.q : undefined },
        priorMu: 0.5 * (node.low + node.high),
        priorSigma: node.high - node.low,
        toObs: node.kind === 'qloguniform' ? (x) => Math.log(Math.max(x, floor)) : Math.log,
        finish: id,
      };
    }
    case 'normal':
    case 'qnormal':
      return { shape: { log: false, q: node.kind === 'qnormal' ? node.q : undefined }, priorMu: node.mu, priorSigma: node.sigma, toObs: id, finish: id };
    case 'lognormal':
    case 'qlognormal':
      return {
        shape: { log: true, q: node.kind === 'qlognormal' ? node.q : undefined },
        priorMu: node.mu,
        priorSigma: node.sigma,
        toObs: node.kind === 'qlognormal' ? (x) => Math.log(Math.max(x, EPS)) : Math.log,
        finish: id,
      };
    case 'randint':
      throw new Error('randint is categorical for TPE');
  }
}

/** Indices of the "below" trials (tpe-spec.md §1.3): a stable sort by (loss, age). */
export function splitBelow(losses: readonly number[], gamma: number): Set<number> {
  const n = losses.length;
  const nBelow = Math.min(Math.ceil(gamma * Math.sqrt(n)), GAMMA_CAP);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (losses[a] === losses[b] ? a - b : losses[a] < losses[b] ? -1 : 1));
  return new Set(order.slice(0, nBelow));
}

/** Argmax of log l − log g; the first one wins ties, and NaN scores never win. */
function best(candidates: readonly number[], below: ArrayLike<number>, above: ArrayLike<number>): number {
  let bestIndex = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const score = below[i] - above[i];
    if (score > bestScore) {
      bestScore = score;
      bestIndex = i;
    }
  }
  return candidates[bestIndex];
}

export class Tpe implements Optimizer {
  readonly name = 'tpe' as const;
  private readonly nodes: readonly HpNode[];
  private readonly labels: readonly string[];
  private readonly models = new Map<string, NumericModel>();
  private readonly checkHistory: (history: readonly HistoryTrial[]) => void;
  readonly gamma: number;
  readonly startup: number;
  readonly candidates: number;
  readonly priorWeight: number;

  constructor(
    private readonly space: Space,
    options: TpeOptions = {},
  ) {
    this.gamma = options.gamma ?? 0.25;
    this.startup = options.startup ?? 20;
    this.candidates = options.candidates ?? 24;
    this.priorWeight = options.priorWeight ?? 1;
    if (!(this.gamma > 0)) throw new RangeError(`TPE gamma must be positive, got ${this.gamma}`);
    if (!(Number.isInteger(this.startup) && this.startup >= 0)) throw new RangeError(`TPE startup must be a non-negative integer, got ${this.startup}`);
    if (!(Number.isInteger(this.candidates) && this.candidates >= 1)) throw new RangeError(`TPE candidates must be a positive integer, got ${this.candidates}`);
    if (!(this.priorWeight > 0)) throw new RangeError(`TPE prior weight must be positive, got ${this.priorWeight}`);
    this.nodes = collectNodes(space);
    this.labels = this.nodes.map((n) => n.label);
    for (const node of this.nodes) if (!isCategorical(node) && node.kind !== 'randint') this.models.set(node.label, numericModel(node));
    this.checkHistory = historyChecker(space);
  }

  suggest(history: readonly HistoryTrial[], seed: number): Point {
    this.checkHistory(history);
    const rng = new Rng(seed);
    if (history.length < this.startup) return buildPoint(this.space, (node) => samplePrior(node, rng), this.labels);
    const losses = history.map(effectiveLoss);
    const below = splitBelow(losses, this.gamma);
    const observations = (label: string): [number[], number[]] => {
      const b: number[] = [];
      const a: number[] = [];
      for (let i = 0; i < history.length; i++) {
        const v = history[i].vals[label];
        if (v !== undefined && v.length > 0) (below.has(i) ? b : a).push(v[0]);
      }
      return [b, a];
    };
    return buildPoint(
      this.space,
      (node) => {
        const [b, a] = observations(node.label);
        if (isCategorical(node) || node.kind === 'randint') return this.pickCategorical(node as CategoricalNode | BoundedNode, b, a, rng);
        return this.pickNumeric(this.models.get(node.label)!, b, a, rng);
      },
      this.labels,
    );
  }

  private pickCategorical(node: CategoricalNode | BoundedNode, below: number[], above: number[], rng: Rng): number {
    const offset = 'low' in node ? node.low : 0;
    const size = 'low' in node ? node.high - node.low : node.options.length;
    const probs = node.kind === 'pchoice' ? node.probabilities : undefined;
    const shift = (xs: number[]) => (offset === 0 ? xs : xs.map((x) => x - offset));
    const l = categoricalPosterior(shift(below), size, this.priorWeight, probs, LINEAR_FORGETTING);
    const g = categoricalPosterior(shift(above), size, this.priorWeight, probs, LINEAR_FORGETTING);
    const candidates: number[] = [];
    for (let i = 0; i < this.candidates; i++) candidates.push(rng.categorical(l));
    const scoreL = candidates.map((c) => Math.log(l[c]));
    const scoreG = candidates.map((c) => Math.log(g[c]));
    return best(candidates, scoreL, scoreG) + offset;
  }

  private pickNumeric(model: NumericModel, below: number[], above: number[], rng: Rng): number {
    const l: Mixture = adaptiveParzenNormal(below.map(model.toObs), this.priorWeight, model.priorMu, model.priorSigma, LINEAR_FORGETTING);
    const g: Mixture = adaptiveParzenNormal(above.map(model.toObs), this.priorWeight, model.priorMu, model.priorSigma, LINEAR_FORGETTING);
    const candidates = sampleMixture(l, model.shape, this.candidates, rng);
    const chosen = best(candidates, mixtureLogPdf(candidates, l, model.shape), mixtureLogPdf(candidates, g, model.shape));
    return model.finish(chosen);
  }
}

export function tpe(space: Space, options?: TpeOptions): Tpe {
  return new Tpe(space, options);
}
