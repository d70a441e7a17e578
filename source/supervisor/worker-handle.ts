/**
 * One worker child process: forked with its stdout/stderr captured (never written over the
 * screen), messages validated on arrival, and its death reported with the last lines it wrote.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type FromWorker, type ToWorker, fromWorkerSchema, parseMessage } from '../protocol/index.js';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the worker wrote to stderr, for the failure reason. */
  stderrTail: string[];
}

export interface WorkerHandlers {
  message(message: FromWorker): void;
  /** A line the worker printed (stdout or stderr) or a message that failed validation. */
  output(line: string, stream: 'stdout' | 'stderr' | 'ipc'): void;
  /** A message that failed validation (after `output` has logged it). */
  invalid?(raw: unknown, error: string): void;
  exit(exit: WorkerExit): void;
}

/** The worker's entry file next to this one: `.ts` when running from source (tsx), `.js` when built. */
export function workerEntry(): string {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`../worker/main.${ext}`, import.meta.url));
}

const TAIL = 20;

export class WorkerHandle {
  private child: ChildProcess | null = null;
  private readonly stderrTail: string[] = [];
  private exited = false;

  constructor(
    private readonly handlers: WorkerHandlers,
    private readonly env: NodeJS.ProcessEnv,
    private readonly entry = workerEntry(),
  ) {}

  start(): void {
    const child = fork(this.entry, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: this.env, serialization: 'json' });
    this.child = child;
    const lines = (stream: 'stdout' | 'stderr') => {
      let rest = '';
      return (chunk: Buffer) => {
        const text = rest + chunk.toString('utf8');
        const parts = text.split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) this.line(line, stream);
      };
    };
    child.stdout!.on('data', lines('stdout'));
    child.stderr!.on('data', lines('stderr'));
    child.on('message', (raw) => {
      const parsed = parseMessage(fromWorkerSchema, raw);
      if (parsed.ok) this.handlers.message(parsed.message);
      else {
        this.handlers.output(`supervisor dropped a ${parsed.error}`, 'ipc');
        this.handlers.invalid?.(raw, parsed.error);
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      // A message sent while the worker was exiting: its exit is reported on its own.
      if (error.code === 'EPIPE' || error.code === 'ERR_IPC_CHANNEL_CLOSED') return;
      this.line(`worker process error: ${error.message}`, 'stderr');
    });
    child.on('exit', (code, signal) => {
      if (this.exited) return;
      this.exited = true;
      this.handlers.exit({ code, signal, stderrTail: [...this.stderrTail] });
    });
  }

  private line(line: string, stream: 'stdout' | 'stderr'): void {
    if (line.trim() === '') return;
    if (stream === 'stderr') {
      this.stderrTail.push(line);
      if (this.stderrTail.length > TAIL) this.stderrTail.shift();
    }
    this.handlers.output(line, stream);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== null && !this.exited;
  }

  send(message: ToWorker): boolean {
    if (!this.child?.connected) return false;
    this.child.send(message);
    return true;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.alive) this.child!.kill(signal);
  }

  /** Resolves when the process has exited (immediately if it has). */
  exitPromise(): Promise<void> {
    if (!this.child || this.exited) return Promise.resolve();
    return new Promise((resolve) => this.child!.once('exit', () => resolve()));
  }
}
