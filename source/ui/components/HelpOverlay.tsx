/**
 * The `?` overlay: every key of the registry by group (as many columns as the height needs,
 * long texts when a column has room), the filter syntax and the status glyphs.
 */
import { Box } from 'ink';
import { BINDINGS, GROUPS } from '../keys/registry.js';
import { fit } from '../text.js';
import { type Capabilities, unavailable } from './KeyBar.js';
import { Line, type Span } from './Line.js';
import { useTheme } from './ThemeContext.js';

type Entry = { kind: 'group'; text: string } | { kind: 'key'; label: string; short: string; long: string; note: string | null };

export function helpEntries(caps: Capabilities): Entry[] {
  const out: Entry[] = [];
  for (const group of GROUPS) {
    out.push({ kind: 'group', text: group });
    for (const b of BINDINGS.filter((x) => x.group === group)) {
      const why = unavailable(b, caps);
      out.push({ kind: 'key', label: b.label, short: b.help, long: b.more ?? b.help, note: why === null ? null : why === 'not in view mode' ? 'view' : 'soon' });
    }
  }
  return out;
}

const LABEL = 7;

function entrySpans(e: Entry, colW: number): Span[] {
  if (e.kind === 'group') return [{ text: fit(e.text, colW), bold: true, tone: 'accent' }];
  const note = e.note ? ` (${e.note})` : '';
  const room = colW - 1 - LABEL - 1 - note.length;
  const body = fit(e.long.length <= room ? e.long : e.short, room);
  const text = body.trimEnd();
  return [{ text: ` ${fit(e.label, LABEL - 1)} `, bold: true }, { text }, { text: note, tone: 'muted' }, { text: ' '.repeat(body.length - text.length + 1) }];
}

export function HelpOverlay({ caps, width, height }: { caps: Capabilities; width: number; height: number }) {
  const g = useTheme().glyphs;
  const entries = helpEntries(caps);
  const footer: Span[][] = [
    [{ text: 'Filter: ', bold: true }, { text: 'words (nadam, fail) or field:value, field>n, field<=n, e.g.' }],
    [{ text: '  pool:avg fine>60 lr<1 rank<=10 blocks:3 res>=2 opt:nadam status:run' }],
    [{ text: 'Status: ', bold: true }, { text: `${g.ok} ok ${g.fail} failed ${g.running} running ${g.paused} paused ${g.interrupted} interrupted; ↑↓* pinned running row` }],
  ];
  const rowsForKeys = Math.max(1, height - 1 - footer.length);
  const cols = Math.max(1, Math.min(Math.floor(width / 38), Math.ceil(entries.length / rowsForKeys)));
  const perCol = Math.ceil(entries.length / cols);
  const colW = Math.floor(width / cols);
  const shownRows = Math.min(perCol, rowsForKeys);
  const lines: Span[][] = [];
  for (let r = 0; r < shownRows; r++) {
    const spans: Span[] = [];
    for (let c = 0; c < cols; c++) {
      const e = entries[c * perCol + r];
      spans.push(...(e ? entrySpans(e, colW) : [{ text: ' '.repeat(colW) }]));
    }
    lines.push(spans);
  }
  const hidden = entries.length - Math.min(entries.length, shownRows * cols);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line
        spans={[
          { text: 'Keys', bold: true },
          { text: `  Esc or ? closes; (soon): a later version; (view): not in view mode${hidden > 0 ? `; ${hidden} more: enlarge the terminal` : ''}`, tone: 'muted' },
        ]}
      />
      {lines.map((spans, i) => (
        <Line key={i} spans={spans} />
      ))}
      {footer.slice(0, Math.max(0, height - 1 - lines.length)).map((spans, i) => (
        <Line key={`f${i}`} spans={spans} />
      ))}
    </Box>
  );
}
