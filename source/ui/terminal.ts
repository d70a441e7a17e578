import { toAscii } from './theme.js';

/**
 * The terminal's state while the dashboard owns it: alternate screen on, cursor hidden (by
 * Ink), raw mode on (by Ink). `restore()` puts everything back; it is idempotent and also runs
 * on process exit and before Node prints an uncaught exception, so a crash leaves a usable shell.
 * Ink 6.8 has no alternate-screen option (tui-notes §5.4).
 */

export const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
export const LEAVE_ALT_SCREEN = '\u001B[?1049l';
export const SHOW_CURSOR = '\u001B[?25h';
/** A fresh, empty alternate screen (the main screen's content is kept as it was). */
export const REENTER_ALT_SCREEN = LEAVE_ALT_SCREEN + ENTER_ALT_SCREEN;

export interface TerminalStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export class TerminalGuard {
  private active = false;
  private readonly onExit = () => this.restore();
  private readonly onCrash = () => this.restore();

  constructor(private readonly streams: TerminalStreams) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    ignoreHangupErrors(this.streams.stdout);
    ignoreHangupErrors(this.streams.stdin);
    this.streams.stdout.write(ENTER_ALT_SCREEN);
    process.on('exit', this.onExit);
    process.on('uncaughtExceptionMonitor', this.onCrash);
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Leaves the alternate screen, shows the cursor, ends raw mode. Safe to call many times. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    process.off('exit', this.onExit);
    process.off('uncaughtExceptionMonitor', this.onCrash);
    const { stdin, stdout } = this.streams;
    try {
      if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    } catch {
      // stdin may already be closed (SIGHUP): nothing to restore there.
    }
    try {
      stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    } catch {
      // The terminal is gone.
    }
  }
}

const guarded = new WeakSet<object>();

/**
 * After a hangup, writes to the terminal fail with EIO (or EPIPE); without a listener that
 * error would crash the process while it is still saving the search. Other errors are rethrown.
 */
function ignoreHangupErrors(stream: NodeJS.EventEmitter): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EIO' || error.code === 'EPIPE' || error.code === 'ENXIO') return;
    throw error;
  });
}

/**
 * Ends the process the way a hangup does (killed by SIGHUP), after the caller has saved what it
 * must. A Node 20 process that instead exits normally after its terminal went away aborts on an
 * assertion (ResetStdio cannot restore the settings of a terminal that no longer exists).
 */
export function exitAfterHangup(): void {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}

const CURSOR_UP_AT_START = /^\u001B\[\d+A/;

/**
 * Ink 6.8's incremental renderer starts an update of a frame that ends with a newline (every
 * frame shorter than the terminal, which ours always are) by moving the cursor up one line too
 * few, so each update lands a line lower than the last (verified in tmux: a 10-line frame
 * drifted down one line per update). On the alternate screen our frame always starts at the
 * top-left corner, so such a "cursor up n" that opens a write is replaced by "cursor home".
 * With `ascii` (TERM=dumb), every character is made ASCII on the way out, Ink's own truncation
 * ellipsis included.
 */
export function anchorFrames(stdout: NodeJS.WriteStream, { ascii = false } = {}): NodeJS.WriteStream {
  return filterOutput(stdout, (text) => {
    const anchored = text.replace(CURSOR_UP_AT_START, '\u001B[H');
    return ascii ? toAscii(anchored) : anchored;
  });
}

/** The stream with its string writes passed through `transform`; everything else (resize events, size, isTTY) is the real stream's. */
export function filterOutput(stdout: NodeJS.WriteStream, transform: (text: string) => string): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const fixed = typeof chunk === 'string' ? transform(chunk) : chunk;
    return (stdout.write as (...a: unknown[]) => boolean)(fixed, ...rest);
  };
  return new Proxy(stdout, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
