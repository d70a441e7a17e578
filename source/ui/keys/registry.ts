/**
 * The one list of keys: the reducer dispatches from it, the key bar and the `?` overlay are
 * generated from it. A binding is active in the modes it lists.
 */

export type Mode = 'normal' | 'help' | 'filter' | 'detail' | 'confirm-quit' | 'confirm-retrain' | 'quitting';

export type CommandId =
  | 'help'
  | 'close'
  | 'quit'
  | 'interrupt'
  | 'pause'
  | 'resume'
  | 'retrain'
  | 'visualize'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'detail'
  | 'sortNext'
  | 'sortPrev'
  | 'sortReverse'
  | 'filter'
  | 'histograms'
  | 'histPrev'
  | 'histNext'
  | 'histMetric'
  | 'histOverview'
  | 'log'
  | 'yes'
  | 'no';

export type KeyName = 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace';

export interface KeySpec {
  input?: string;
  name?: KeyName;
  ctrl?: boolean;
}

export type Group = 'Search' | 'Table' | 'Views' | 'General';

export interface Binding {
  id: CommandId;
  keys: readonly KeySpec[];
  /** How the keys are written in the bar and the help ("↑/k"). */
  label: string;
  /** One or two words for the key bar. */
  short: string;
  /** The help overlay's text (≤ 31 columns, 24 for keys that may say "(soon)"). */
  help: string;
  /** A longer text for the help overlay when it has the room. */
  more?: string;
  group: Group;
  modes: readonly Mode[];
  /** Order in the key bar (lower first); absent: help overlay only. */
  bar?: number;
}

const BROWSE: readonly Mode[] = ['normal', 'detail'];
const CONFIRM: readonly Mode[] = ['confirm-quit', 'confirm-retrain'];

export const BINDINGS: readonly Binding[] = [
  { id: 'pause', keys: [{ input: 'p' }], label: 'p', short: 'pause', help: 'pause at batch boundary', more: 'pause the search at the next batch boundary (the header says paused)', group: 'Search', modes: BROWSE, bar: 2 },
  { id: 'resume', keys: [{ input: 'r' }], label: 'r', short: 'resume', help: 'resume the search', more: 'resume a paused search', group: 'Search', modes: BROWSE, bar: 3 },
  { id: 'retrain', keys: [{ input: 't' }], label: 't', short: 'retrain', help: 'retrain w/ TensorBoard', more: 'retrain the best trial with TensorBoard logging (or the selected one, after confirmation)', group: 'Search', modes: BROWSE, bar: 12 },
  { id: 'visualize', keys: [{ input: 'v' }], label: 'v', short: 'filters', help: 'visualise conv filters', more: 'visualise the convolution filters of the last retrained model', group: 'Search', modes: BROWSE, bar: 13 },
  { id: 'up', keys: [{ name: 'up' }, { input: 'k' }], label: '↑/k', short: 'up', help: 'select the trial above', group: 'Table', modes: BROWSE },
  { id: 'down', keys: [{ name: 'down' }, { input: 'j' }], label: '↓/j', short: 'down', help: 'select the trial below', group: 'Table', modes: BROWSE },
  { id: 'pageUp', keys: [{ name: 'pageUp' }, { input: 'u', ctrl: true }], label: 'PgUp', short: 'page up', help: 'one page up', group: 'Table', modes: BROWSE },
  { id: 'pageDown', keys: [{ name: 'pageDown' }, { input: 'd', ctrl: true }], label: 'PgDn', short: 'page down', help: 'one page down', group: 'Table', modes: BROWSE },
  { id: 'top', keys: [{ input: 'g' }, { name: 'home' }], label: 'g', short: 'top', help: 'first row', group: 'Table', modes: BROWSE },
  { id: 'bottom', keys: [{ input: 'G' }, { name: 'end' }], label: 'G', short: 'bottom', help: 'last row', group: 'Table', modes: BROWSE },
  { id: 'detail', keys: [{ name: 'return' }], label: 'Enter', short: 'details', help: 'curves + all params of row', more: "the selected trial's learning curves and all its hyperparameters (again: back)", group: 'Table', modes: BROWSE, bar: 5 },
  { id: 'sortNext', keys: [{ input: 's' }], label: 's', short: 'sort', help: 'sort by the next column', group: 'Table', modes: BROWSE, bar: 6 },
  { id: 'sortPrev', keys: [{ input: 'S' }], label: 'S', short: 'sort back', help: 'sort by the previous column', group: 'Table', modes: BROWSE },
  { id: 'sortReverse', keys: [{ input: 'i' }, { input: 'I' }], label: 'i', short: 'reverse', help: 'reverse the sort order', group: 'Table', modes: BROWSE, bar: 7 },
  { id: 'filter', keys: [{ input: '/' }], label: '/', short: 'filter', help: 'filter the table (see below)', group: 'Table', modes: BROWSE, bar: 8 },
  { id: 'histograms', keys: [{ input: 'h' }], label: 'h', short: 'histograms', help: 'histograms / curves', more: 'hyperparameter histograms instead of the learning curves (again: back)', group: 'Views', modes: BROWSE, bar: 9 },
  { id: 'histPrev', keys: [{ name: 'left' }, { input: '[' }], label: '←/[', short: 'prev param', help: 'histograms: previous parameter', group: 'Views', modes: BROWSE },
  { id: 'histNext', keys: [{ name: 'right' }, { input: ']' }], label: '→/]', short: 'next param', help: 'histograms: next parameter', group: 'Views', modes: BROWSE },
  { id: 'histMetric', keys: [{ input: 'a' }], label: 'a', short: 'mean/best', help: 'histograms: mean/best acc', more: 'histograms: mean or best fine accuracy per bin', group: 'Views', modes: BROWSE },
  { id: 'histOverview', keys: [{ input: 'o' }], label: 'o', short: 'overview', help: 'histograms: all 19 at once', more: 'histograms: overview of all 19 hyperparameters', group: 'Views', modes: BROWSE },
  { id: 'log', keys: [{ input: 'l' }], label: 'l', short: 'log', help: 'log panel on/off', more: 'log panel (worker messages and warnings) on/off', group: 'Views', modes: BROWSE, bar: 10 },
  { id: 'help', keys: [{ input: '?' }], label: '?', short: 'help', help: 'this help', group: 'General', modes: [...BROWSE, 'help'], bar: 11 },
  { id: 'close', keys: [{ name: 'escape' }], label: 'Esc', short: 'close', help: 'close, clear filter; no quit', more: 'close the overlay or prompt, clear the filter; never quits', group: 'General', modes: ['normal', 'help', 'detail', 'filter', ...CONFIRM] },
  { id: 'quit', keys: [{ input: 'q' }], label: 'q', short: 'quit', help: 'quit (asks if a trial runs)', more: 'quit (asks first while a trial runs; it is recorded as interrupted)', group: 'General', modes: [...BROWSE, 'help', 'quitting'], bar: 1 },
  { id: 'interrupt', keys: [{ input: 'c', ctrl: true }], label: 'Ctrl-C', short: 'quit', help: 'twice: quit at once', group: 'General', modes: ['normal', 'help', 'detail', 'filter', ...CONFIRM, 'quitting'] },
  { id: 'yes', keys: [{ input: 'y' }, { input: 'Y' }], label: 'y', short: 'yes', help: 'confirm', group: 'General', modes: CONFIRM },
  { id: 'no', keys: [{ input: 'n' }, { input: 'N' }], label: 'n', short: 'no', help: 'cancel', group: 'General', modes: CONFIRM },
];

/** What Ink's useInput reports, reduced to what matching needs. */
export interface KeyEvent {
  input: string;
  name?: KeyName;
  ctrl?: boolean;
}

function specMatches(spec: KeySpec, ev: KeyEvent): boolean {
  if (spec.name) return spec.name === ev.name;
  if (ev.name && ev.name !== 'tab') return false;
  return spec.input === ev.input && Boolean(spec.ctrl) === Boolean(ev.ctrl);
}

export function findBinding(mode: Mode, ev: KeyEvent): Binding | undefined {
  return BINDINGS.find((b) => b.modes.includes(mode) && b.keys.some((k) => specMatches(k, ev)));
}

export function bindingById(id: CommandId): Binding {
  return BINDINGS.find((b) => b.id === id)!;
}

export const GROUPS: readonly Group[] = ['Search', 'Table', 'Views', 'General'];
