/** A titled asciichart of several series, exactly `width` × `height` lines (memoised on its data). */
import { Box } from 'ink';
import { memo, useMemo } from 'react';
import { type Layer, type PlotOptions, plotLayers } from '../chart/plot.js';
import { Line } from './Line.js';
import { useTheme } from './ThemeContext.js';

export interface ChartProps {
  title: string;
  layers: readonly Layer[];
  range: { min: number; max: number };
  format: PlotOptions['format'];
  extent: number;
  width: number;
  height: number;
}

export const Chart = memo(function Chart({ title, layers, range, format, extent, width, height }: ChartProps) {
  const theme = useTheme();
  const ascii = theme.glyphs.bar === '#';
  const lines = useMemo(
    () => (height >= 3 ? plotLayers(layers, { width, rows: height - 1, min: range.min, max: range.max, extent, format, ascii }) : []),
    [layers, width, height, range.min, range.max, extent, format, ascii],
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line spans={[{ text: title, bold: true }]} />
      {lines.map((spans, i) => (
        <Line key={i} spans={spans} />
      ))}
    </Box>
  );
});
