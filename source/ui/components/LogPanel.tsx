/** The last log lines (worker output, warnings, the UI's own notes), newest at the bottom. */
import { Box } from 'ink';
import type { LogEntry } from '../model/dashboard-model.js';
import { Line } from './Line.js';
import { useTheme } from './ThemeContext.js';

const clock = (t: number) => new Date(t).toTimeString().slice(0, 8);

export function LogPanel({ logs, width, height }: { logs: readonly LogEntry[]; width: number; height: number }) {
  const g = useTheme().glyphs;
  const shown = logs.slice(-Math.max(0, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Line spans={[{ text: 'Log', bold: true }, { text: `  ${logs.length} line${logs.length === 1 ? '' : 's'} · l hides`, tone: 'muted' }]} />
      {shown.length === 0 ? <Line spans={[{ text: 'nothing yet', tone: 'muted' }]} /> : null}
      {shown.map((e) => (
        <Line
          key={e.seq}
          spans={[
            { text: `${clock(e.time)} `, tone: 'muted' },
            { text: e.level === 'error' ? `${g.fail} ` : e.level === 'warn' ? `${g.interrupted} ` : '  ', tone: e.level === 'error' ? 'bad' : e.level === 'warn' ? 'warn' : undefined },
            { text: `${e.source} `, tone: 'muted' },
            { text: e.message, tone: e.level === 'error' ? 'bad' : e.level === 'warn' ? 'warn' : undefined },
          ]}
        />
      ))}
    </Box>
  );
}
