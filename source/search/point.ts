/** Turning per-label values into decoded parameters (and back), walking the space tree. */
import { supportError } from './prior.js';
import { type HpNode, type Space, SpaceError, type Vals, collectNodes, isCategorical, isHpNode } from './space.js';

/** A point of a space: the decoded parameters and the per-label record Hyperopt calls `vals`. */
export interface Point<P = unknown> {
  params: P;
  vals: Vals;
}

/**
 * Walks the space top-down: `pick` gives the raw value of each active node (a choice index
 * for categorical ones), and only the chosen option of a choice is visited.
 */
export function buildPoint<P = unknown>(space: Space, pick: (node: HpNode) => number, labels: readonly string[] = collectNodes(space).map((n) => n.label)): Point<P> {
  const vals: Vals = {};
  for (const label of labels) vals[label] = [];
  const visit = (s: Space): unknown => {
    if (isHpNode(s)) {
      const raw = pick(s);
      vals[s.label] = [raw];
      if (isCategorical(s)) return visit(s.options[raw]);
      return raw;
    }
    if (Array.isArray(s)) return s.map(visit);
    if (typeof s === 'object' && s !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(s)) out[key] = visit(value as Space);
      return out;
    }
    return s;
  };
  const params = visit(space) as P;
  return { params, vals };
}

/**
 * Decodes a per-label record into parameters, rejecting records that do not match the space:
 * unknown labels, missing or malformed values, values outside a label's support, and labels
 * set although their branch is not chosen.
 */
export function pointFromVals<P = unknown>(space: Space, vals: Vals, nodes: readonly HpNode[] = collectNodes(space)): Point<P> {
  const known = new Set(nodes.map((n) => n.label));
  for (const label of Object.keys(vals)) {
    if (!known.has(label)) throw new SpaceError(label, 'this label is not part of the search space');
  }
  const point = buildPoint<P>(
    space,
    (node) => {
      const v = vals[node.label];
      if (!Array.isArray(v) || v.length !== 1) {
        throw new SpaceError(node.label, `expected one value for an active label, got ${JSON.stringify(v)}`);
      }
      const problem = supportError(node, v[0]);
      if (problem) throw new SpaceError(node.label, problem);
      return v[0];
    },
    nodes.map((n) => n.label),
  );
  for (const node of nodes) {
    const given = vals[node.label];
    if (point.vals[node.label].length === 0 && Array.isArray(given) && given.length > 0) {
      throw new SpaceError(node.label, `has value ${JSON.stringify(given)} but is inactive in this point (its branch was not chosen)`);
    }
    if (given !== undefined && !Array.isArray(given)) throw new SpaceError(node.label, `expected an array, got ${JSON.stringify(given)}`);
  }
  return point;
}
