/**
 * The dashboard: header, trials table, learning curves or histograms, log, key bar. Layout only;
 * state lives in the DashboardModel (data) and the UI reducer (keys, selection, views).
 */
import { Box } from 'ink';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useClock } from '../hooks/use-clock.js';
import { useDashboard } from '../hooks/use-dashboard.js';
import { useKeys } from '../hooks/use-keys.js';
import { useFreshScreenOnResize } from '../hooks/use-fresh-screen-on-resize.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { type Effect, type KeyContext, type UiState, activeFilter, initialUiState, selectedIndex, uiReducer } from '../keys/ui-reducer.js';
import { computeLayout, progressIntervalFor } from '../layout.js';
import { seriesOf, trialCurves } from '../model/curves.js';
import type { DashboardModel } from '../model/dashboard-model.js';
import { PARAM_SPECS } from '../model/histogram.js';
import { statsOf } from '../model/stats.js';
import { parseFilter, viewRows } from '../model/table-view.js';
import type { Theme } from '../theme.js';
import { CurvesPane, type Reference } from './CurvesPane.js';
import { DetailView } from './DetailView.js';
import { type DashboardInfo, Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HistogramPane, histogramKey } from './HistogramPane.js';
import { type Capabilities, KeyBar } from './KeyBar.js';
import { LogPanel } from './LogPanel.js';
import { ThemeContext } from './ThemeContext.js';
import { TooSmall } from './TooSmall.js';
import { TrialTable } from './TrialTable.js';

export interface AppProps {
  model: DashboardModel;
  info: DashboardInfo;
  caps: Capabilities;
  theme: Theme;
  onEffect(effect: Effect): void;
  initial?: Partial<UiState>;
  now?: () => number;
  /** Set the model's progress refresh from the terminal size (progressIntervalFor). */
  autoRefresh?: boolean;
  /** The dashboard owns the alternate screen (run-dashboard): start it afresh on every resize. */
  altScreen?: boolean;
}

export const NOTICE_MS = 5000;

export function App({ model, info, caps, theme, onEffect, initial, now = Date.now, autoRefresh = false, altScreen = false }: AppProps) {
  const snap = useDashboard(model);
  const [ui, dispatch] = useReducer(uiReducer, initial, initialUiState);
  const size = useTerminalSize();
  useFreshScreenOnResize(altScreen, size);
  const layout = computeLayout(size.columns, size.rows, { pane: ui.pane, showLog: ui.showLog });
  useEffect(() => {
    if (autoRefresh) model.setProgressInterval(progressIntervalFor(size.columns, size.rows));
  }, [autoRefresh, model, size.columns, size.rows]);
  // Durations show seconds below an hour: tick every second then, every half minute after.
  const wall = now();
  const startedRun = snap.running?.startedAt ? Date.parse(snap.running.startedAt) : null;
  const seconds = wall - info.startedAt < 3_600_000 || (startedRun !== null && wall - startedRun < 3_600_000);
  const time = useClock(info.mode === 'search' || snap.running !== null, seconds ? 1000 : 30_000, now);

  const filterText = activeFilter(ui);
  const filter = useMemo(() => parseFilter(filterText), [filterText]);
  const rows = useMemo(() => viewRows(snap.stats, snap.ranks, ui.sort, filter, snap.ranked), [snap.stats, snap.ranks, snap.ranked, ui.sort, filter]);
  const ids = useMemo(() => rows.map((s) => s.trial.id), [rows]);
  const sel = selectedIndex(ui, ids);
  const selected = sel >= 0 ? rows[sel]! : null;
  const runningStats = snap.running ? statsOf(snap.running) : null;

  const context = useRef<KeyContext>(null as unknown as KeyContext);
  context.current = {
    ids,
    pageSize: Math.max(1, layout.table.height - 3),
    running: snap.running?.number ?? null,
    bestId: snap.best?.trial.id ?? null,
    control: caps.control,
    retrain: caps.retrain,
    visualize: caps.visualize,
    paramCount: PARAM_SPECS.length,
  };
  useKeys(dispatch, context, now);

  const handled = useRef(0);
  useEffect(() => {
    for (const e of ui.effects) if (e.seq > handled.current) onEffect(e);
    handled.current = ui.seq;
  }, [ui.seq, ui.effects, onEffect]);
  useEffect(() => {
    if (!ui.notice) return;
    const seq = ui.notice.seq;
    const timer = setTimeout(() => dispatch({ type: 'expire-notice', seq }), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [ui.notice]);

  // Curves: the running trial; the selected one in the detail view or when nothing runs.
  const shown = ui.mode === 'detail' || !snap.running ? (selected?.trial ?? null) : snap.running;
  const best = snap.best?.trial ?? null;
  useEffect(() => {
    for (const t of [shown, best]) if (t && t.state !== 'running' && t.epochs.length === 0) model.requestHistory(t);
  }, [shown, best, model]);
  const shownHistory = shown ? snap.histories.get(shown.id) : undefined;
  const curves = useMemo(() => (shown ? trialCurves(shown, snap.live, shownHistory) : null), [shown, snap.live, shownHistory]);
  const bestHistory = best ? snap.histories.get(best.id) : undefined;
  const reference = useMemo<Reference | null>(
    () => (best ? { trial: best, valAcc: seriesOf(best, 'val_fine_outputs_acc', bestHistory), valLoss: seriesOf(best, 'val_loss', bestHistory) } : null),
    [best, bestHistory],
  );
  const loading = shown !== null && shown.state !== 'running' && shown.epochs.length === 0 && shownHistory === undefined && shown.resultFile !== null;
  const curveProps = { curves, reference, live: snap.live, epochs: info.epochs, loading };

  const body = (() => {
    if (ui.mode === 'help') return <HelpOverlay caps={caps} width={size.columns} height={layout.body} />;
    if (ui.mode === 'detail') return <DetailView stats={selected} rank={selected ? snap.ranks.of(selected) : null} curves={curveProps} width={size.columns} height={layout.body} />;
    const table = (
      <TrialTable
        rows={rows}
        all={snap.stats}
        running={runningStats}
        selected={sel}
        sort={ui.sort}
        filter={filterText}
        filterErrors={filter.errors}
        cells={{ ranks: snap.ranks, live: snap.live, epochs: info.epochs, paused: snap.state === 'paused', now: time }}
        width={layout.table.width}
        height={layout.table.height}
      />
    );
    const curvesPane = layout.curves ? <CurvesPane {...curveProps} trial={shown} width={layout.curves.width} height={layout.curves.height} /> : null;
    const histPane = layout.histograms ? (
      <HistogramPane stats={snap.stats} version={histogramKey(snap.trials.length, snap.finished)} index={ui.histIndex} metric={ui.histMetric} overview={ui.histOverview} width={layout.histograms.width} height={layout.histograms.height} />
    ) : null;
    const log = layout.log ? <LogPanel logs={snap.logs} width={layout.log.width} height={layout.log.height} /> : null;
    if (layout.side) {
      return (
        <Box flexDirection="row" height={layout.body}>
          <Box flexDirection="column" width={layout.table.width}>
            {table}
            {log}
          </Box>
          <Box width={1} />
          <Box flexDirection="column">
            {curvesPane}
            {histPane}
          </Box>
        </Box>
      );
    }
    return (
      <Box flexDirection="column" height={layout.body}>
        {table}
        {curvesPane}
        {histPane}
        {log}
      </Box>
    );
  })();

  return (
    <ThemeContext.Provider value={theme}>
      {layout.tooSmall ? (
        <TooSmall columns={size.columns} rows={size.rows} question={ui.mode === 'confirm-quit' ? `Quit? Trial ${snap.running?.number ?? '?'} is running and will be recorded as interrupted (y quit, n stay).` : ui.mode === 'quitting' ? 'Stopping the search…' : null} />
      ) : (
        <Box flexDirection="column" width={size.columns} height={layout.lines}>
          <Header snapshot={snap} info={info} now={time} width={size.columns} />
          <Box height={layout.body} flexDirection="column">
            {body}
          </Box>
          <KeyBar mode={ui.mode} draft={ui.draft} notice={ui.notice} running={snap.running?.number ?? null} retrainTarget={ui.retrainTarget ? (snap.trials.find((t) => t.id === ui.retrainTarget)?.number ?? null) : null} caps={caps} width={size.columns} />
        </Box>
      )}
    </ThemeContext.Provider>
  );
}
