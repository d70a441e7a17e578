/**
 * After a resize, leave and re-enter the alternate screen and have Ink draw the whole frame
 * again. tmux, when a window grows taller while its alternate screen is on, otherwise keeps
 * lines drawn after the resize and shows them in the shell once the dashboard quits. Ink's
 * `useStdout().write` clears its output, writes ours, then restores its last frame in full.
 */
import { useStdout } from 'ink';
import { useEffect, useRef } from 'react';
import { REENTER_ALT_SCREEN } from '../terminal.js';
import type { TerminalSize } from './use-terminal-size.js';

export function useFreshScreenOnResize(enabled: boolean, size: TerminalSize): void {
  const { write } = useStdout();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (enabled) write(REENTER_ALT_SCREEN);
  }, [enabled, size.columns, size.rows, write]);
}
