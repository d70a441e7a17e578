/**
 * The reference project's 42 result files (../shared/seed-results/) as stored trials, numbered
 * in the reference's trial order (seed-spec.md §8.4), with their histories for the curves.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertReferenceFile } from '../../source/store/reference.js';
import { summarize } from '../../source/store/result-file.js';
import type { StoredTrial } from '../../source/store/schema.js';

export const SEED_DIR = fileURLToPath(new URL('../../../shared/seed-results/', import.meta.url));

/** Trial ids in the reference's tid order 0…41. */
export const SEED_ORDER = (
  '696ae 8e1dd 29340 24921 73a5c b94f6 7d323 e6087 f8118 9aaf8 7ea81 da611 820e4 5396e 3f047 eb09e f5138 33dfa bdece b8dd8 99a55 ' +
  '51210 92f36 b047d 9fd5b 09476 f76be 7b5f0 6066e c94f5 953b5 11d46 f0704 17ba7 40473 7809a bda91 3e505 715ac acf12 1cd7a 306bc'
).split(' ');

export type History = Record<string, (number | null)[]>;

export interface SeedData {
  trials: StoredTrial[];
  histories: Map<string, History>;
}

let cached: SeedData | null = null;

export function seedTrials(): SeedData {
  if (cached) return cached;
  const histories = new Map<string, History>();
  const trials: StoredTrial[] = [];
  for (const name of readdirSync(SEED_DIR).filter((n) => n.endsWith('.json'))) {
    const ref = convertReferenceFile(readFileSync(`${SEED_DIR}${name}`, 'utf8'));
    const number = SEED_ORDER.indexOf(ref.id);
    if (number < 0) throw new Error(`${name}: id ${ref.id} is not in the reference's trial list`);
    histories.set(ref.id, ref.record.history as History);
    const ok = typeof ref.record.loss === 'number';
    trials.push({
      id: ref.id,
      number,
      state: ok ? 'ok' : 'fail',
      source: 'import',
      params: ref.params,
      vals: ref.vals,
      seed: 0,
      startedAt: null,
      endedAt: null,
      epochs: [],
      result: summarize(ref.record),
      error: null,
      crashes: 0,
      resultFile: `${ref.modelName}.txt.json`,
    });
  }
  trials.sort((a, b) => a.number - b.number);
  cached = { trials, histories };
  return cached;
}

/** A loader for DashboardModel: the seed histories, as if read from result files. */
export const seedHistoryLoader = async (t: StoredTrial): Promise<History | null> => seedTrials().histories.get(t.id) ?? null;
