/** Per-variable state of the hand-written optimisers, stored the way tfjs's own Adam stores it. */
import * as tf from '@tensorflow/tfjs';

/** tfjs-core's `NamedTensor`, which the tfjs package does not re-export. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** The i-th variable's slot, created as zeros on first use. */
export function slot(slots: Slot[], i: number, varName: string, suffix: string, like: tf.Tensor): tf.Variable {
  if (slots[i] == null) {
    slots[i] = { originalName: `${varName}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(like).variable(false)) };
  }
  return slots[i].variable;
}

/** (variable, gradient) pairs of an `applyGradients` argument, in order; null gradients skipped. */
export function gradientPairs(
  grads: tf.NamedTensorMap | NamedTensor[],
): Array<{ index: number; name: string; value: tf.Variable; grad: tf.Tensor }> {
  const list = Array.isArray(grads)
    ? grads.map((g) => ({ name: g.name, grad: g.tensor }))
    : Object.keys(grads).map((name) => ({ name, grad: grads[name] }));
  const out = [];
  for (let index = 0; index < list.length; index++) {
    const { name, grad } = list[index];
    if (grad == null) continue;
    const value = tf.engine().registeredVariables[name];
    if (value == null) throw new Error(`applyGradients: no variable named ${name}`);
    out.push({ index, name, value, grad });
  }
  return out;
}

/** Slot variables restored from saved weights. */
export function restoreSlots(weights: NamedTensor[]): Slot[] {
  return weights.map((w) => ({ originalName: w.name, variable: w.tensor.variable(false) }));
}

export function disposeSlots(...lists: Slot[][]): void {
  for (const list of lists) for (const s of list) s?.variable.dispose();
}
