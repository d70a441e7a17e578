/** Validation of a db.json read from disk: a file that parses but is not a store is as corrupt as one that does not parse. */
import { z } from 'zod';
import { trialResultSchema } from '../protocol/index.js';
import { type DbData, STORE_VERSION, SUMMARY_KEYS, type StoredTrial } from './schema.js';

const summarySchema = trialResultSchema.pick(Object.fromEntries(SUMMARY_KEYS.map((k) => [k, true])) as { [K in (typeof SUMMARY_KEYS)[number]]: true });

const epochSchema = z.object({
  epoch: z.number(),
  logs: z.record(z.string(), z.number().nullable()),
  seconds: z.number(),
});

const trialSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{5}$/, 'expected five hex digits'),
    number: z.number().int().nonnegative(),
    state: z.enum(['running', 'ok', 'fail', 'interrupted']),
    source: z.enum(['search', 'import']),
    params: z.record(z.string(), z.unknown()),
    vals: z.record(z.string(), z.array(z.number())),
    seed: z.number(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    epochs: z.array(epochSchema),
    result: summarySchema.loose().nullable(),
    error: z.string().nullable(),
    crashes: z.number().int().nonnegative(),
    resultFile: z.string().nullable(),
  })
  .loose();

export const experimentSchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    dataset: z.enum(['cifar100', 'cifar10']),
    epochs: z.number().int().positive(),
    trainLimit: z.number().int().positive().nullable(),
    validation: z.enum(['holdout', 'test']),
    holdout: z.number().int().nonnegative(),
    widthScale: z.number().positive(),
    seed: z.number().int(),
    spaceVersion: z.number().int(),
    spaceHash: z.string(),
  })
  .loose();

const runSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['retrain', 'visualize']),
    trialId: z.string(),
    state: z.enum(['running', 'ok', 'fail', 'interrupted']),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .loose();

const dbSchema = z.object({
  version: z.literal(STORE_VERSION),
  experiment: experimentSchema,
  runs: z.array(runSchema),
  /** Files of `trials/` holding the older finished trials (see db-file.ts). */
  sealed: z.array(z.string().regex(/^\d{8}\.json$/, 'expected NNNNNNNN.json')).optional(),
  trials: z.array(trialSchema),
});

const sealedSchema = z.array(trialSchema);

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** The database as stored in db.json (its own trials only), or what is wrong with it. */
export function checkDb(value: unknown): Checked<DbData & { sealed?: string[] }> {
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > STORE_VERSION) {
    return { ok: false, problem: `it is store version ${version}, written by a newer cifar-tui (this one reads version ${STORE_VERSION})` };
  }
  const parsed = dbSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data as unknown as DbData & { sealed?: string[] } } : { ok: false, problem: problemOf(parsed.error) };
}

/** The trials of one sealed file, or what is wrong with them. */
export function checkSealed(value: unknown): Checked<StoredTrial[]> {
  const parsed = sealedSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error) };
  const trials = parsed.data as unknown as StoredTrial[];
  const open = trials.find((t) => t.state !== 'ok' && t.state !== 'fail');
  return open ? { ok: false, problem: `trial ${open.id} is ${open.state}; sealed trials are finished` } : { ok: true, value: trials };
}
