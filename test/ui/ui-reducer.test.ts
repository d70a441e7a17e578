import test from 'ava';
import type { KeyEvent } from '../../source/ui/keys/registry.js';
import { BINDINGS } from '../../source/ui/keys/registry.js';
import { CTRL_C_WINDOW_MS, type KeyContext, type UiState, initialUiState, selectedIndex, uiReducer } from '../../source/ui/keys/ui-reducer.js';

const ids = Array.from({ length: 30 }, (_, i) => `t${i}`);
const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({ ids, pageSize: 10, running: null, bestId: 't0', control: true, retrain: false, visualize: false, paramCount: 19, ...over });
const K = {
  up: { input: '', name: 'up' },
  down: { input: '', name: 'down' },
  pgdn: { input: '', name: 'pageDown' },
  pgup: { input: '', name: 'pageUp' },
  enter: { input: '', name: 'return' },
  esc: { input: '', name: 'escape' },
  bs: { input: '', name: 'backspace' },
  ctrlC: { input: 'c', ctrl: true },
} satisfies Record<string, KeyEvent>;

function keys(list: (string | KeyEvent)[], c = ctx(), s: UiState = initialUiState(), now = 1000): UiState {
  for (const k of list) s = uiReducer(s, { type: 'key', ev: typeof k === 'string' ? { input: k } : k, ctx: c, now });
  return s;
}
const sel = (s: UiState) => selectedIndex(s, ids);

test('selection: arrows, j/k, PgUp/PgDn, g/G, clamped at both ends', (t) => {
  t.is(sel(keys([])), 0);
  t.is(sel(keys(['j', 'j', K.down])), 3);
  t.is(sel(keys(['j', 'j', 'k'])), 1);
  t.is(sel(keys([K.up, 'k'])), 0);
  t.is(sel(keys([K.pgdn])), 10);
  t.is(sel(keys([K.pgdn, K.pgdn, K.pgdn, K.pgdn])), 29);
  t.is(sel(keys(['G'])), 29);
  t.is(sel(keys(['G', K.pgup])), 19);
  t.is(sel(keys(['G', 'g'])), 0);
});

test('selection follows the trial, not the row, when the order changes', (t) => {
  const s = keys(['j', 'j']);
  t.is(s.selectedId, 't2');
  const reordered = [...ids].reverse();
  t.is(selectedIndex(s, reordered), 27);
});

test('a chunk of keys is taken key by key (fast typing, paste over SSH)', (t) => {
  t.is(sel(keys(['jjjk'])), 2);
});

test('sort: s cycles the column, i reverses it', (t) => {
  let s = keys(['s']);
  t.deepEqual(s.sort, { key: 'coarse', desc: true });
  s = keys(['s', 's', 's'], ctx(), s);
  t.deepEqual(s.sort, { key: 'status', desc: false });
  s = keys(['i'], ctx(), s);
  t.deepEqual(s.sort, { key: 'status', desc: true });
  t.deepEqual(keys(['S']).sort.key, 'bs');
});

test('filter: / opens it, typing edits it live, Enter keeps it, Esc cancels the edit', (t) => {
  let s = keys(['/', 'p', 'o', 'o', 'l', ':', 'a', 'v', 'g']);
  t.is(s.mode, 'filter');
  t.is(s.draft, 'pool:avg');
  s = keys([K.bs, K.bs], ctx(), s);
  t.is(s.draft, 'pool:a');
  s = keys(['vg', K.enter], ctx(), s);
  t.is(s.mode, 'normal');
  t.is(s.filter, 'pool:avg');
  s = keys(['/', 'x', K.esc], ctx(), s);
  t.is(s.filter, 'pool:avg', 'Esc while editing keeps the applied filter');
  t.is(s.mode, 'normal');
  s = keys(['/', 'q'], ctx(), s);
  t.is(s.draft, 'pool:avgq', 'q is text in the filter, not quit');
  t.is(s.effects.length, 0);
  s = keys([K.esc, K.esc], ctx(), s);
  t.is(s.filter, '', 'Esc in the table clears the filter');
  t.is(s.notice?.text, 'filter cleared');
});

test('Esc closes overlays and never quits', (t) => {
  let s = keys(['?']);
  t.is(s.mode, 'help');
  s = keys([K.esc], ctx(), s);
  t.is(s.mode, 'normal');
  s = keys([K.enter], ctx(), s);
  t.is(s.mode, 'detail');
  s = keys([K.esc, K.esc, K.esc, K.esc], ctx(), s);
  t.is(s.mode, 'normal');
  t.deepEqual(s.effects, []);
});

test('q quits at once when no trial runs, asks first while one does', (t) => {
  t.deepEqual(
    keys(['q']).effects.map((e) => e.kind),
    ['quit'],
  );
  const running = ctx({ running: 7 });
  let s = keys(['q'], running);
  t.is(s.mode, 'confirm-quit');
  t.deepEqual(s.effects, []);
  t.is(keys(['n'], running, s).mode, 'normal');
  t.is(keys([K.esc], running, s).mode, 'normal');
  s = keys(['y'], running, s);
  t.is(s.mode, 'quitting');
  t.deepEqual(
    s.effects.map((e) => e.kind),
    ['quit'],
  );
  s = keys(['q'], running, s);
  t.deepEqual(
    s.effects.map((e) => e.kind),
    ['quit', 'force-quit'],
    'q while stopping: stop at once',
  );
});

test('Ctrl-C twice quits; once warns; the window expires', (t) => {
  const c = ctx({ running: 3 });
  let s = uiReducer(initialUiState(), { type: 'key', ev: K.ctrlC, ctx: c, now: 1000 });
  t.is(s.effects.length, 0);
  t.regex(s.notice!.text, /Ctrl-C again/);
  s = uiReducer(s, { type: 'key', ev: K.ctrlC, ctx: c, now: 1000 + CTRL_C_WINDOW_MS - 1 });
  t.deepEqual(
    s.effects.map((e) => e.kind),
    ['quit'],
  );
  let late = uiReducer(initialUiState(), { type: 'key', ev: K.ctrlC, ctx: c, now: 0 });
  late = uiReducer(late, { type: 'key', ev: K.ctrlC, ctx: c, now: CTRL_C_WINDOW_MS + 1 });
  t.deepEqual(late.effects, []);
  let other = uiReducer(initialUiState(), { type: 'key', ev: K.ctrlC, ctx: c, now: 0 });
  other = uiReducer(other, { type: 'key', ev: { input: 'j' }, ctx: c, now: 1 });
  other = uiReducer(other, { type: 'key', ev: K.ctrlC, ctx: c, now: 2 });
  t.deepEqual(other.effects, [], 'another key in between starts over');
});

test('pause and resume go to the supervisor; a view has none', (t) => {
  t.deepEqual(
    keys(['p', 'r']).effects.map((e) => e.kind),
    ['pause', 'resume'],
  );
  const view = keys(['p'], ctx({ control: false }));
  t.deepEqual(view.effects, []);
  t.regex(view.notice!.text, /view of the store/);
});

test('retrain and visualise say plainly that they are not available yet', (t) => {
  const s = keys(['t']);
  t.deepEqual(s.effects, []);
  t.regex(s.notice!.text, /not available yet/);
  t.regex(keys(['v']).notice!.text, /not available yet/);
  const jobs = ctx({ retrain: true, visualize: true });
  t.deepEqual(keys(['t'], jobs).effects, [{ seq: 1, kind: 'retrain', trialId: null }], 'the best trial (selected) at once');
  let s2 = keys(['j', 't'], jobs);
  t.is(s2.mode, 'confirm-retrain', 'another trial after confirmation');
  s2 = keys(['y'], jobs, s2);
  t.deepEqual(s2.effects.at(-1), { seq: s2.seq, kind: 'retrain', trialId: 't1' });
});

test('histogram keys: h toggles the pane, ←/→ cycle, a switches the metric, o the overview', (t) => {
  let s = keys(['h']);
  t.is(s.pane, 'histograms');
  s = keys([{ input: '', name: 'left' }], ctx(), s);
  t.is(s.histIndex, 18);
  s = keys([']', ']'], ctx(), s);
  t.is(s.histIndex, 1);
  s = keys(['a', 'o', 'h'], ctx(), s);
  t.is(s.histMetric, 'best');
  t.true(s.histOverview);
  t.is(s.pane, 'curves');
  t.true(keys(['l']).showLog);
});

test('ESC followed at once by a key arrives as meta+key: both are applied', (t) => {
  const s = keys([K.enter, { input: 'j', meta: true } as KeyEvent]);
  t.is(s.mode, 'normal');
  t.is(sel(s), 1);
});

test('every binding has keys, a label and help; no key is bound twice in a mode', (t) => {
  for (const b of BINDINGS) {
    t.true(b.keys.length > 0 && b.label.length > 0 && b.help.length > 0, b.id);
    t.true(b.help.length <= 31, `${b.id} help fits a help column`);
  }
  const seen = new Set<string>();
  for (const b of BINDINGS)
    for (const m of b.modes)
      for (const k of b.keys) {
        const key = `${m}:${k.name ?? ''}:${k.input ?? ''}:${k.ctrl ? 1 : 0}`;
        t.false(seen.has(key), key);
        seen.add(key);
      }
});
