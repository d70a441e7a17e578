/**
 * Every IPC message between the supervisor (parent) and a worker (child), as zod schemas with
 * their types. Both sides validate what they receive; a malformed message is logged and dropped.
 */
import { z } from 'zod';
import { trialResultSchema } from './result.js';

const paramsSchema = z.record(z.string(), z.unknown());

/** Where and how a worker trains: the experiment settings it needs. */
export const trainSettingsSchema = z.object({
  dataset: z.enum(['cifar100', 'cifar10']),
  dataDir: z.string(),
  epochs: z.number().int().positive(),
  trainLimit: z.number().int().positive().nullable(),
  validation: z.enum(['holdout', 'test']),
  holdout: z.number().int().nonnegative(),
  widthScale: z.number().positive().max(1),
  /** Seed of the held-out validation split: fixed for the whole experiment. */
  splitSeed: z.number().int().nonnegative(),
});

export const trainJobSchema = z.object({
  kind: z.literal('train'),
  trialId: z.string(),
  number: z.number().int().nonnegative(),
  params: paramsSchema,
  seed: z.number().int().nonnegative(),
  settings: trainSettingsSchema,
});

/** Jobs: `retrain` and `visualize` join this union in later issues. */
export const jobSchema = z.discriminatedUnion('kind', [trainJobSchema]);

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: jobSchema }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('cancel'), trialId: z.string().optional() }),
  z.object({ type: z.literal('shutdown') }),
]);

const logsSchema = z.record(z.string(), z.number().nullable());

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: z.string(), device: z.string(), warnings: z.array(z.string()), pid: z.number().int() }),
  z.object({ type: z.literal('trial-start'), trialId: z.string(), epochs: z.number().int(), trainImages: z.number().int(), batchSize: z.number().int(), paramsCount: z.number().int().nullable() }),
  z.object({
    type: z.literal('batch'),
    trialId: z.string(),
    epoch: z.number().int(),
    batch: z.number().int(),
    batches: z.number().int(),
    /** Running means over the epoch so far. */
    logs: logsSchema,
    imagesPerSecond: z.number().nullable(),
  }),
  z.object({ type: z.literal('epoch'), trialId: z.string(), epoch: z.number().int(), logs: logsSchema, seconds: z.number() }),
  z.object({ type: z.literal('trial-end'), trialId: z.string(), result: trialResultSchema }),
  z.object({ type: z.literal('paused'), trialId: z.string().nullable() }),
  z.object({ type: z.literal('resumed'), trialId: z.string().nullable() }),
  z.object({ type: z.literal('log'), level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ type: z.literal('error'), message: z.string(), trialId: z.string().nullable() }),
]);

export type TrainSettings = z.infer<typeof trainSettingsSchema>;
export type TrainJob = z.infer<typeof trainJobSchema>;
export type Job = z.infer<typeof jobSchema>;
export type ToWorker = z.infer<typeof toWorkerSchema>;
export type FromWorker = z.infer<typeof fromWorkerSchema>;
export type FromWorkerOf<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** Validates a received message; the error text names what is wrong, for the log. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; message: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  let preview: string;
  try {
    preview = JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
  } catch {
    preview = String(raw);
  }
  return { ok: false, error: `malformed message${where}: ${issue?.message ?? 'invalid'} (${preview})` };
}
