/**
 * Learning curves of one trial (the running one, or the selected one in the detail view):
 * training and validation fine accuracy, and loss, per epoch, the epoch in progress as a last
 * partial training point, and the best trial's validation curve as a dashed reference.
 */
import { Box } from 'ink';
import { useCallback, useMemo } from 'react';
import type { StoredTrial } from '../../store/schema.js';
import { type Layer, accuracyRange, lossRange } from '../chart/plot.js';
import { type Series, type TrialCurves, divergedAt } from '../model/curves.js';
import type { LiveProgress } from '../model/dashboard-model.js';
import { statusWordOf } from '../status-word.js';
import { Chart } from './Chart.js';
import { Line, type Span } from './Line.js';
import { useTheme } from './ThemeContext.js';

export interface Reference {
  trial: StoredTrial;
  valAcc: Series;
  valLoss: Series;
}

export interface CurvesPaneProps {
  trial: StoredTrial | null;
  curves: TrialCurves | null;
  reference: Reference | null;
  live: LiveProgress | null;
  epochs: number | null;
  /** The trial's curves are still being read from its result file. */
  loading: boolean;
  width: number;
  height: number;
}

/** Axis labels with as many decimals as one row's step needs (at most 3). */
function decimals(range: { min: number; max: number }, rows: number): number {
  const step = (range.max - range.min) / Math.max(1, rows);
  return Math.max(0, Math.min(3, Math.ceil(-Math.log10(step))));
}

export function CurvesPane({ trial, curves, reference, live, epochs, loading, width, height }: CurvesPaneProps) {
  const theme = useTheme();
  const g = theme.glyphs;
  const ascii = g.bar === '#';
  const layersAcc = useMemo<Layer[]>(() => {
    const out: Layer[] = [];
    if (reference && reference.trial.id !== trial?.id) out.push({ values: reference.valAcc, tone: 'ref', style: 'dashed' });
    if (curves) out.push({ values: curves.trainAcc, tone: 'train', style: 'light' }, { values: curves.valAcc, tone: 'val', style: 'heavy' });
    return out;
  }, [curves, reference, trial?.id]);
  const layersLoss = useMemo<Layer[]>(() => {
    const out: Layer[] = [];
    if (reference && reference.trial.id !== trial?.id) out.push({ values: reference.valLoss, tone: 'ref', style: 'dashed' });
    if (curves) out.push({ values: curves.trainLoss, tone: 'loss', style: 'light' }, { values: curves.valLoss, tone: 'valLoss', style: 'heavy' });
    return out;
  }, [curves, reference, trial?.id]);
  const accRange = useMemo(() => accuracyRange(layersAcc), [layersAcc]);
  const lossRng = useMemo(() => lossRange(layersLoss), [layersLoss]);
  const rows = Math.max(1, height - 4);
  const accDigits = decimals({ min: accRange.min * 100, max: accRange.max * 100 }, rows);
  const lossDigits = Math.max(1, decimals(lossRng, rows));
  const accFormat = useCallback((v: number) => `${(v * 100).toFixed(accDigits)}%`, [accDigits]);
  const lossFormat = useCallback((v: number) => v.toFixed(lossDigits), [lossDigits]);

  if (!trial || !curves) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Line spans={[{ text: 'Learning curves', bold: true }]} />
        <Line spans={[{ text: 'no trial is running; Enter shows the selected trial', tone: 'muted' }]} />
      </Box>
    );
  }
  const n = Math.max(curves.trainAcc.length, curves.valAcc.length);
  const extent = Math.max(epochs ?? 0, n, reference ? reference.valAcc.length : 0, 1);
  const title: Span[] = [{ text: `trial ${trial.number} `, bold: true }, { text: statusWordOf(trial.state, g), tone: trial.state === 'running' ? 'running' : undefined }];
  if (live && live.trialId === trial.id && trial.state === 'running') {
    const pct = live.batches > 0 ? Math.round((100 * live.batch) / live.batches) : 0;
    title.push({ text: ` · epoch ${Math.min(live.epoch + 1, live.epochs)}/${live.epochs} ${pct}%` });
    if (live.imagesPerSecond) title.push({ text: ` · ${Math.round(live.imagesPerSecond)} img/s`, tone: 'muted' });
  } else {
    title.push({ text: ` · ${n} epoch${n === 1 ? '' : 's'}` });
  }
  const broke = divergedAt(curves.trainLoss);
  if (broke !== null) title.push({ text: ` · diverged at epoch ${broke + 1}`, tone: 'bad' });
  if (loading) title.push({ text: ' · reading curves…', tone: 'muted' });
  const [light, heavy, dashed] = ascii ? ['-', '=', '.'] : ['─', '━', '┄'];
  const legend: Span[] = [
    { text: `${light} train`, tone: 'train' },
    { text: '  ' },
    { text: `${heavy} val`, tone: 'val' },
  ];
  if (curves.partialAt !== null) legend.push({ text: `  last ${light} point: epoch in progress`, tone: 'muted' });
  if (reference && reference.trial.id !== trial.id) legend.push({ text: '  ' }, { text: `${dashed} best #${reference.trial.number} val`, tone: 'ref' });
  const headLines = height >= 8 ? 2 : 1;
  const chartH = height - headLines;
  // Both charts: side by side when wide, one above the other when narrow but tall (the side pane of a wide terminal).
  const two = width >= 70;
  const stacked = !two && chartH >= 14;
  const w = two ? Math.floor((width - 1) / 2) : width;
  const accH = stacked ? Math.ceil(chartH / 2) : chartH;
  const loss = (lossW: number, lossH: number) => <Chart title="loss (train, val)" layers={layersLoss} range={lossRng} format={lossFormat} extent={extent} width={lossW} height={lossH} />;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line spans={headLines === 2 ? title : [...title, { text: '  ' }, ...legend]} />
      {headLines === 2 ? <Line spans={legend} /> : null}
      <Box flexDirection={stacked ? 'column' : 'row'}>
        <Chart title="fine accuracy" layers={layersAcc} range={accRange} format={accFormat} extent={extent} width={w} height={accH} />
        {two ? <Box width={1} /> : null}
        {two ? loss(width - w - 1, chartH) : stacked ? loss(width, chartH - accH) : null}
      </Box>
    </Box>
  );
}
