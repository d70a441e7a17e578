/**
 * Sorting and filtering of trial stats (pure). Filter syntax, terms separated by spaces,
 * all must match:
 *   word            the status, optimizer, pooling, activation or id contains it ("nadam", "fail")
 *   field:value     a text field starts with value, a number field equals it ("pool:avg", "blocks:3")
 *   field>n field<n field>=n field<=n   numbers ("fine>60" or "fine>0.6", "lr<1", "rank<=10")
 */
import { type Field, type FieldId, fieldById, fieldByName, normaliseBound, statusWord } from './fields.js';
import type { Ranks, TrialStats } from './stats.js';

export interface SortSpec {
  key: FieldId;
  desc: boolean;
}

type Term = { kind: 'word'; word: string } | { kind: 'eq'; field: Field; value: string } | { kind: 'cmp'; field: Field; op: '<' | '>' | '<=' | '>='; value: number };

export interface ParsedFilter {
  terms: Term[];
  /** Terms that could not be read, with why (the filter line shows them; they match everything). */
  errors: string[];
}

const TERM = /^([A-Za-z_#][\w#]*)(<=|>=|<|>|:|=)(.+)$/;

export function parseFilter(text: string): ParsedFilter {
  const terms: Term[] = [];
  const errors: string[] = [];
  for (const raw of text.trim().split(/\s+/)) {
    if (raw === '') continue;
    const m = TERM.exec(raw);
    if (!m) {
      terms.push({ kind: 'word', word: raw.toLowerCase() });
      continue;
    }
    const [, name, op, value] = m as unknown as [string, string, string, string];
    const field = fieldByName(name);
    if (!field) {
      errors.push(`unknown field '${name}'`);
      continue;
    }
    if (op === ':' || op === '=') {
      terms.push({ kind: 'eq', field, value: value.toLowerCase() });
      continue;
    }
    const n = Number(value);
    if (field.kind !== 'num' || !Number.isFinite(n)) {
      errors.push(field.kind !== 'num' ? `'${name}' is not a number field` : `'${value}' is not a number`);
      continue;
    }
    terms.push({ kind: 'cmp', field, op: op as '<' | '>' | '<=' | '>=', value: normaliseBound(field, n) });
  }
  return { terms, errors };
}

function matchTerm(term: Term, s: TrialStats, rank: number | null): boolean {
  if (term.kind === 'word') {
    const p = s.trial.params;
    const hay = `${statusWord(s)} ${p.optimizer} ${p.pooling_type} ${p.activation} ${s.trial.id}`.toLowerCase();
    return hay.includes(term.word);
  }
  const v = term.field.get(s, rank);
  if (v === null) return false;
  if (term.kind === 'eq') {
    if (typeof v === 'string') return v.toLowerCase().startsWith(term.value);
    const n = normaliseBound(term.field, Number(term.value));
    return Number.isFinite(n) && Math.abs(v - n) < 1e-9 + Math.abs(n) * 1e-6;
  }
  if (typeof v !== 'number') return false;
  switch (term.op) {
    case '<':
      return v < term.value;
    case '>':
      return v > term.value;
    case '<=':
      return v <= term.value;
    case '>=':
      return v >= term.value;
  }
}

export function matches(filter: ParsedFilter, s: TrialStats, rank: number | null): boolean {
  for (const t of filter.terms) if (!matchTerm(t, s, rank)) return false;
  return true;
}

/**
 * Sorted (nulls last in either direction; ties by trial number) and filtered stats. `ranked`
 * (the rank order, when known) makes the default sort, by accuracy, a copy instead of a sort.
 */
export function viewRows(stats: readonly TrialStats[], ranks: Ranks, sort: SortSpec, filter: ParsedFilter, ranked?: readonly TrialStats[]): TrialStats[] {
  if (ranked && sort.key === 'fine') {
    const order = sort.desc ? [...ranked] : [...ranked].reverse();
    if (ranked.length < stats.length) for (const s of stats) if (s.fine === null) order.push(s);
    return filter.terms.length ? order.filter((s) => matches(filter, s, ranks.of(s))) : order;
  }
  const field = fieldById(sort.key);
  const keyed: { s: TrialStats; k: number | string | null; n: number }[] = [];
  for (const s of stats) {
    const rank = ranks.of(s);
    if (filter.terms.length && !matches(filter, s, rank)) continue;
    keyed.push({ s, k: field.get(s, rank), n: s.trial.number });
  }
  const dir = sort.desc ? -1 : 1;
  keyed.sort((a, b) => {
    const ka = a.k;
    const kb = b.k;
    if (ka === null || kb === null) return ka === kb ? a.n - b.n : ka === null ? 1 : -1;
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : ka < kb ? -1 : ka > kb ? 1 : 0;
    return c !== 0 ? c * dir : a.n - b.n;
  });
  return keyed.map((x) => x.s);
}
