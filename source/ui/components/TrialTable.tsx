/**
 * The trials table: a caption (count, sort, filter), the column header and only the rows that
 * fit. The running trial is always shown: when it is scrolled (or filtered) out of view it is
 * pinned as the last line, marked ↑/↓ (where it is) or * (filtered out).
 */
import { Box } from 'ink';
import { useMemo, useRef } from 'react';
import { fieldById } from '../model/fields.js';
import type { SortSpec } from '../model/table-view.js';
import type { TrialStats } from '../model/stats.js';
import { type CellContext, fitColumns, rowDict, trialColumns } from '../model/trial-columns.js';
import { Line, type Span } from './Line.js';
import { type ScalarDict, Table } from './Table.js';
import { useTheme } from './ThemeContext.js';
import type { Tone } from '../theme.js';

export interface TrialTableProps {
  rows: readonly TrialStats[];
  /** All trials (for column widths and the count). */
  all: readonly TrialStats[];
  running: TrialStats | null;
  selected: number;
  sort: SortSpec;
  filter: string;
  filterErrors: readonly string[];
  cells: Omit<CellContext, 'glyphs'>;
  width: number;
  height: number;
}

/** First visible row: moves only as far as needed to keep `selected` in view. */
export function windowStart(previous: number, selected: number, visible: number, total: number): number {
  if (visible <= 0 || total <= visible) return 0;
  let start = Math.min(previous, total - visible);
  if (selected < start) start = selected;
  if (selected >= start + visible) start = selected - visible + 1;
  return Math.max(0, start);
}

const STATE_TONE: Record<string, Tone> = { running: 'running', ok: 'good', fail: 'bad', interrupted: 'warn' };

export function TrialTable(props: TrialTableProps) {
  const { rows, all, running, selected, sort, width, height } = props;
  const theme = useTheme();
  const start = useRef(0);
  const ctx: CellContext = { ...props.cells, glyphs: theme.glyphs };
  const columns = useMemo(() => fitColumns(trialColumns(all, props.cells.epochs), width), [all, props.cells.epochs, width]);
  const caption = height >= 6;
  const visible = Math.max(0, height - 1 - (caption ? 1 : 0));

  const runningIndex = running ? rows.indexOf(running) : -1;
  let first = windowStart(start.current, Math.max(0, selected), visible, rows.length);
  start.current = first;
  let slots = visible;
  const pinned = running !== null && (runningIndex < first || runningIndex >= first + visible) && visible > 1;
  if (pinned) {
    slots = visible - 1;
    if (selected >= first + slots) first = selected - slots + 1;
  }
  const shown = rows.slice(first, first + slots);
  const data: ScalarDict[] = shown.map((s) => rowDict(columns, s, ctx));
  const markers: (string | undefined)[] = shown.map(() => undefined);
  if (pinned) {
    data.push(rowDict(columns, running!, ctx));
    markers.push(runningIndex < 0 ? '*' : runningIndex < first ? '↑' : '↓');
  }
  const sortCol = columns.find((c) => c.key === sort.key) ?? columns.find((c) => c.sort === sort.key && c.key !== 'rank');
  const arrow = sort.desc ? theme.glyphs.sortDesc : theme.glyphs.sortAsc;
  const titled = columns.map((c) => (c === sortCol ? { ...c, title: `${c.title}${arrow}`.slice(-Math.max(c.width, 1)) } : c));

  const captionSpans: Span[] = [
    { text: `${all.length} trial${all.length === 1 ? '' : 's'}`, bold: true },
    { text: ` ${theme.glyphs.sep} sort ${fieldById(sort.key).title} ${arrow}` },
  ];
  if (props.filter) captionSpans.push({ text: ` ${theme.glyphs.sep} filter "${props.filter}": ${rows.length} match`, tone: 'accent' });
  if (props.filterErrors.length) captionSpans.push({ text: ` (${props.filterErrors.join('; ')})`, tone: 'warn' });
  if (rows.length > slots && slots > 0) captionSpans.push({ text: ` ${theme.glyphs.sep} ${first + 1}–${first + shown.length} of ${rows.length}`, tone: 'muted' });

  return (
    <Box flexDirection="column" width={width} height={height}>
      {caption ? <Line spans={captionSpans} /> : null}
      <Table
        columns={titled}
        data={data}
        selected={selected >= first && selected < first + shown.length ? selected - first : -1}
        markers={markers}
        tone={(row, key) => (key === 'status' ? STATE_TONE[String(row.__state)] : undefined)}
      />
    </Box>
  );
}
