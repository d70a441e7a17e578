/** One screen line made of coloured segments; never wraps (truncated at the end instead). */
import { Text } from 'ink';
import { memo } from 'react';
import type { Tone } from '../theme.js';
import { useTheme } from './ThemeContext.js';

export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
  dim?: boolean;
}

export const Line = memo(function Line({ spans, inverse, bold }: { spans: readonly Span[]; inverse?: boolean; bold?: boolean }) {
  const theme = useTheme();
  if (spans.length === 1 && !spans[0]!.tone) {
    const s = spans[0]!;
    return (
      <Text wrap="truncate-end" inverse={inverse || s.inverse} bold={bold || s.bold} dimColor={s.dim}>
        {s.text || ' '}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" inverse={inverse} bold={bold}>
      {spans.map((s, i) => (
        <Text key={i} color={s.tone ? theme.tone(s.tone) : undefined} bold={s.bold} inverse={s.inverse} dimColor={s.dim}>
          {s.text}
        </Text>
      ))}
      {spans.length === 0 ? ' ' : ''}
    </Text>
  );
});
