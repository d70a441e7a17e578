/** Ranking finished trials by the optimiser's objective (loss = −best fine accuracy), older first on ties. */
import type { StoredTrial } from './schema.js';

export type RankedTrial = StoredTrial & { result: NonNullable<StoredTrial['result']> & { loss: number } };

export function rankTrials(trials: readonly StoredTrial[]): RankedTrial[] {
  return trials
    .filter((t): t is RankedTrial => t.state === 'ok' && typeof t.result?.loss === 'number' && Number.isFinite(t.result.loss))
    .sort((a, b) => a.result.loss - b.result.loss || a.number - b.number);
}
