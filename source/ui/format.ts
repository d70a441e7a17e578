/** Compact number and time formats for table cells and the header. */

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** An accuracy as a percentage with two decimals ("67.61"), or "-". */
export function pct(v: number | null | undefined): string {
  return finite(v) ? (v * 100).toFixed(2) : '-';
}

/** A multiplier or small real ("0.65", "1.24"), or "-" for null. */
export function mult(v: number | null | undefined, digits = 2): string {
  return finite(v) ? v.toFixed(digits) : '-';
}

/** Short duration for a cell: "45s", "12m03s", "3h07m", "2d04h". */
export function shortDuration(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return '-';
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

/** A value of a hyperparameter for the detail view and histogram labels. */
export function paramValue(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(3);
  }
  return String(v);
}

/** A bin edge: 3 significant digits without exponent noise ("0.607", "1.65", "450"). */
export function edge(v: number): string {
  if (!Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}
