/**
 * Several series on one asciichart grid, each with its own line style so they stay apart
 * without colour (light, heavy, dashed). asciichart plots one contiguous run of each series at
 * a time (it has no gaps or width option); we resample to the columns we have, overlay the runs
 * cell by cell, and draw the value axis ourselves.
 */
import * as asciichart from 'asciichart';
import type { Tone } from '../theme.js';
import type { Series } from '../model/curves.js';

type Symbols = NonNullable<asciichart.PlotConfig['symbols']>;

export type LineStyle = 'light' | 'heavy' | 'dashed';

export interface Layer {
  values: Series;
  tone: Tone;
  style: LineStyle;
}

export interface Segment {
  text: string;
  tone?: Tone;
}

export interface PlotOptions {
  /** Total columns, axis labels included. */
  width: number;
  /** Rows of the grid (asciichart's height + 1 lines come back; we ask for rows − 1). */
  rows: number;
  min: number;
  max: number;
  /** x extent in points (e.g. epochs per trial), so curves fill left to right as training goes. */
  extent?: number;
  format: (v: number) => string;
  ascii?: boolean;
}

// asciichart's symbol order: first, axis, ╶, ╴, horizontal, ╰, ╭, ╮, ╯, vertical.
const SYMBOLS: Record<LineStyle, string[]> = {
  light: ['─', ' ', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  heavy: ['━', ' ', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'],
  dashed: ['┄', ' ', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '┆'],
};
const ASCII_SYMBOLS: Record<LineStyle, string[]> = {
  light: ['-', ' ', '-', '-', '-', '+', '+', '+', '+', '|'],
  heavy: ['=', ' ', '=', '=', '=', '#', '#', '#', '#', '#'],
  dashed: ['.', ' ', '.', '.', '.', '.', '.', '.', '.', ':'],
};

/** Bucket means of `values` over `columns` equal slices of [0, extent). */
export function resample(values: Series, extent: number, columns: number): Series {
  if (columns >= extent) return Array.from({ length: extent }, (_, i) => values[i] ?? null);
  const out: Series = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * extent) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * extent) / columns));
    let sum = 0;
    let n = 0;
    for (let i = from; i < to && i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) {
        sum += v;
        n++;
      }
    }
    out.push(n > 0 ? sum / n : null);
  }
  return out;
}

/** Contiguous runs of finite values: [start index, values]. */
function runs(values: Series): [number, number[]][] {
  const out: [number, number[]][] = [];
  let cur: number[] | null = null;
  values.forEach((v, i) => {
    if (v === null) {
      cur = null;
      return;
    }
    if (!cur) {
      cur = [];
      out.push([i, cur]);
    }
    cur.push(v);
  });
  return out;
}

/** Lines of segments, `rows` of them, each exactly `width` columns when padded. */
export function plotLayers(layers: readonly Layer[], o: PlotOptions): Segment[][] {
  const labelWidth = Math.max(...[o.max, o.min].map((v) => o.format(v).length));
  const dataWidth = Math.max(1, o.width - labelWidth - 1);
  const extent = Math.max(o.extent ?? 0, ...layers.map((l) => l.values.length), 1);
  const columns = Math.min(dataWidth, extent);
  const range = o.max - o.min || 1;
  // asciichart rounds min and max separately, so its line count can be off by one: adjust.
  let height = Math.max(1, o.rows - 1);
  const rowsFor = (h: number) => Math.round(o.max * (h / range)) - Math.round(o.min * (h / range));
  if (rowsFor(height) + 1 > o.rows && height > 1) height--;
  else if (rowsFor(height) + 1 < o.rows) height++;
  const ratio = height / range;
  const min2 = Math.round(o.min * ratio);
  const rows = rowsFor(height);
  const grid: { ch: string; tone?: Tone }[][] = Array.from({ length: rows + 1 }, () => Array.from({ length: columns }, () => ({ ch: ' ' })));
  const clamp = (v: number) => Math.min(o.max, Math.max(o.min, v));
  for (const layer of layers) {
    const symbols = (o.ascii ? ASCII_SYMBOLS : SYMBOLS)[layer.style];
    for (const [start, run] of runs(resample(layer.values, extent, columns))) {
      const values = run.map(clamp);
      const first = rows - (Math.round(values[0]! * ratio) - min2);
      grid[first]![start] = { ch: symbols[4]!, tone: layer.tone };
      if (values.length < 2) continue;
      const lines = asciichart.plot(values, { min: o.min, max: o.max, height, offset: 1, padding: ' ', format: () => ' ', symbols: symbols as Symbols }).split('\n');
      lines.forEach((line, r) => {
        const cells = [...line];
        for (let j = 1; j < values.length && start + j < columns; j++) {
          const ch = cells[j];
          if (ch !== undefined && ch !== ' ') grid[r]![start + j] = { ch, tone: layer.tone };
        }
      });
    }
  }
  const axis = o.ascii ? '|' : '┤';
  return grid.map((cells, r) => {
    const label = o.format(o.max - (r * range) / (rows || 1)).padStart(labelWidth);
    const out: Segment[] = [{ text: label + axis, tone: 'muted' }];
    for (const cell of cells) {
      const last = out[out.length - 1]!;
      if (last.tone === cell.tone || (cell.ch === ' ' && out.length > 1)) last.text += cell.ch;
      else out.push({ text: cell.ch, tone: cell.tone });
    }
    const tail = out[out.length - 1]!;
    tail.text = tail.text.trimEnd();
    return out.filter((s, i) => i === 0 || s.text !== '');
  });
}

/** A readable range for accuracies: whole tenths around the data, within [0, 1]. */
export function accuracyRange(layers: readonly Layer[]): { min: number; max: number } {
  const all = layers.flatMap((l) => l.values.filter((v): v is number => v !== null));
  if (all.length === 0) return { min: 0, max: 1 };
  const min = Math.max(0, Math.floor(Math.min(...all) * 10) / 10);
  const max = Math.min(1, Math.ceil(Math.max(...all) * 10) / 10);
  return max > min ? { min, max } : { min: Math.max(0, min - 0.1), max: Math.min(1, max + 0.1) };
}

/** A loss range: the data's, padded a little, from 0 when close. */
export function lossRange(layers: readonly Layer[]): { min: number; max: number } {
  const all = layers.flatMap((l) => l.values.filter((v): v is number => v !== null));
  if (all.length === 0) return { min: 0, max: 1 };
  let min = Math.min(...all);
  let max = Math.max(...all);
  const least = Math.max(1e-6, Math.abs(max) * 0.02);
  if (max - min < least) {
    const mid = (max + min) / 2;
    min = mid - least / 2;
    max = mid + least / 2;
  }
  return { min: min < (max - min) * 0.5 ? Math.max(0, min) : min, max };
}
