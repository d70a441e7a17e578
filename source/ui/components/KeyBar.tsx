/**
 * The bottom line: the most useful keys of the current mode (from the key registry), or the
 * prompt of a mode that asks something (filter, confirmations), or a short-lived notice.
 */
import { BINDINGS, type Binding, type Mode } from '../keys/registry.js';
import type { Notice } from '../keys/ui-reducer.js';
import { width as textWidth } from '../text.js';
import { Line, type Span } from './Line.js';

export interface Capabilities {
  control: boolean;
  retrain: boolean;
  visualize: boolean;
}

export interface KeyBarProps {
  mode: Mode;
  draft: string;
  notice: Notice | null;
  /** Number of the running trial (for the quit prompt), or null. */
  running: number | null;
  retrainTarget: number | null;
  caps: Capabilities;
  width: number;
}

/** Why a key does nothing here, or null when it works. */
export function unavailable(b: Binding, caps: Capabilities): string | null {
  if ((b.id === 'pause' || b.id === 'resume') && !caps.control) return 'not in view mode';
  if (b.id === 'retrain' && !caps.retrain) return 'not available yet';
  if (b.id === 'visualize' && !caps.visualize) return 'not available yet';
  return null;
}

/** Bar entries for a mode, in bar order, as "key label" strings; unavailable ones say "soon". */
export function barEntries(mode: Mode, caps: Capabilities): string[] {
  return BINDINGS.filter((b) => b.bar !== undefined && b.modes.includes(mode))
    .filter((b) => !(unavailable(b, caps) === 'not in view mode'))
    .sort((a, b) => a.bar! - b.bar!)
    .map((b) => `${b.label} ${b.short}${unavailable(b, caps) ? ' (soon)' : ''}`);
}

/** As many entries as fit, in order; the help entry always stays (last), since `?` lists the rest. */
function fitEntries(entries: readonly string[], width: number): string {
  const help = entries.find((e) => e.startsWith('? '));
  const room = help ? width - textWidth(help) - 2 : width;
  let out = '';
  for (const e of entries) {
    if (e === help) continue;
    const next = out ? `${out}  ${e}` : e;
    if (textWidth(next) > room) break;
    out = next;
  }
  if (!help || textWidth(help) > width) return out;
  return out ? `${out}  ${help}` : help;
}

const lines = new Map<string, string>();

/** The key line for a mode, capabilities and width (cached: it is the same every frame). */
export function keysLine(mode: Mode, caps: Capabilities, width: number): string {
  const key = `${mode}|${caps.control}|${caps.retrain}|${caps.visualize}|${width}`;
  let line = lines.get(key);
  if (line === undefined) {
    line = fitEntries(barEntries(mode, caps), width - 1);
    if (lines.size > 100) lines.clear();
    lines.set(key, line);
  }
  return line;
}

export function KeyBar({ mode, draft, notice, running, retrainTarget, caps, width }: KeyBarProps) {
  let spans: Span[];
  switch (mode) {
    case 'filter':
      spans = [{ text: '/ ', bold: true }, { text: `${draft}▏`, tone: 'accent' }, { text: '  Enter apply  Esc cancel  Ctrl-U clear', tone: 'muted' }];
      break;
    case 'confirm-quit':
      spans = [{ text: `Quit? Trial ${running ?? '?'} is running and will be recorded as interrupted.`, tone: 'warn', bold: true }, { text: '  y quit  n stay' }];
      break;
    case 'confirm-retrain':
      spans = [{ text: `Retrain trial ${retrainTarget ?? '?'} (not the best) with TensorBoard logs?`, tone: 'warn', bold: true }, { text: '  y yes  n no' }];
      break;
    case 'quitting':
      spans = [{ text: 'Stopping the search: the running trial is recorded as interrupted…', tone: 'warn' }, { text: '  q or Ctrl-C twice: stop at once', tone: 'muted' }];
      break;
    case 'help':
      spans = [{ text: 'Esc or ? closes the help  q quits', tone: 'muted' }];
      break;
    default:
      spans = notice ? [{ text: notice.text, tone: notice.level === 'warn' ? 'warn' : 'accent' }] : [{ text: keysLine(mode, caps, width) }];
  }
  return <Line spans={spans} />;
}
