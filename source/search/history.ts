/** Validation of trial records against a space before an optimiser uses them. */
import { pointFromVals } from './point.js';
import { type HpNode, type Space, SpaceError, type Vals, collectNodes } from './space.js';
import type { HistoryTrial } from './optimizer.js';

/**
 * A checker that throws a SpaceError naming the trial and the label when a record does not
 * match the space. Records already checked (the same `vals` object) are not checked again,
 * so a long-running search pays for each trial once.
 */
export function historyChecker(space: Space): (history: readonly HistoryTrial[]) => void {
  const nodes: readonly HpNode[] = collectNodes(space);
  const checked = new WeakSet<Vals>();
  return (history) => {
    for (let index = 0; index < history.length; index++) {
      const trial = history[index];
      if (typeof trial !== 'object' || trial === null || typeof trial.vals !== 'object' || trial.vals === null) {
        throw new SpaceError(undefined, 'has no per-label record (vals)', `trial #${index}`);
      }
      if (checked.has(trial.vals)) continue;
      try {
        pointFromVals(space, trial.vals, nodes);
      } catch (error) {
        if (error instanceof SpaceError) throw new SpaceError(error.label, error.detail, `trial #${index}`);
        throw error;
      }
      checked.add(trial.vals);
    }
  };
}
