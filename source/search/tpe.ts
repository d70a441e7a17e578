/**
 * Tree-structured Parzen Estimator, following Hyperopt's `tpe.suggest` (tpe-spec.md §1):
 * split the history into "below" (the best min(ceil(γ√N), 25)) and "above", model each
 * hyperparameter independently with adaptive Parzen estimators l(x) and g(x), draw
 * candidates from l and keep the one with the largest log l − log g. Conditional labels use
 * only the trials in which they were active.
 */
import { historyChecker } from './history.js';
import type { HistoryTrial, Optimizer } from './optimizer.js';
import { effectiveLoss } from './optimizer.js';
import { HistoryColumns } from './columns.js';
import { EPS, linearForgettingWeights } from './math.js';
import { type Mixture, type MixtureShape, categoricalPosterior, mixtureLogPdf, parzenFromSorted, sampleMixture } from './parzen.js';
import { smallest } from './sort.js';
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

/** Indices of the "below" trials (tpe-spec.md §1.3): the best min(ceil(γ√N), 25) by (loss, age). */
export function splitBelow(losses: ArrayLike<number>, gamma: number): number[] {
  const nBelow = Math.min(Math.ceil(gamma * Math.sqrt(losses.length)), GAMMA_CAP);
  return smallest(losses, nBelow);
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
  private readonly columns: HistoryColumns;
  private readonly labelIndex: Map<string, number>;
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
    this.columns = new HistoryColumns(this.labels);
    this.labelIndex = new Map(this.labels.map((label, j) => [label, j]));
  }

  suggest(history: readonly HistoryTrial[], seed: number): Point {
    this.checkHistory(history);
    const rng = new Rng(seed);
    if (history.length < this.startup) return buildPoint(this.space, (node) => samplePrior(node, rng), this.labels);
    this.columns.update(history);
    const n = history.length;
    const losses = new Float64Array(n);
    for (let i = 0; i < n; i++) losses[i] = effectiveLoss(history[i]);
    const isBelow = new Uint8Array(n);
    for (const i of splitBelow(losses, this.gamma)) isBelow[i] = 1;
    return buildPoint(
      this.space,
      (node) => {
        const j = this.labelIndex.get(node.label)!;
        if (isCategorical(node) || node.kind === 'randint') return this.pickCategorical(node as CategoricalNode | BoundedNode, j, isBelow, rng);
        return this.pickNumeric(this.models.get(node.label)!, j, isBelow, rng);
      },
      this.labels,
    );
  }

  /** Rank of each active, non-below trial among the "above" observations of label j, oldest first; and their count. */
  private aboveRanks(j: number, isBelow: Uint8Array): [Int32Array, number] {
    const column = this.columns.values[j];
    const ranks = new Int32Array(isBelow.length);
    let count = 0;
    for (let i = 0; i < isBelow.length; i++) if (!isBelow[i] && column[i] === column[i]) ranks[i] = count++;
    return [ranks, count];
  }

  private pickCategorical(node: CategoricalNode | BoundedNode, j: number, isBelow: Uint8Array, rng: Rng): number {
    const offset = 'low' in node ? node.low : 0;
    const size = 'low' in node ? node.high - node.low : node.options.length;
    const probs = node.kind === 'pchoice' ? node.probabilities : undefined;
    const column = this.columns.values[j];
    const below: number[] = [];
    const above: number[] = [];
    for (let i = 0; i < isBelow.length; i++) {
      const v = column[i];
      if (v === v) (isBelow[i] ? below : above).push(v - offset);
    }
    const l = categoricalPosterior(below, size, this.priorWeight, probs, LINEAR_FORGETTING);
    const g = categoricalPosterior(above, size, this.priorWeight, probs, LINEAR_FORGETTING);
    const candidates: number[] = [];
    for (let i = 0; i < this.candidates; i++) candidates.push(rng.categorical(l));
    const scoreL = candidates.map((c) => Math.log(l[c]));
    const scoreG = candidates.map((c) => Math.log(g[c]));
    return best(candidates, scoreL, scoreG) + offset;
  }

  private pickNumeric(model: NumericModel, j: number, isBelow: Uint8Array, rng: Rng): number {
    const column = this.columns.values[j];
    const order = this.columns.sortedActive(j);
    const [ranks, nAbove] = this.aboveRanks(j, isBelow);
    const forgetting = linearForgettingWeights(nAbove, LINEAR_FORGETTING);
    const belowMus: number[] = [];
    const aboveMus = new Float64Array(nAbove);
    const aboveWeights = new Float64Array(nAbove);
    let a = 0;
    for (let r = 0; r < order.length; r++) {
      const i = order[r];
      const obs = model.toObs(column[i]);
      if (isBelow[i]) belowMus.push(obs);
      else {
        aboveMus[a] = obs;
        aboveWeights[a++] = forgetting[ranks[i]];
      }
    }
    // At most 25 below observations: linear forgetting leaves their weights at 1.
    const l: Mixture = parzenFromSorted(Float64Array.from(belowMus), new Float64Array(belowMus.length).fill(1), this.priorWeight, model.priorMu, model.priorSigma);
    const g: Mixture = parzenFromSorted(aboveMus, aboveWeights, this.priorWeight, model.priorMu, model.priorSigma);
    const candidates = sampleMixture(l, model.shape, this.candidates, rng);
    const chosen = best(candidates, mixtureLogPdf(candidates, l, model.shape), mixtureLogPdf(candidates, g, model.shape));
    return model.finish(chosen);
  }
}

export function tpe(space: Space, options?: TpeOptions): Tpe {
  return new Tpe(space, options);
}
