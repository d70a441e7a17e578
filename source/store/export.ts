/**
 * `cifar-tui export`: every trial as one flat row (trial fields, the 19 hyperparameters under
 * their own names, the result metrics), as CSV with a header or as a JSON array of objects,
 * for notebooks (`pandas.read_csv` / `read_json`).
 */
import { cifarSpace } from '../search/index.js';
import { type StoredTrial, SUMMARY_KEYS } from './schema.js';

const TRIAL_COLUMNS = ['number', 'id', 'state', 'source', 'seed', 'startedAt', 'endedAt', 'crashes', 'error', 'resultFile'] as const;
const PARAM_COLUMNS = Object.keys(cifarSpace);
/** `status` would repeat `state`, `err` the trial's `error`. */
const METRIC_COLUMNS = SUMMARY_KEYS.filter((k) => k !== 'status' && k !== 'err');

export const EXPORT_COLUMNS: readonly string[] = [...TRIAL_COLUMNS, ...PARAM_COLUMNS, ...METRIC_COLUMNS];

type Cell = string | number | boolean | null;

function row(trial: StoredTrial): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const k of TRIAL_COLUMNS) out[k] = trial[k];
  const params = trial.params as unknown as Record<string, Cell>;
  for (const k of PARAM_COLUMNS) out[k] = params[k] ?? null;
  const result = (trial.result ?? {}) as Record<string, Cell | undefined>;
  for (const k of METRIC_COLUMNS) out[k] = result[k] ?? null;
  return out;
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** All trials, oldest first: CSV (header, one line per trial, empty cell for null) or a JSON array. */
export function exportTrials(trials: readonly StoredTrial[], format: 'csv' | 'json'): string {
  const rows = [...trials].sort((a, b) => a.number - b.number).map(row);
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\n')}\n`;
}
