/**
 * One result file of the reference project turned into a finished trial: decoded parameters,
 * the per-label record TPE needs (seed-spec.md §10), and a result record that is valid JSON.
 * Diverged runs (bare NaN, seed-spec.md §8.1, bug B7) keep their real best accuracy: every
 * "best" value is recomputed from the epochs before the divergence, where the reference's
 * min/max also took the 1.19e-7 losses logged after it.
 */
import { z } from 'zod';
import { type TrialResultRecord, summaryMetricFields } from '../protocol/index.js';
import { type CifarParams, type Vals, cifarSpace, cifarValsFromParams } from '../search/index.js';
import { parseLenientJson } from './result-file.js';

const series = z.array(z.number().nullable());

const referenceSchema = z
  .object({
    ...summaryMetricFields,
    model_name: z.string().regex(/^model_.*_[0-9a-f]{5}$/, 'expected model_<accuracy>_<5 hex digits>'),
    space: z.record(z.string(), z.unknown()),
    history: z.record(z.string(), series).and(z.object({ val_fine_outputs_acc: series, val_fine_outputs_loss: series, val_coarse_outputs_acc: series, val_coarse_outputs_loss: series })),
    status: z.literal('ok'),
  })
  .loose();

/** Losses at or below this after a divergence are the clipped log(1 − ε) of a NaN network, not measurements. */
const COLLAPSED_LOSS = 1e-6;

export interface ReferenceTrial {
  id: string;
  modelName: string;
  params: CifarParams;
  vals: Vals;
  /** The record to write to `results/`: the file's, with NaN as null and repaired metrics. */
  record: TrialResultRecord;
  /** 0-based epoch where the history turns NaN, or null. */
  divergedAt: number | null;
}

/** The 19 parameters in the space's key order; the space itself validates every value. */
function paramsFrom(space: Record<string, unknown>): { params: CifarParams; vals: Vals } {
  const keys = Object.keys(cifarSpace);
  const unknown = Object.keys(space).filter((k) => !keys.includes(k));
  if (unknown.length > 0) throw new Error(`space has keys the search space does not: ${unknown.join(', ')}`);
  const missing = keys.filter((k) => !(k in space));
  if (missing.length > 0) throw new Error(`space lacks ${missing.join(', ')}`);
  const params = Object.fromEntries(keys.map((k) => [k, space[k]])) as unknown as CifarParams;
  return { params, vals: cifarValsFromParams(params) };
}

function best(values: readonly (number | null)[], end: number, pick: (a: number, b: number) => number): number | null {
  let result: number | null = null;
  for (let i = 0; i < end; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) result = result === null ? v : pick(result, v);
  }
  return result;
}

/** Parses and converts one file; throws an Error saying what is wrong with it. */
export function convertReferenceFile(text: string): ReferenceTrial {
  let value: unknown;
  try {
    value = parseLenientJson(text).value;
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const parsed = referenceSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a result file of the reference project (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  const file = parsed.data;
  const { params, vals } = paramsFrom(file.space);
  const history = file.history as Record<string, (number | null)[]>;
  const length = Math.max(0, ...Object.values(history).map((s) => s.length));
  let divergedAt: number | null = null;
  for (let i = 0; i < length && divergedAt === null; i++) {
    if (Object.values(history).some((s) => i < s.length && s[i] === null)) divergedAt = i;
  }
  const record: TrialResultRecord = { ...file, outcome: divergedAt === null ? 'completed' : 'diverged', epochs_done: length };
  if (divergedAt !== null) {
    const h = file.history;
    const fineBest = best(h.val_fine_outputs_acc, divergedAt, Math.max);
    Object.assign(record, {
      fine_best_accuracy: fineBest,
      loss: fineBest === null ? null : -fineBest,
      fine_best_loss: best(h.val_fine_outputs_loss, divergedAt, Math.min),
      coarse_best_accuracy: best(h.val_coarse_outputs_acc, divergedAt, Math.max),
      coarse_best_loss: best(h.val_coarse_outputs_loss, divergedAt, Math.min),
      fine_end_loss: collapsed(file.fine_end_loss),
      coarse_end_loss: collapsed(file.coarse_end_loss),
      diverged_epoch: divergedAt,
      import_note:
        `diverged: the history is NaN from epoch index ${divergedAt}; best values are recomputed from the ${divergedAt} epochs before it, ` +
        `and end losses at the ${COLLAPSED_LOSS} floor are null (the original file said fine_best_loss ${file.fine_best_loss}, coarse_best_loss ${file.coarse_best_loss})`,
    });
  }
  return { id: file.model_name.slice(-5), modelName: file.model_name, params, vals, record, divergedAt };
}

function collapsed(loss: number | null): number | null {
  return loss !== null && loss <= COLLAPSED_LOSS ? null : loss;
}
