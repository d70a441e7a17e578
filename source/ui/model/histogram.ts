/**
 * Hyperparameter histograms: for each of the 19 parameters, how often each region was tried and
 * the mean and best validation fine accuracy reached there. Bins follow the parameter's own
 * distribution in the search space: log-spaced for log-uniform ones, one bar per value for small
 * quantised ranges and for choices, a "none" bar for optional ones.
 */
import { type CifarParams, type HpNode, type Space, cifarSpace, isHpNode } from '../../search/index.js';
import { edge, paramValue } from '../format.js';
import type { TrialStats } from './stats.js';

export type ParamKey = keyof CifarParams;

type Primitive = string | number | boolean | null;

export type BinSpec =
  | { type: 'values'; values: Primitive[] }
  | { type: 'range'; scale: 'linear' | 'log'; low: number; high: number; nullable: boolean };

export interface ParamSpec {
  key: ParamKey;
  /** "log-uniform 0.607…1.65", "choice", "q-uniform 100…450 step 5". */
  distribution: string;
  bins: BinSpec;
}

export interface Bin {
  label: string;
  count: number;
  /** Of `count`, trials among the most recent quarter (how TPE is converging). */
  recent: number;
  /** Finished trials with an accuracy in this bin. */
  scored: number;
  mean: number | null;
  best: number | null;
}

export interface Histogram {
  spec: ParamSpec;
  bins: Bin[];
  total: number;
  recentCount: number;
}

const isPrimitive = (s: Space): s is Primitive => s === null || ['string', 'number', 'boolean'].includes(typeof s);

/** The most values a quantised range is shown with one bar each; larger ranges are binned. */
const MAX_VALUE_BARS = 12;

function numericSpec(node: HpNode, nullable: boolean): { distribution: string; bins: BinSpec } {
  switch (node.kind) {
    case 'uniform':
    case 'randint':
    case 'uniformint':
      return { distribution: `uniform ${edge(node.low)}…${edge(node.high)}`, bins: { type: 'range', scale: 'linear', low: node.low, high: node.high, nullable } };
    case 'loguniform':
      return { distribution: `log-uniform ${edge(Math.exp(node.low))}…${edge(Math.exp(node.high))}`, bins: { type: 'range', scale: 'log', low: Math.exp(node.low), high: Math.exp(node.high), nullable } };
    case 'quniform': {
      const lo = Math.round(node.low / node.q) * node.q;
      const hi = Math.round(node.high / node.q) * node.q;
      const n = Math.round((hi - lo) / node.q) + 1;
      const distribution = `q-uniform ${edge(lo)}…${edge(hi)} step ${edge(node.q)}`;
      if (n <= MAX_VALUE_BARS) {
        const values: Primitive[] = Array.from({ length: n }, (_, i) => lo + i * node.q);
        return { distribution, bins: { type: 'values', values: nullable ? [null, ...values] : values } };
      }
      return { distribution, bins: { type: 'range', scale: 'linear', low: lo, high: hi, nullable } };
    }
    case 'qloguniform':
      return { distribution: `q-log-uniform ${edge(Math.exp(node.low))}…${edge(Math.exp(node.high))}`, bins: { type: 'range', scale: 'log', low: Math.exp(node.low), high: Math.exp(node.high), nullable } };
    default:
      throw new Error(`histogram: no binning for a ${node.kind} hyperparameter`);
  }
}

function specOf(key: ParamKey, node: Space): ParamSpec {
  if (!isHpNode(node)) throw new Error(`histogram: ${key} is not a hyperparameter`);
  if (node.kind !== 'choice' && node.kind !== 'pchoice') return { key, ...numericSpec(node, false) };
  const opts = node.options;
  if (opts.every(isPrimitive)) return { key, distribution: `choice of ${opts.length}`, bins: { type: 'values', values: [...opts] } };
  const inner = opts[1];
  if (opts.length === 2 && opts[0] === null && inner !== undefined && isHpNode(inner)) {
    if ((inner.kind === 'choice' || inner.kind === 'pchoice') && inner.options.every(isPrimitive)) {
      return { key, distribution: `none or choice of ${inner.options.length}`, bins: { type: 'values', values: [null, ...inner.options] } };
    }
    const n = numericSpec(inner, true);
    return { key, distribution: `none or ${n.distribution}`, bins: n.bins };
  }
  throw new Error(`histogram: unsupported nesting under ${key}`);
}

/** The 19 parameters in the space's order. */
export const PARAM_SPECS: readonly ParamSpec[] = (Object.keys(cifarSpace) as ParamKey[]).map((k) => specOf(k, cifarSpace[k] as Space));

function labelOf(v: Primitive): string {
  return v === null ? 'none' : paramValue(v);
}

/** Bins (labels and a value → index function) for a spec; `nBins` applies to ranges. */
function binner(spec: BinSpec, nBins: number): { labels: string[]; index(v: unknown): number } {
  if (spec.type === 'values') {
    const values = spec.values;
    return {
      labels: values.map(labelOf),
      index(v) {
        if (typeof v === 'number') {
          let best = -1;
          for (let i = 0; i < values.length; i++) {
            const c = values[i];
            if (typeof c === 'number' && (best < 0 || Math.abs(c - v) < Math.abs((values[best] as number) - v))) best = i;
          }
          return best;
        }
        return values.indexOf(v as Primitive);
      },
    };
  }
  const t = spec.scale === 'log' ? Math.log : (x: number) => x;
  const inv = spec.scale === 'log' ? Math.exp : (x: number) => x;
  const a = t(spec.low);
  const b = t(spec.high);
  const offset = spec.nullable ? 1 : 0;
  const labels = spec.nullable ? ['none'] : [];
  for (let i = 0; i < nBins; i++) labels.push(`${edge(inv(a + ((b - a) * i) / nBins))}–${edge(inv(a + ((b - a) * (i + 1)) / nBins))}`);
  return {
    labels,
    index(v) {
      if (v === null || v === undefined) return spec.nullable ? 0 : -1;
      if (typeof v !== 'number' || !Number.isFinite(v) || (spec.scale === 'log' && v <= 0)) return -1;
      const i = Math.floor(((t(v) - a) / (b - a)) * nBins);
      return offset + Math.min(nBins - 1, Math.max(0, i));
    },
  };
}

/** How many of the latest trials count as "recent": the last quarter (none below 8 trials). */
export const recentCountOf = (total: number): number => (total >= 8 ? Math.floor(total / 4) : 0);

export function histogram(spec: ParamSpec, stats: readonly TrialStats[], nBins = 10): Histogram {
  const { labels, index } = binner(spec.bins, nBins);
  const bins: Bin[] = labels.map((label) => ({ label, count: 0, recent: 0, scored: 0, mean: null, best: null }));
  const sums = new Array<number>(bins.length).fill(0);
  const recentCount = recentCountOf(stats.length);
  let recentFrom = Infinity;
  if (recentCount > 0) {
    const numbers = new Float64Array(stats.length);
    stats.forEach((s, i) => (numbers[i] = s.trial.number));
    recentFrom = numbers.sort()[stats.length - recentCount]!;
  }
  let total = 0;
  for (const s of stats) {
    const i = index(s.trial.params[spec.key]);
    if (i < 0) continue;
    const bin = bins[i]!;
    total++;
    bin.count++;
    if (s.trial.number >= recentFrom) bin.recent++;
    if (s.trial.state === 'ok' && s.fine !== null) {
      bin.scored++;
      sums[i]! += s.fine;
      if (bin.best === null || s.fine > bin.best) bin.best = s.fine;
    }
  }
  bins.forEach((bin, i) => {
    if (bin.scored > 0) bin.mean = sums[i]! / bin.scored;
  });
  return { spec, bins, total, recentCount };
}

/** Index of the bin with the highest mean (or best) accuracy, or -1. */
export function topBin(h: Histogram, metric: 'mean' | 'best'): number {
  let top = -1;
  h.bins.forEach((b, i) => {
    const v = b[metric];
    if (v !== null && (top < 0 || v > (h.bins[top]![metric] as number))) top = i;
  });
  return top;
}
