/**
 * End-to-end helpers for the search: a small real CIFAR-100 release cut from the shared sample,
 * and the real `cifar-tui search --json` in a child process whose events a test can wait for.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_DIR } from './cifar-files.js';
import { ROOT } from './cli.js';

const RECORD = 3074;

function prefix(file: string, records: number): Buffer {
  const buffer = Buffer.alloc(records * RECORD);
  const fd = openSync(join(SAMPLE_DIR, file), 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** A temp dir holding `cifar-100-binary/` with the sample's first `train` and `test` records (multiples of 100 keep every class). */
export function smallRelease(t: { teardown(fn: () => void): void }, train = 600, test = 200): { root: string; data: string } {
  const root = mkdtempSync(join(tmpdir(), 'cifar-tui-e2e-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const data = join(root, 'data', 'cifar-100-binary');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'train.bin'), prefix('train.bin', train));
  writeFileSync(join(data, 'test.bin'), prefix('test.bin', test));
  for (const f of ['fine_label_names.txt', 'coarse_label_names.txt']) copyFileSync(join(SAMPLE_DIR, f), join(data, f));
  return { root, data };
}

export type Event = Record<string, any> & { type: string };

export interface SearchProcess {
  child: ChildProcess;
  events: Event[];
  stderr: () => string;
  /** Resolves with the first event (from the start) that matches; rejects after `ms`. */
  waitFor(pred: (e: Event) => boolean, ms?: number): Promise<Event>;
  exit: Promise<number | null>;
}

/** Tiny, fast search flags: width ×0.1 networks on the wasm backend. */
export const TINY_FLAGS = ['--train-limit', '200', '--holdout', '100', '--width-scale', '0.1', '--backend', 'wasm'];

/** With `group`, the search leads a process group of its own, as a terminal's foreground job does (for `process.kill(-pid)`). */
export function startSearch(args: string[], env: NodeJS.ProcessEnv = {}, { group = false } = {}): SearchProcess {
  const child = spawn(process.execPath, ['--import=tsx', `${ROOT}source/cli.tsx`, 'search', '--json', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  const events: Event[] = [];
  let rest = '';
  let errText = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) events.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk: Buffer) => (errText += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return {
    child,
    events,
    stderr: () => errText,
    exit,
    async waitFor(pred, ms = 120_000) {
      const end = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`timed out waiting for an event; got ${events.map((e) => e.type).join(', ')}\nstderr:\n${errText}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
