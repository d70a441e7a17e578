/**
 * Rendering Ink trees in tests with a terminal of a chosen size: a fake stdout with columns,
 * rows and resize, a fake stdin that Ink reads keys from, and frame polling (never fixed sleeps;
 * tui-notes §3.4).
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ReactElement } from 'react';

export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = (): string => this.frames[this.frames.length - 1] ?? '';
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(_on?: boolean): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
  backspace: '\u007F',
} as const;

export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Screen {
  stdout: FakeStdout;
  stdin: FakeStdin;
  frame(): string;
  /** Waits until the frame satisfies `pred` (or contains the string); returns it. */
  waitFor(pred: string | ((frame: string) => boolean), ms?: number): Promise<string>;
  /** Writes one key and waits for the next render. */
  press(key: string): Promise<void>;
  unmount(): void;
}

/** `wrap`: what the real dashboard puts between Ink and the terminal (e.g. the ASCII filter). */
export function renderScreen(tree: ReactElement, columns = 80, rows = 24, wrap = (s: NodeJS.WriteStream) => s): Screen {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: wrap(stdout as unknown as NodeJS.WriteStream),
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stdout.lastFrame();
  return {
    stdout,
    stdin,
    frame,
    async waitFor(pred, ms = 4000) {
      const test = typeof pred === 'string' ? (f: string) => f.includes(pred) : pred;
      const end = Date.now() + ms;
      for (;;) {
        const f = frame();
        if (test(f)) return f;
        if (Date.now() > end) throw new Error(`waitFor timed out; last frame:\n${f}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async press(key) {
      const before = stdout.frames.length;
      stdin.write(key);
      await flush();
      const end = Date.now() + 1000;
      while (stdout.frames.length === before && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 2));
    },
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

/** Lines of a frame, trailing spaces removed. */
export const linesOf = (frame: string): string[] => frame.split('\n').map((l) => l.trimEnd());
