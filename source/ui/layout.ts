/**
 * Where everything goes for a terminal size. The whole frame is at most rows − 1 lines (a frame
 * of `rows` lines makes Ink 6.8 clear the screen on every update: tui-notes §4.3).
 */

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
export const HEADER_LINES = 2;
export const KEYBAR_LINES = 1;

export interface Box {
  width: number;
  height: number;
}

export interface Layout {
  tooSmall: boolean;
  columns: number;
  /** Lines the frame may use: rows − 1. */
  lines: number;
  /** Lines between the header and the key bar. */
  body: number;
  /** Table beside the charts (wide terminals) or above them. */
  side: boolean;
  table: Box;
  /** Curves or histograms (one of them) below the table, or both beside it. */
  curves: Box | null;
  histograms: Box | null;
  log: Box | null;
}

export interface LayoutWants {
  pane: 'curves' | 'histograms';
  showLog: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export function computeLayout(columns: number, rows: number, wants: LayoutWants): Layout {
  const lines = rows - 1;
  const body = lines - HEADER_LINES - KEYBAR_LINES;
  const base = { columns, lines, body };
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return { ...base, tooSmall: true, side: false, table: { width: columns, height: 0 }, curves: null, histograms: null, log: null };
  }
  if (columns >= 140 && body >= 20) {
    const left = clamp(Math.floor(columns * 0.55), 90, columns - 50);
    const right = columns - left - 1;
    const logH = wants.showLog ? clamp(Math.floor(body / 3), 4, 12) : 0;
    const both = body >= 34;
    const curvesH = both ? clamp(Math.floor(body * 0.4), 10, 24) : body;
    return {
      ...base,
      tooSmall: false,
      side: true,
      table: { width: left, height: body - logH },
      log: logH ? { width: left, height: logH } : null,
      curves: both || wants.pane === 'curves' ? { width: right, height: curvesH } : null,
      histograms: both ? { width: right, height: body - curvesH } : wants.pane === 'histograms' ? { width: right, height: body } : null,
    };
  }
  let paneH = clamp(Math.round(body * 0.45), 7, 18);
  if (body - paneH < 5) paneH = Math.max(0, body - 5);
  let logH = 0;
  if (wants.showLog) {
    if (body >= 30) logH = clamp(Math.floor(body / 4), 5, 10);
    else {
      logH = paneH;
      paneH = 0;
    }
  }
  const pane = paneH > 0 ? { width: columns, height: paneH } : null;
  return {
    ...base,
    tooSmall: false,
    side: false,
    table: { width: columns, height: body - paneH - logH },
    curves: wants.pane === 'curves' ? pane : null,
    histograms: wants.pane === 'histograms' ? pane : null,
    log: logH ? { width: columns, height: logH } : null,
  };
}

/**
 * How often progress alone redraws the screen: once a second up to 100×30, up to every 1.5 s on
 * large terminals (a frame costs Ink time in proportion to the screen's area; state changes such
 * as an epoch or a trial ending still show within 250 ms).
 */
export function progressIntervalFor(columns: number, rows: number): number {
  return Math.round(Math.min(1500, Math.max(1000, (1000 * columns * rows) / (100 * 30))));
}
