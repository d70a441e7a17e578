/**
 * Hyperparameter histograms. One parameter: a bar per bin (its count, the share tried by the
 * latest quarter of trials drawn apart), with the mean or best accuracy reached in the bin and
 * ◆ on the top bin. Overview: one line per parameter with sparklines of counts and accuracy.
 */
import { Box } from 'ink';
import { useMemo } from 'react';
import { pct } from '../format.js';
import { type Histogram, PARAM_SPECS, histogram, topBin } from '../model/histogram.js';
import type { TrialStats } from '../model/stats.js';
import { fit, padStart, truncate } from '../text.js';
import type { Glyphs } from '../theme.js';
import { Line, type Span } from './Line.js';
import { useTheme } from './ThemeContext.js';

export interface HistogramPaneProps {
  stats: readonly TrialStats[];
  /** Memoisation key: changes when a trial is added or finishes (what the bins depend on). */
  version: string;
  index: number;
  metric: 'mean' | 'best';
  overview: boolean;
  width: number;
  height: number;
}

function spark(values: readonly (number | null)[], g: Glyphs, lo: number, hi: number): string {
  return values
    .map((v) => {
      if (v === null) return ' ';
      if (hi <= lo) return g.spark[g.spark.length - 1];
      const i = 1 + Math.round(((v - lo) / (hi - lo)) * (g.spark.length - 2));
      return g.spark[Math.max(1, Math.min(g.spark.length - 1, i))];
    })
    .join('');
}

function Single({ h, metric, width, height, index }: { h: Histogram; metric: 'mean' | 'best'; width: number; height: number; index: number }) {
  const g = useTheme().glyphs;
  const top = topBin(h, metric);
  const scored = h.bins.reduce((n, b) => n + b.scored, 0);
  const head: Span[] = [
    { text: h.spec.key, bold: true },
    { text: `  ${h.spec.distribution} · ${h.total} tried, ${scored} scored`, tone: 'muted' },
    { text: `  ${index + 1}/${PARAM_SPECS.length} ←/→`, tone: 'muted' },
  ];
  const legend: Span[] = [
    { text: `${g.bar} tried` },
    ...(h.recentCount > 0 ? [{ text: `  ${g.recentBar} by the last ${h.recentCount}`, tone: 'accent' as const }] : []),
    { text: `  ${metric} fine acc per bin (a: ${metric === 'mean' ? 'best' : 'mean'})  ${g.best} top` },
  ];
  const labelW = Math.min(13, Math.max(...h.bins.map((b) => b.label.length)));
  const countW = Math.max(2, String(h.total).length);
  const barW = Math.max(4, width - labelW - countW - 11);
  const max = Math.max(1, ...h.bins.map((b) => b.count));
  const room = height - 2;
  return (
    <>
      <Line spans={head} />
      <Line spans={legend} />
      {h.bins.slice(0, Math.max(0, room)).map((b, i) => {
        const total = b.count === 0 ? 0 : Math.max(1, Math.round((b.count / max) * barW));
        const recent = b.recent === 0 ? 0 : Math.min(total, Math.max(1, Math.round((b.recent / max) * barW)));
        const acc = b[metric];
        return (
          <Line
            key={b.label}
            spans={[
              { text: `${fit(b.label, labelW, 'right')} ` },
              { text: g.bar.repeat(total - recent) },
              { text: g.recentBar.repeat(recent), tone: 'accent' },
              { text: `${' '.repeat(barW - total)} ${padStart(String(b.count), countW)} ` },
              { text: padStart(pct(acc), 5), tone: i === top ? 'good' : acc === null ? 'muted' : undefined, bold: i === top },
              { text: i === top ? ` ${g.best}` : '', tone: 'good' },
            ]}
          />
        );
      })}
    </>
  );
}

function Overview({ stats, version, index, metric, width, height }: { stats: readonly TrialStats[]; version: string; index: number; metric: 'mean' | 'best'; width: number; height: number }) {
  const g = useTheme().glyphs;
  const all = useMemo(() => PARAM_SPECS.map((spec) => histogram(spec, stats, 8)), [version]);
  const nameW = Math.max(...PARAM_SPECS.map((s) => s.key.length));
  const room = Math.max(1, height - 1);
  const first = Math.max(0, Math.min(index - Math.floor(room / 2), PARAM_SPECS.length - room));
  const shown = Math.min(room, PARAM_SPECS.length);
  const title = 'all hyperparameters';
  const range = shown < PARAM_SPECS.length ? ` ${first + 1}–${first + shown} of ${PARAM_SPECS.length} (←/→)` : '';
  const legend = `  tried per bin ${g.sep} ${metric} fine acc per bin ${g.sep} ${g.best} top bin`;
  const head: Span[] = [
    { text: title, bold: true },
    { text: range },
    { text: truncate(legend, Math.max(0, width - title.length - range.length), g.ellipsis), tone: 'muted' },
  ];
  return (
    <>
      <Line spans={head} />
      {all.slice(first, first + room).map((h, k) => {
        const i = first + k;
        const counts = h.bins.map((b) => b.count);
        const accs = h.bins.map((b) => b[metric]);
        const known = accs.filter((v): v is number => v !== null);
        const t = topBin(h, metric);
        const best = t >= 0 ? `${h.bins[t]!.label} ${pct(h.bins[t]![metric])}` : '-';
        const text = `${h.spec.key.padEnd(nameW)} ${spark(counts, g, 0, Math.max(...counts))} ${g.sep} ${spark(accs, g, Math.min(...known), Math.max(...known))} ${g.best} `;
        return <Line key={h.spec.key} inverse={i === index} spans={[{ text }, { text: truncate(best, Math.max(0, width - text.length)), tone: i === index ? undefined : 'good' }]} />;
      })}
    </>
  );
}

/** What the histograms depend on: the trials tried and those finished (not epochs in progress). */
export const histogramKey = (trials: number, finished: number): string => `${trials}:${finished}`;

export function HistogramPane({ stats, version, index, metric, overview, width, height }: HistogramPaneProps) {
  const spec = PARAM_SPECS[index % PARAM_SPECS.length]!;
  const bins = Math.max(3, Math.min(10, height - 2 - (spec.bins.type === 'range' && spec.bins.nullable ? 1 : 0)));
  const h = useMemo(() => histogram(spec, stats, bins), [spec, version, bins]);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {overview ? <Overview stats={stats} version={version} index={index % PARAM_SPECS.length} metric={metric} width={width} height={height} /> : <Single h={h} metric={metric} width={width} height={height} index={index % PARAM_SPECS.length} />}
    </Box>
  );
}
