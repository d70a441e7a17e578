/**
 * Every key goes through this reducer (never through handler closures: Ink 6.8's useInput can
 * hand a second quick key to a stale handler). Side effects (pause, quit, …) are queued as
 * `effects` for the app to run; the reducer stays pure (time comes in the action).
 */
import { FIELDS, type FieldId, SORT_CYCLE, fieldById } from '../model/fields.js';
import type { SortSpec } from '../model/table-view.js';
import { type CommandId, type KeyEvent, type Mode, findBinding } from './registry.js';

export type EffectKind = 'pause' | 'resume' | 'quit' | 'force-quit' | 'retrain' | 'visualize';

export interface Effect {
  seq: number;
  kind: EffectKind;
  /** Trial id for retrain (null: the best). */
  trialId?: string | null;
}

export interface Notice {
  seq: number;
  text: string;
  level: 'info' | 'warn';
  at: number;
}

export interface UiState {
  mode: Mode;
  /** Where `?` returns to. */
  back: Mode;
  selectedId: string | null;
  sort: SortSpec;
  filter: string;
  /** The filter being typed (applied live while in filter mode). */
  draft: string;
  pane: 'curves' | 'histograms';
  histIndex: number;
  histMetric: 'mean' | 'best';
  histOverview: boolean;
  showLog: boolean;
  ctrlCAt: number | null;
  notice: Notice | null;
  effects: readonly Effect[];
  seq: number;
  retrainTarget: string | null;
}

/** What the reducer needs to know about the screen when a key arrives. */
export interface KeyContext {
  /** Trial ids in the table's current order (after sort and filter). */
  ids: readonly string[];
  pageSize: number;
  /** Number of the running trial, or null. */
  running: number | null;
  bestId: string | null;
  /** A supervisor is attached (not `view`). */
  control: boolean;
  /** Retrain and visualise jobs exist (later issues). */
  retrain: boolean;
  visualize: boolean;
  paramCount: number;
}

export type UiAction = { type: 'key'; ev: KeyEvent & { meta?: boolean }; ctx: KeyContext; now: number } | { type: 'expire-notice'; seq: number } | { type: 'quitting' };

export const CTRL_C_WINDOW_MS = 3000;

export function initialUiState(partial: Partial<UiState> = {}): UiState {
  return {
    mode: 'normal',
    back: 'normal',
    selectedId: null,
    sort: { key: 'fine', desc: true },
    filter: '',
    draft: '',
    pane: 'curves',
    histIndex: 0,
    histMetric: 'mean',
    histOverview: false,
    showLog: false,
    ctrlCAt: null,
    notice: null,
    effects: [],
    seq: 0,
    retrainTarget: null,
    ...partial,
  };
}

/** The filter the table shows: the draft while typing. */
export const activeFilter = (s: UiState): string => (s.mode === 'filter' ? s.draft : s.filter);

/** The selected id, falling back to the first row when none (or a filtered-out one) is selected. */
export function selectedIndex(s: UiState, ids: readonly string[]): number {
  const i = s.selectedId === null ? -1 : ids.indexOf(s.selectedId);
  return i >= 0 ? i : ids.length > 0 ? 0 : -1;
}

function effect(s: UiState, kind: EffectKind, extra: Partial<Effect> = {}): UiState {
  const seq = s.seq + 1;
  return { ...s, seq, effects: [...s.effects.slice(-15), { seq, kind, ...extra }] };
}

function notice(s: UiState, text: string, now: number, level: Notice['level'] = 'info'): UiState {
  const seq = s.seq + 1;
  return { ...s, seq, notice: { seq, text, level, at: now } };
}

function move(s: UiState, ctx: KeyContext, to: (i: number, n: number) => number): UiState {
  if (ctx.ids.length === 0) return s;
  const i = to(selectedIndex(s, ctx.ids), ctx.ids.length);
  return { ...s, selectedId: ctx.ids[Math.max(0, Math.min(ctx.ids.length - 1, i))]! };
}

function cycleSort(s: UiState, step: number): UiState {
  const i = SORT_CYCLE.indexOf(s.sort.key);
  const key: FieldId = SORT_CYCLE[(i + step + SORT_CYCLE.length) % SORT_CYCLE.length]!;
  return { ...s, sort: { key, desc: fieldById(key).desc } };
}

function quit(s: UiState, ctx: KeyContext): UiState {
  if (s.mode === 'quitting') return effect(s, 'force-quit');
  if (ctx.control && ctx.running !== null) return { ...s, mode: 'confirm-quit' };
  return effect({ ...s, mode: 'quitting' }, 'quit');
}

const NOT_YET = {
  retrain: 't: retraining with TensorBoard logs is not available yet (a later version adds it)',
  visualize: 'v: filter visualisation is not available yet (a later version adds it, after retraining)',
};

function command(s: UiState, id: CommandId, ctx: KeyContext, now: number): UiState {
  const ids = ctx.ids;
  switch (id) {
    case 'up':
      return move(s, ctx, (i) => i - 1);
    case 'down':
      return move(s, ctx, (i) => i + 1);
    case 'pageUp':
      return move(s, ctx, (i) => i - Math.max(1, ctx.pageSize));
    case 'pageDown':
      return move(s, ctx, (i) => i + Math.max(1, ctx.pageSize));
    case 'top':
      return move(s, ctx, () => 0);
    case 'bottom':
      return move(s, ctx, (_i, n) => n - 1);
    case 'detail':
      return { ...s, mode: s.mode === 'detail' ? 'normal' : 'detail' };
    case 'sortNext':
      return cycleSort(s, 1);
    case 'sortPrev':
      return cycleSort(s, -1);
    case 'sortReverse':
      return { ...s, sort: { ...s.sort, desc: !s.sort.desc } };
    case 'filter':
      return { ...s, mode: 'filter', back: s.mode, draft: s.filter };
    case 'histograms':
      return { ...s, pane: s.pane === 'histograms' ? 'curves' : 'histograms' };
    case 'histPrev':
    case 'histNext': {
      const n = Math.max(1, ctx.paramCount);
      return { ...s, pane: 'histograms', histIndex: (s.histIndex + (id === 'histNext' ? 1 : -1) + n) % n };
    }
    case 'histMetric':
      return { ...s, pane: 'histograms', histMetric: s.histMetric === 'mean' ? 'best' : 'mean' };
    case 'histOverview':
      return { ...s, pane: 'histograms', histOverview: !s.histOverview };
    case 'log':
      return { ...s, showLog: !s.showLog };
    case 'help':
      return s.mode === 'help' ? { ...s, mode: s.back } : { ...s, mode: 'help', back: s.mode };
    case 'close':
      if (s.mode === 'help') return { ...s, mode: s.back };
      if (s.mode === 'filter') return { ...s, mode: s.back, draft: '' };
      if (s.mode === 'confirm-quit' || s.mode === 'confirm-retrain') return { ...s, mode: 'normal', retrainTarget: null };
      if (s.mode === 'detail') return { ...s, mode: 'normal' };
      return s.filter ? notice({ ...s, filter: '' }, 'filter cleared', now) : s;
    case 'pause':
      if (!ctx.control) return notice(s, 'p: this is a view of the store; pause the search in the process that runs it', now, 'warn');
      return notice(effect(s, 'pause'), 'pausing at the next batch boundary', now);
    case 'resume':
      if (!ctx.control) return notice(s, 'r: this is a view of the store; resume the search in the process that runs it', now, 'warn');
      return effect(s, 'resume');
    case 'retrain': {
      if (!ctx.retrain) return notice(s, NOT_YET.retrain, now, 'warn');
      const sel = ids[selectedIndex(s, ids)] ?? null;
      if (sel === null || sel === ctx.bestId) return effect(s, 'retrain', { trialId: null });
      return { ...s, mode: 'confirm-retrain', retrainTarget: sel };
    }
    case 'visualize':
      return ctx.visualize ? effect(s, 'visualize') : notice(s, NOT_YET.visualize, now, 'warn');
    case 'quit':
      return quit(s, ctx);
    case 'interrupt':
      if (s.ctrlCAt !== null && now - s.ctrlCAt <= CTRL_C_WINDOW_MS) {
        return s.mode === 'quitting' ? effect(s, 'force-quit') : effect({ ...s, mode: 'quitting', ctrlCAt: null }, 'quit');
      }
      return notice({ ...s, ctrlCAt: now }, s.mode === 'quitting' ? 'Ctrl-C again: stop the worker at once' : 'Ctrl-C again to quit (q quits too)', now, 'warn');
    case 'yes':
      if (s.mode === 'confirm-quit') return effect({ ...s, mode: 'quitting' }, 'quit');
      return effect({ ...s, mode: 'normal', retrainTarget: null }, 'retrain', { trialId: s.retrainTarget });
    case 'no':
      return { ...s, mode: 'normal', retrainTarget: null };
  }
}

function filterKey(s: UiState, ev: KeyEvent): UiState | null {
  if (ev.name === 'return') return { ...s, mode: s.back === 'detail' ? 'detail' : 'normal', filter: s.draft.trim(), draft: '' };
  if (ev.name === 'backspace') return { ...s, draft: [...s.draft].slice(0, -1).join('') };
  if (ev.ctrl && ev.input === 'u') return { ...s, draft: '' };
  if (!ev.name && !ev.ctrl && ev.input !== '') return { ...s, draft: s.draft + ev.input.replace(/[\r\n\t]/g, ' ') };
  return null;
}

function one(s: UiState, ev: KeyEvent, ctx: KeyContext, now: number): UiState {
  if (s.mode === 'filter') {
    const typed = filterKey(s, ev);
    if (typed) return typed;
  }
  const binding = findBinding(s.mode, ev);
  if (!binding) return s;
  const next = command(s, binding.id, ctx, now);
  return binding.id === 'interrupt' || next.ctrlCAt === null ? next : { ...next, ctrlCAt: null };
}

export function uiReducer(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'expire-notice':
      return s.notice?.seq === a.seq ? { ...s, notice: null } : s;
    case 'quitting':
      return s.mode === 'quitting' ? s : { ...s, mode: 'quitting' };
    case 'key': {
      const { ev, ctx, now } = a;
      // A notice lasts until the next key (or NOTICE_MS).
      let state = s.notice ? { ...s, notice: null } : s;
      if (ev.meta && !ev.name && ev.input) state = one(state, { input: '', name: 'escape' }, ctx, now);
      // A chunk of several keys (fast typing, paste over SSH) is one input: split it, except as filter text.
      if (!ev.name && !ev.ctrl && ev.input.length > 1 && state.mode !== 'filter') {
        for (const ch of ev.input) state = one(state, { input: ch }, ctx, now);
        return state;
      }
      return one(state, { input: ev.input, name: ev.name, ctrl: ev.ctrl }, ctx, now);
    }
  }
}

/** Sort fields that exist, for tests and the help text. */
export const SORTABLE = FIELDS.filter((f) => SORT_CYCLE.includes(f.id)).map((f) => f.id);
