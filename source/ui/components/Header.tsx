/** Two lines: state, backend and device, dataset, store; trials done, best so far, elapsed time. */
import { Box } from 'ink';
import { useMemo } from 'react';
import { pct, shortDuration } from '../format.js';
import type { DashboardSnapshot, DashboardState } from '../model/dashboard-model.js';
import { truncateStart } from '../text.js';
import type { Glyphs, Tone } from '../theme.js';
import { Line, type Span } from './Line.js';
import { useTheme } from './ThemeContext.js';

export interface DashboardInfo {
  /** Experiment folder (store directory). */
  storeDir: string;
  dataset: string;
  /** Epochs per trial. */
  epochs: number | null;
  /** Stop after this many finished trials; null: no limit. */
  maxTrials: number | null;
  /** When this session started (ms), for the elapsed time. */
  startedAt: number;
  /** 'view': browsing a store without running the search. */
  mode: 'search' | 'view';
  /** Experiment creation time (ISO), shown in view mode. */
  createdAt?: string | null;
}

export function stateLabel(state: DashboardState, g: Glyphs): { text: string; tone: Tone } {
  switch (state) {
    case 'running':
      return { text: `${g.running} running`, tone: 'running' };
    case 'paused':
      return { text: `${g.paused} paused`, tone: 'warn' };
    case 'retraining':
      return { text: `${g.running} retraining`, tone: 'running' };
    case 'restarting':
      return { text: `${g.interrupted} worker restarting`, tone: 'warn' };
    case 'starting':
      return { text: '… starting', tone: 'muted' };
    case 'stopping':
      return { text: '… stopping', tone: 'warn' };
    case 'finished':
      return { text: `${g.ok} finished`, tone: 'good' };
    case 'stopped':
      return { text: `${g.ok} stopped`, tone: 'muted' };
    case 'failed':
      return { text: `${g.fail} failed`, tone: 'bad' };
    case 'viewing':
      return { text: 'view (read-only)', tone: 'accent' };
  }
}

export function Header({ snapshot, info, now, width }: { snapshot: DashboardSnapshot; info: DashboardInfo; now: number; width: number }) {
  const g = useTheme().glyphs;
  const sep = { text: ` ${g.sep} `, tone: 'muted' as const };
  const state = stateLabel(snapshot.state, g);
  const device = snapshot.backend ? `${snapshot.backend}${snapshot.device ? ` on ${snapshot.device}` : ''}` : info.mode === 'view' ? 'no worker' : 'backend: loading…';
  const fixed = `cifar-tui  ${state.text}${sep.text}${device}${sep.text}${info.dataset}${sep.text}`;
  const storeDir = useMemo(() => truncateStart(info.storeDir, Math.max(8, width - fixed.length), g.ellipsis), [info.storeDir, width, fixed.length, g.ellipsis]);
  const first: Span[] = [
    { text: 'cifar-tui  ', bold: true },
    { text: state.text, tone: state.tone, bold: true },
    sep,
    { text: device },
    sep,
    { text: info.dataset },
    sep,
    { text: storeDir, tone: 'accent' },
  ];
  const total = info.maxTrials === null ? '' : `/${info.maxTrials}`;
  const second: Span[] = [{ text: `trials ${snapshot.finished}${total} done`, bold: true }];
  const { runningCount: running, interrupted } = snapshot;
  if (running > 0) second.push({ text: `, ${running} running`, tone: 'running' });
  if (interrupted > 0) second.push({ text: `, ${interrupted} interrupted`, tone: 'warn' });
  second.push(sep, { text: 'best ' });
  const best = snapshot.best;
  if (best) second.push({ text: pct(best.fine), tone: 'good', bold: true }, { text: ` % fine (trial ${best.trial.number})` });
  else second.push({ text: 'none yet', tone: 'muted' });
  if (info.mode === 'search') second.push(sep, { text: `elapsed ${shortDuration((now - info.startedAt) / 1000)}` });
  else if (info.createdAt) second.push(sep, { text: `created ${info.createdAt.slice(0, 16).replace('T', ' ')}`, tone: 'muted' });
  if (snapshot.detail) second.push(sep, { text: snapshot.detail, tone: 'muted' });
  if (snapshot.warnings > 0) second.push(sep, { text: `${snapshot.warnings} warning${snapshot.warnings === 1 ? '' : 's'}`, tone: 'warn' });
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Line spans={first} />
      <Line spans={second} />
    </Box>
  );
}
