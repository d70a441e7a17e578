/**
 * The human-readable result files of `store/results/`, in the reference's format (seed-spec.md
 * §4, §8.1): one JSON object per finished trial with sorted keys and 4-space indentation, named
 * `model_<%.12g of the best fine accuracy>_<id>.txt.json`. Ours are always valid JSON: a
 * non-finite number is written as null. Reading accepts the reference's bare NaN/Infinity.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrialResultRecord } from '../protocol/index.js';
import { readTextOrNull, writeFileAtomic } from './atomic.js';
import { StoreError, ioError } from './errors.js';
import { type EpochRecord, type StoredTrial, SUMMARY_KEYS, type TrialSummary } from './schema.js';

/** C's `%.12g` (what the reference's numpy printed): 12 significant digits, trailing zeros dropped. */
export function formatG12(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponentText] = x.toExponential(11).split('e');
  const exponent = Number(exponentText);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= 12) return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return trim(x.toFixed(11 - exponent));
}

/** `model_<accuracy>_<id>.txt.json` for an ok trial (`nan` without an accuracy), `failed_<id>.txt.json` for a failed one. */
export function resultFileName(id: string, state: 'ok' | 'fail', fineBestAccuracy: number | null | undefined): string {
  if (state === 'fail') return `failed_${id}.txt.json`;
  return `model_${formatG12(typeof fineBestAccuracy === 'number' ? fineBestAccuracy : Number.NaN)}_${id}.txt.json`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** The file text: sorted keys, 4-space indent; JSON.stringify writes NaN and ±Infinity as null. */
export function stringifyResult(record: object): string {
  return `${JSON.stringify(sortKeys(record), null, 4)}\n`;
}

/**
 * JSON.parse that also accepts Python's bare `NaN`, `Infinity` and `-Infinity` tokens (outside
 * strings), reading them as null, and counts them.
 */
export function parseLenientJson(text: string): { value: unknown; nonFinite: number } {
  let nonFinite = 0;
  let out = '';
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const token = c === 'N' && text.startsWith('NaN', i) ? 'NaN' : c === 'I' && text.startsWith('Infinity', i) ? 'Infinity' : c === '-' && text.startsWith('-Infinity', i) ? '-Infinity' : null;
    if (token !== null) {
      out += `${text.slice(start, i)}null`;
      i += token.length - 1;
      start = i + 1;
      nonFinite++;
    }
  }
  return { value: JSON.parse(out + text.slice(start)), nonFinite };
}

const SUMMARY_CHARS = 1000;

/** The part of a result record db.json keeps. */
export function summarize(record: TrialResultRecord): TrialSummary {
  const out: Record<string, unknown> = {};
  for (const key of SUMMARY_KEYS) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) out[key] = null;
    else if (typeof value === 'string' && value.length > SUMMARY_CHARS) out[key] = `${value.slice(0, SUMMARY_CHARS)}…`;
    else out[key] = value;
  }
  return out as TrialSummary;
}

function historyFromEpochs(epochs: readonly EpochRecord[]): Record<string, (number | null)[]> {
  const history: Record<string, (number | null)[]> = {};
  for (const record of epochs) for (const key of Object.keys(record.logs)) history[key] ??= [];
  for (const key of Object.keys(history)) history[key] = epochs.map((e) => e.logs[key] ?? null);
  return history;
}

/**
 * The result file of a finished trial: the worker's record (the reference's fields and ours),
 * its space and history filled in from the trial when the record lacks them, and a `trial`
 * object saying which trial of which experiment it is.
 */
export function resultRecord(trial: StoredTrial, result: TrialResultRecord, state: 'ok' | 'fail', error: string | null, endedAt: string, experimentId: string): object {
  return {
    ...result,
    status: state,
    ...(error !== null && result.err === undefined ? { err: error } : {}),
    space: Object.keys(result.space ?? {}).length > 0 ? result.space : trial.params,
    history: Object.keys(result.history ?? {}).length > 0 ? result.history : historyFromEpochs(trial.epochs),
    trial: { id: trial.id, number: trial.number, source: trial.source, seed: trial.seed, startedAt: trial.startedAt, endedAt, experiment: experimentId },
  };
}

export async function writeResultFile(dir: string, fileName: string, record: object): Promise<void> {
  const path = join(dir, fileName);
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, stringifyResult(record));
  } catch (error) {
    throw ioError(path, 'write', error);
  }
}

/** A result file (ours or the reference's), or null when it does not exist. */
export async function readResultFile(path: string): Promise<TrialResultRecord | null> {
  let text: string | null;
  try {
    text = await readTextOrNull(path);
  } catch (error) {
    throw ioError(path, 'read', error);
  }
  if (text === null) return null;
  try {
    return parseLenientJson(text).value as TrialResultRecord;
  } catch (error) {
    throw new StoreError('corrupt', path, `${path} is not valid JSON (${(error as Error).message})`);
  }
}
