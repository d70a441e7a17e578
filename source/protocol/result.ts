/** The result record a worker reports for a finished trial (train/result.ts builds it). */
import { z } from 'zod';

const num = z.number().nullable();

export const historySchema = z.record(z.string(), z.array(z.number().nullable()));

/** The reference's summary metrics (seed-spec.md §3), null where not finite. */
export const summaryMetricFields = {
  loss: num,
  real_loss: num,
  fine_best_loss: num,
  fine_best_accuracy: num,
  fine_end_loss: num,
  fine_end_accuracy: num,
  coarse_best_loss: num,
  coarse_best_accuracy: num,
  coarse_end_loss: num,
  coarse_end_accuracy: num,
};

export const trialResultSchema = z
  .object({
    ...summaryMetricFields,
    model_name: z.string(),
    space: z.record(z.string(), z.unknown()),
    history: historySchema,
    status: z.enum(['ok', 'fail']),
    err: z.string().optional(),
    traceback: z.string().optional(),
    outcome: z.enum(['completed', 'diverged', 'cancelled', 'error', 'crashed']).optional(),
    epochs_done: z.number().optional(),
    epoch_seconds: z.array(z.number()).optional(),
    train_seconds: z.number().optional(),
    images_per_second: num.optional(),
    params_count: num.optional(),
    backend: z.string().optional(),
  })
  .passthrough();

export type TrialResultRecord = z.infer<typeof trialResultSchema>;

/** A failed result that never trained to the end: the data did not load, the worker died, or its result was unusable. */
export function failedResult(space: Record<string, unknown>, trialId: string, error: Error, outcome: 'error' | 'crashed' = 'error'): TrialResultRecord {
  const nulls = Object.fromEntries(Object.keys(summaryMetricFields).map((k) => [k, null])) as Record<keyof typeof summaryMetricFields, null>;
  return { ...nulls, model_name: `model_0_${trialId}`, space: { ...space }, history: {}, status: 'fail', err: error.message, traceback: error.stack, outcome };
}
