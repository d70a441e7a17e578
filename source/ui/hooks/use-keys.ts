/**
 * Keyboard → reducer. The handler is created once and reads the screen context from a ref, so
 * a key never meets a stale closure; input is only read when stdin supports raw mode.
 */
import { type Key, useInput, useStdin } from 'ink';
import { type Dispatch, type RefObject, useCallback } from 'react';
import type { KeyEvent, KeyName } from '../keys/registry.js';
import type { KeyContext, UiAction } from '../keys/ui-reducer.js';

export function toKeyEvent(input: string, key: Key): (KeyEvent & { meta?: boolean }) | null {
  const name: KeyName | undefined = key.upArrow
    ? 'up'
    : key.downArrow
      ? 'down'
      : key.leftArrow
        ? 'left'
        : key.rightArrow
          ? 'right'
          : key.pageUp
            ? 'pageUp'
            : key.pageDown
              ? 'pageDown'
              : key.home
                ? 'home'
                : key.end
                  ? 'end'
                  : key.return
                    ? 'return'
                    : key.escape
                      ? 'escape'
                      : key.tab
                        ? 'tab'
                        : key.backspace || key.delete
                          ? 'backspace'
                          : undefined;
  if (!name && input === '') return null;
  return { input, name, ctrl: key.ctrl, meta: key.meta && !key.escape && !name };
}

export function useKeys(dispatch: Dispatch<UiAction>, context: RefObject<KeyContext>, now: () => number = Date.now): void {
  const { isRawModeSupported } = useStdin();
  const handler = useCallback(
    (input: string, key: Key) => {
      const ev = toKeyEvent(input, key);
      if (ev) dispatch({ type: 'key', ev, ctx: context.current, now: now() });
    },
    [dispatch, context, now],
  );
  useInput(handler, { isActive: isRawModeSupported });
}
