/**
 * Semantic colours and glyphs. Without colour (NO_COLOR, TERM=dumb, --no-color) every colour is
 * undefined but bold/inverse stay, and nothing is told by colour alone: statuses have glyphs,
 * chart series have their own line styles, the selected row has a `>` marker.
 */

export type Tone = 'accent' | 'good' | 'bad' | 'warn' | 'muted' | 'running' | 'train' | 'val' | 'ref' | 'loss' | 'valLoss';

export interface Glyphs {
  ok: string;
  fail: string;
  running: string;
  paused: string;
  interrupted: string;
  /** Histogram bar, and the share of it drawn by recent trials. */
  bar: string;
  recentBar: string;
  spark: readonly string[];
  best: string;
  sortDesc: string;
  sortAsc: string;
  sep: string;
  ellipsis: string;
}

export interface Theme {
  color: boolean;
  /** A colour name for Ink's `color` prop, or undefined when colour is off. */
  tone(t: Tone): string | undefined;
  glyphs: Glyphs;
  /** Only ASCII reaches the terminal (TERM=dumb, CIFAR_TUI_ASCII). */
  ascii: boolean;
}

const TONES: Record<Tone, string> = {
  accent: 'cyan',
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  muted: 'gray',
  running: 'cyan',
  train: 'blue',
  val: 'green',
  ref: 'yellow',
  loss: 'magenta',
  valLoss: 'red',
};

const UNICODE: Glyphs = {
  ok: '✓',
  fail: '✗',
  running: '▶',
  paused: '‖',
  interrupted: '!',
  bar: '█',
  recentBar: '▓',
  spark: [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
  best: '◆',
  sortDesc: '▼',
  sortAsc: '▲',
  sep: '│',
  ellipsis: '…',
};

const ASCII: Glyphs = {
  ok: '+',
  fail: 'x',
  running: '*',
  paused: '=',
  interrupted: '!',
  bar: '#',
  recentBar: '%',
  spark: [' ', '.', ':', '-', '=', '+', '*', '#', '@'],
  best: '*',
  sortDesc: 'v',
  sortAsc: '^',
  sep: '|',
  ellipsis: '~',
};

export interface ColorDecision {
  noColorFlag?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Colour is off with --no-color, a non-empty NO_COLOR (no-color.org), TERM=dumb or FORCE_COLOR=0. */
export function colorEnabled({ noColorFlag = false, env = process.env }: ColorDecision = {}): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR === '0') return false;
  return true;
}

/** ASCII glyphs on TERM=dumb or when CIFAR_TUI_ASCII is set (terminals without Unicode fonts). */
export function asciiOnly(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TERM === 'dumb' || (env.CIFAR_TUI_ASCII !== undefined && env.CIFAR_TUI_ASCII !== '' && env.CIFAR_TUI_ASCII !== '0');
}

export function createTheme(options: { color: boolean; ascii?: boolean }): Theme {
  return {
    color: options.color,
    tone: (t) => (options.color ? TONES[t] : undefined),
    glyphs: options.ascii ? ASCII : UNICODE,
    ascii: Boolean(options.ascii),
  };
}

/** ASCII stand-ins for the non-ASCII characters the dashboard draws outside the glyph set. */
const ASCII_FOR: Record<string, string> = {
  '↑': '^', '↓': 'v', '←': '<', '→': '>', '▏': '|', '…': '~', '–': '-', '—': '-', '×': 'x', '·': '.',
  '│': '|', '┃': '|', '─': '-', '━': '=', '┄': '.', '┤': '|', '┼': '+', '├': '+', '┬': '+', '┴': '+',
  '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┏': '+', '┓': '+', '┗': '+', '┛': '+', '▼': 'v', '▲': '^', '◆': '*',
  '█': '#', '▓': '%', '░': '.', '▁': '.', '▂': ':', '▃': '-', '▄': '=', '▅': '+', '▆': '*', '▇': '#', '✓': '+', '✗': 'x',
  '▶': '*', '‖': '=', '≤': '<', '≥': '>', '−': '-', '°': 'o', 'µ': 'u',
};

/** `text` with every non-ASCII character replaced (one of the stand-ins, else '?'). */
export function toAscii(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.replace(/[^\x00-\x7f]/gu, (c) => ASCII_FOR[c] ?? '?');
}
