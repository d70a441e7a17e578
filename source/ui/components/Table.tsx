/**
 * A table in ink-table's simple model, written here because ink-table 3.1.0 cannot load under
 * Ink 6 (CommonJS `require('ink')` of an ESM module with top-level await) and its ESM fork is
 * slow (a Text per cell, width by String.length, rows re-keyed by hash). Rows are plain objects
 * (`data`), `columns` name their keys; one line per row, widths by string-width; the caller
 * passes only the rows that are visible.
 */
import { Box } from 'ink';
import { memo } from 'react';
import { fit } from '../text.js';
import type { Tone } from '../theme.js';
import { Line, type Span } from './Line.js';

export type Scalar = string | number | boolean | null | undefined;
export type ScalarDict = Record<string, Scalar>;

export interface ColumnSpec {
  key: string;
  title: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableProps {
  columns: readonly ColumnSpec[];
  data: readonly ScalarDict[];
  /** Index in `data` of the selected row (inverse, `>` marker), or -1. */
  selected?: number;
  /** A one-character marker per row (selection wins); e.g. "↓" for a pinned row. */
  markers?: readonly (string | undefined)[];
  /** Colour of a cell, by row and column key. */
  tone?: (row: ScalarDict, key: string) => Tone | undefined;
  showHeader?: boolean;
}

const text = (v: Scalar): string => (v === null || v === undefined ? '-' : String(v));

export function tableWidth(columns: readonly ColumnSpec[]): number {
  return columns.reduce((w, c) => w + c.width + 1, 1);
}

function rowSpans(columns: readonly ColumnSpec[], row: ScalarDict, marker: string, tone: TableProps['tone']): Span[] {
  const spans: Span[] = [{ text: marker }];
  let plain = '';
  for (const c of columns) {
    const cell = ` ${fit(text(row[c.key]), c.width, c.align)}`;
    const t = tone?.(row, c.key);
    if (!t) {
      plain += cell;
      continue;
    }
    if (plain) spans.push({ text: plain });
    plain = '';
    spans.push({ text: ' ' }, { text: cell.slice(1), tone: t });
  }
  if (plain) spans.push({ text: plain });
  return spans;
}

export const Table = memo(function Table({ columns, data, selected = -1, markers, tone, showHeader = true }: TableProps) {
  const header = ` ${columns.map((c) => fit(c.title, c.width, c.align)).join(' ')}`;
  return (
    <Box flexDirection="column">
      {showHeader ? <Line spans={[{ text: header.trimEnd(), bold: true }]} /> : null}
      {data.map((row, i) => {
        const isSelected = i === selected;
        const spans = rowSpans(columns, row, isSelected ? '>' : (markers?.[i] ?? ' '), isSelected ? undefined : tone);
        if (!isSelected) {
          const last = spans[spans.length - 1]!;
          if (!last.tone) last.text = last.text.trimEnd();
        }
        return <Line key={String(row.__key ?? i)} spans={spans} inverse={isSelected} />;
      })}
    </Box>
  );
});
