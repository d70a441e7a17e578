/** Width-aware padding and truncation (string-width: wide and ambiguous characters count right). */
import stringWidth from 'string-width';

export const width = (s: string): number => stringWidth(s);

/** Cuts `s` to at most `max` columns, ending with `ellipsis` when it was cut. */
export function truncate(s: string, max: number, ellipsis = '…'): string {
  if (max <= 0) return '';
  if (isAscii(s)) return s.length <= max ? s : max <= ellipsis.length ? s.slice(0, max) : s.slice(0, max - ellipsis.length) + ellipsis;
  if (stringWidth(s) <= max) return s;
  const room = max - stringWidth(ellipsis);
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = stringWidth(ch);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return room > 0 ? out + ellipsis : out;
}

/** Keeps the end of `s` (paths): "…/experiments/store". */
export function truncateStart(s: string, max: number, ellipsis = '…'): string {
  if (stringWidth(s) <= max) return s;
  const chars = [...s];
  let out = '';
  let used = stringWidth(ellipsis);
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = stringWidth(chars[i]!);
    if (used + w > max) break;
    out = chars[i] + out;
    used += w;
  }
  return ellipsis + out;
}

export function padEnd(s: string, w: number): string {
  const n = w - (isAscii(s) ? s.length : stringWidth(s));
  return n > 0 ? s + ' '.repeat(n) : s;
}

export function padStart(s: string, w: number): string {
  const n = w - (isAscii(s) ? s.length : stringWidth(s));
  return n > 0 ? ' '.repeat(n) + s : s;
}

/** Exactly `w` columns: truncated, then padded on the side given by `align`. */
export function fit(s: string, w: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const t = truncate(s, w, ellipsis);
  return align === 'right' ? padStart(t, w) : padEnd(t, w);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
