/** Shown instead of the dashboard when the terminal is below the minimum size. */
import { Box } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { Line } from './Line.js';

/** Words wrapped to `width` columns. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => l.slice(0, Math.max(1, width)));
}

/** `question`: a prompt the user must answer (quit while a trial runs), shown first so it stays visible. */
export function TooSmall({ columns, rows, question = null }: { columns: number; rows: number; question?: string | null }) {
  const ask = question ? `${question} ` : '';
  const text = `${ask}Terminal too small: ${columns}×${rows}. cifar-tui needs at least ${MIN_COLUMNS}×${MIN_ROWS}; please enlarge the window${question ? '.' : ' (q quits).'}`;
  const lines = wrapWords(text, Math.max(1, columns - 1)).slice(0, Math.max(1, rows - 1));
  return (
    <Box flexDirection="column" width={columns} height={Math.min(lines.length, Math.max(1, rows - 1))}>
      {lines.map((l, i) => (
        <Line key={i} spans={[{ text: l, bold: i === 0 }]} />
      ))}
    </Box>
  );
}
