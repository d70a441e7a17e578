/** `Enter`: one trial in full: its results, all 19 hyperparameters and its learning curves. */
import { Box } from 'ink';
import { paramValue, pct, shortDuration } from '../format.js';
import { PARAM_SPECS } from '../model/histogram.js';
import type { TrialStats } from '../model/stats.js';
import { statusWordOf } from '../status-word.js';
import { fit } from '../text.js';
import { CurvesPane, type CurvesPaneProps } from './CurvesPane.js';
import { Line, type Span } from './Line.js';
import { useTheme } from './ThemeContext.js';

export interface DetailViewProps {
  stats: TrialStats | null;
  rank: number | null;
  curves: Omit<CurvesPaneProps, 'width' | 'height' | 'trial'>;
  width: number;
  height: number;
}

export function DetailView({ stats, rank, curves, width, height }: DetailViewProps) {
  const g = useTheme().glyphs;
  if (!stats) {
    return (
      <Box width={width} height={height}>
        <Line spans={[{ text: 'No trial selected (the filter matches none). Esc goes back.', tone: 'muted' }]} />
      </Box>
    );
  }
  const t = stats.trial;
  const head: Span[] = [
    { text: `trial ${t.number} (${t.id}) `, bold: true },
    { text: statusWordOf(t.state, g), tone: t.state === 'ok' ? 'good' : t.state === 'fail' ? 'bad' : t.state === 'running' ? 'running' : 'warn' },
    { text: ` · fine ${pct(stats.fine)} · coarse ${pct(stats.coarse)} · test ${pct(stats.test)} · rank ${rank ?? '-'} · ${stats.epochsDone} ep · ${shortDuration(stats.seconds)}` },
  ];
  if (t.source === 'import') head.push({ text: ' · imported', tone: 'muted' });
  const colW = Math.max(28, Math.floor(width / Math.max(1, Math.floor(width / 30))));
  const cols = Math.max(1, Math.floor(width / colW));
  const perCol = Math.ceil(PARAM_SPECS.length / cols);
  const nameW = colW - 9;
  const grid: string[] = [];
  for (let r = 0; r < perCol; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const spec = PARAM_SPECS[c * perCol + r];
      if (!spec) continue;
      line += `${fit(spec.key, nameW)} ${fit(paramValue(t.params[spec.key]), 7, 'right')} `;
    }
    grid.push(line.trimEnd());
  }
  const error = t.error ?? null;
  const used = 1 + grid.length + (error ? 1 : 0);
  const chartH = height - used;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line spans={head} />
      {grid.map((line, i) => (
        <Line key={i} spans={[{ text: line }]} />
      ))}
      {error ? <Line spans={[{ text: `error: ${error}`, tone: 'bad' }]} /> : null}
      {chartH >= 4 ? <CurvesPane {...curves} trial={t} width={width} height={chartH} /> : null}
    </Box>
  );
}
