/**
 * Hyperparameter space primitives with Hyperopt's semantics (`hp.*`), nested inside plain
 * objects, arrays and choices to form a tree-structured, conditional space.
 */

const HP = Symbol('cifar-tui.hp');

interface Labelled {
  readonly [HP]: true;
  readonly label: string;
}

export interface ChoiceNode extends Labelled {
  readonly kind: 'choice';
  readonly options: readonly Space[];
}
export interface PChoiceNode extends Labelled {
  readonly kind: 'pchoice';
  readonly options: readonly Space[];
  readonly probabilities: readonly number[];
}
export interface BoundedNode extends Labelled {
  readonly kind: 'uniform' | 'loguniform' | 'randint' | 'uniformint';
  readonly low: number;
  readonly high: number;
}
export interface QBoundedNode extends Labelled {
  readonly kind: 'quniform' | 'qloguniform';
  readonly low: number;
  readonly high: number;
  readonly q: number;
}
export interface GaussianNode extends Labelled {
  readonly kind: 'normal' | 'lognormal';
  readonly mu: number;
  readonly sigma: number;
}
export interface QGaussianNode extends Labelled {
  readonly kind: 'qnormal' | 'qlognormal';
  readonly mu: number;
  readonly sigma: number;
  readonly q: number;
}

export type CategoricalNode = ChoiceNode | PChoiceNode;
export type NumericNode = BoundedNode | QBoundedNode | GaussianNode | QGaussianNode;
export type HpNode = CategoricalNode | NumericNode;
export type HpKind = HpNode['kind'];

/** A search space: a primitive, or constants, arrays and objects that contain primitives. */
export type Space = HpNode | readonly Space[] | { readonly [key: string]: Space } | number | string | boolean | null;

/** Per-label record of one point: `[]` when the label is inactive, `[value]` when active (choice index for choices). */
export type Vals = Record<string, number[]>;

export class SpaceError extends Error {
  constructor(
    readonly label: string | undefined,
    readonly detail: string,
    readonly context?: string,
  ) {
    const where = label === undefined ? '' : `hyperparameter '${label}': `;
    super(`${context ? `${context}: ` : ''}${where}${detail}`);
    this.name = 'SpaceError';
  }
}

export function isHpNode(value: unknown): value is HpNode {
  return typeof value === 'object' && value !== null && (value as Partial<Labelled>)[HP] === true;
}

export function isCategorical(node: HpNode): node is CategoricalNode {
  return node.kind === 'choice' || node.kind === 'pchoice';
}

function checkLabel(label: unknown): string {
  if (typeof label !== 'string' || label.length === 0) {
    throw new SpaceError(undefined, `a hyperparameter label must be a non-empty string, got ${JSON.stringify(label)}`);
  }
  return label;
}

function checkFinite(label: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new SpaceError(label, `${name} must be a finite number, got ${value}`);
  }
}

function checkBounds(label: string, low: number, high: number): void {
  checkFinite(label, 'low', low);
  checkFinite(label, 'high', high);
  if (!(low < high)) throw new SpaceError(label, `low (${low}) must be below high (${high}); are the bounds the wrong way round?`);
}

function checkQ(label: string, q: number): void {
  checkFinite(label, 'q', q);
  if (q <= 0) throw new SpaceError(label, `q must be positive, got ${q}`);
}

function checkSigma(label: string, mu: number, sigma: number): void {
  checkFinite(label, 'mu', mu);
  checkFinite(label, 'sigma', sigma);
  if (sigma <= 0) throw new SpaceError(label, `sigma must be positive, got ${sigma}`);
}

function bounded(kind: BoundedNode['kind'], label: string, low: number, high: number): BoundedNode {
  checkLabel(label);
  checkBounds(label, low, high);
  return Object.freeze({ [HP]: true as const, kind, label, low, high });
}

function qbounded(kind: QBoundedNode['kind'], label: string, low: number, high: number, q: number): QBoundedNode {
  checkLabel(label);
  checkBounds(label, low, high);
  checkQ(label, q);
  return Object.freeze({ [HP]: true as const, kind, label, low, high, q });
}

function gaussian(kind: GaussianNode['kind'], label: string, mu: number, sigma: number): GaussianNode {
  checkLabel(label);
  checkSigma(label, mu, sigma);
  return Object.freeze({ [HP]: true as const, kind, label, mu, sigma });
}

function qgaussian(kind: QGaussianNode['kind'], label: string, mu: number, sigma: number, q: number): QGaussianNode {
  checkLabel(label);
  checkSigma(label, mu, sigma);
  checkQ(label, q);
  return Object.freeze({ [HP]: true as const, kind, label, mu, sigma, q });
}

/** The `hp` namespace: one constructor per Hyperopt primitive. Log-space bounds are natural logs, as in Hyperopt. */
export const hp = {
  choice(label: string, options: readonly Space[]): ChoiceNode {
    checkLabel(label);
    if (!Array.isArray(options) || options.length === 0) throw new SpaceError(label, 'a choice needs at least one option');
    return Object.freeze({ [HP]: true as const, kind: 'choice' as const, label, options: Object.freeze([...options]) });
  },
  /** `options` are `[probability, option]` pairs; probabilities must be non-negative and sum to 1. */
  pchoice(label: string, options: readonly (readonly [number, Space])[]): PChoiceNode {
    checkLabel(label);
    if (!Array.isArray(options) || options.length === 0) throw new SpaceError(label, 'a pchoice needs at least one option');
    const probabilities = options.map(([p]) => p);
    for (const p of probabilities) {
      if (!Number.isFinite(p) || p < 0) throw new SpaceError(label, `probabilities must be finite and non-negative, got ${p}`);
    }
    const total = probabilities.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-6) throw new SpaceError(label, `probabilities must sum to 1, they sum to ${total}`);
    return Object.freeze({
      [HP]: true as const,
      kind: 'pchoice' as const,
      label,
      options: Object.freeze(options.map(([, o]) => o)),
      probabilities: Object.freeze(probabilities.map((p) => p / total)),
    });
  },
  uniform: (label: string, low: number, high: number) => bounded('uniform', label, low, high),
  quniform: (label: string, low: number, high: number, q: number) => qbounded('quniform', label, low, high, q),
  loguniform: (label: string, low: number, high: number) => bounded('loguniform', label, low, high),
  qloguniform: (label: string, low: number, high: number, q: number) => qbounded('qloguniform', label, low, high, q),
  normal: (label: string, mu: number, sigma: number) => gaussian('normal', label, mu, sigma),
  qnormal: (label: string, mu: number, sigma: number, q: number) => qgaussian('qnormal', label, mu, sigma, q),
  lognormal: (label: string, mu: number, sigma: number) => gaussian('lognormal', label, mu, sigma),
  qlognormal: (label: string, mu: number, sigma: number, q: number) => qgaussian('qlognormal', label, mu, sigma, q),
  /** Integers in [0, upper) or [low, high). */
  randint(label: string, lowOrUpper: number, high?: number): BoundedNode {
    const [low, hi] = high === undefined ? [0, lowOrUpper] : [lowOrUpper, high];
    checkLabel(label);
    checkBounds(label, low, hi);
    if (!Number.isInteger(low) || !Number.isInteger(hi)) throw new SpaceError(label, `randint bounds must be integers, got ${low} and ${hi}`);
    return bounded('randint', label, low, hi);
  },
  /** Integers from round(low) to round(high): quniform(low, high, 1) returned as an integer. */
  uniformint: (label: string, low: number, high: number) => bounded('uniformint', label, low, high),
};

/** Every labelled node of a space, checked for unique labels. */
export function collectNodes(space: Space): HpNode[] {
  const nodes: HpNode[] = [];
  const seen = new Set<string>();
  const visit = (s: Space, path: string): void => {
    if (isHpNode(s)) {
      if (seen.has(s.label)) throw new SpaceError(s.label, `the label is used twice (second time at ${path || 'the root'}); labels must be unique`);
      seen.add(s.label);
      nodes.push(s);
      if (isCategorical(s)) s.options.forEach((o, i) => visit(o, `${path}${path ? '.' : ''}${s.label}[${i}]`));
      return;
    }
    if (Array.isArray(s)) {
      s.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (typeof s === 'object' && s !== null) {
      for (const [key, value] of Object.entries(s)) visit(value as Space, path ? `${path}.${key}` : key);
      return;
    }
    if (typeof s === 'number' && !Number.isFinite(s)) throw new SpaceError(undefined, `constant at ${path || 'the root'} is not finite (${s})`);
  };
  visit(space, '');
  return nodes;
}
