/**
 * The trials table as plain text (no Ink, no escape codes): `cifar-tui view` when stdout is not
 * a terminal. Same columns and ranking as the dashboard.
 */
import type { StoredTrial } from '../store/schema.js';
import { fieldById } from './model/fields.js';
import { rankIndex, rankOrder, statsOf } from './model/stats.js';
import { type SortSpec, parseFilter, viewRows } from './model/table-view.js';
import { fitColumns, rowDict, trialColumns } from './model/trial-columns.js';
import { fit } from './text.js';
import { asciiOnly, createTheme } from './theme.js';

export interface PlainTableOptions {
  epochs: number | null;
  width?: number;
  sort?: SortSpec;
  filter?: string;
  env?: NodeJS.ProcessEnv;
  now?: number;
}

export function plainTable(trials: readonly StoredTrial[], o: PlainTableOptions): string[] {
  const stats = trials.map(statsOf);
  const ranks = rankIndex(rankOrder(stats));
  const sort = o.sort ?? { key: 'fine', desc: true };
  const rows = viewRows(stats, ranks, sort, parseFilter(o.filter ?? ''));
  const glyphs = createTheme({ color: false, ascii: asciiOnly(o.env) }).glyphs;
  const columns = fitColumns(trialColumns(stats, o.epochs), o.width ?? 160);
  const ctx = { ranks, live: null, epochs: o.epochs, paused: false, now: o.now ?? Date.now(), glyphs };
  const line = (cells: string[]) => cells.join(' ').trimEnd();
  return [
    `${trials.length} trials, sorted by ${fieldById(sort.key).title} ${sort.desc ? 'descending' : 'ascending'}`,
    line(columns.map((c) => fit(c.title, c.width, c.align))),
    ...rows.map((s) => {
      const d = rowDict(columns, s, ctx);
      return line(columns.map((c) => fit(String(d[c.key] ?? '-'), c.width, c.align)));
    }),
  ];
}
