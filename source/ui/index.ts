/**
 * The terminal dashboard. Contract of `runDashboard(options)`:
 *
 * - Call it only on an interactive terminal (`isInteractive`); otherwise use the plain reporter.
 *   It switches to the alternate screen, draws the dashboard and returns when the user quits
 *   (`q`, confirmed while a trial runs; Ctrl-C twice), on SIGHUP/SIGTERM/SIGINT, or throws if
 *   the UI itself fails. On every path the terminal is restored (alternate screen left, cursor
 *   shown, raw mode off), also on process exit and before an uncaught exception is printed.
 * - With a `supervisor`: it subscribes to its events, calls `pause()`/`resume()` for p/r, and on
 *   quit calls `stop()` (the running trial is recorded as interrupted) and waits until the search
 *   has stopped (a final status event, or `done` settling; after `stopTimeoutMs`, `forceStop()`)
 *   while the screen says "stopping"; a second q/Ctrl-C, or a second signal, calls `forceStop()`.
 *   It never calls `run()`: start it yourself and pass its promise as `done` (a rejection is shown
 *   as the "failed" state; the dashboard stays open until the user quits). While the dashboard
 *   runs, do not install your own SIGINT/SIGTERM/SIGHUP handlers (it handles them).
 * - Without one (`cifar-tui view`): a read-only view of `store.trials`; `watch` re-reads a
 *   store that another process is writing.
 * - `store` is the Store (or anything with `trials`, and optionally `experiment`, `dir`,
 *   `loadResult` for the curves of finished trials, whose history is in their result files).
 * - It resolves 'hangup' after SIGHUP (the terminal is gone): save what you must, then call
 *   `exitAfterHangup()` (Node 20 aborts when a process exits normally after losing its terminal).
 * - This module sets NODE_ENV=production (unless set) and then loads React and Ink lazily: import
 *   it statically from commands without pulling React's development build into the process.
 */
import type { Experiment, StoredTrial } from '../store/schema.js';
import type { SupervisorListener, SupervisorStatus } from '../supervisor/events.js';

export interface DashboardSupervisor {
  on(listener: SupervisorListener): () => void;
  pause(): void;
  resume(): void;
  stop(): void;
  forceStop(): void;
  readonly status: SupervisorStatus;
}

export interface DashboardStore {
  readonly trials: readonly StoredTrial[];
  readonly experiment?: Experiment | null;
  readonly dir?: string;
  loadResult?(trial: StoredTrial): Promise<{ history?: unknown } | null>;
}

export interface RunDashboardOptions {
  supervisor?: DashboardSupervisor | null;
  store: DashboardStore;
  /** The supervisor's `run()` promise. */
  done?: Promise<unknown>;
  /** Shown in the header; default: from `store`. */
  storeDir?: string;
  dataset?: string;
  epochs?: number | null;
  maxTrials?: number | null;
  /** Until the worker reports its own (the `ready` event). */
  backend?: string | null;
  device?: string | null;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
  /** --no-color (NO_COLOR, TERM=dumb and FORCE_COLOR=0 are read from env). */
  noColor?: boolean;
  /** Least time between two redraws for progress alone (ms; default: 1000 up to 100×30, up to 1500 on large terminals). */
  refreshMs?: number;
  /** Ink's frame cap (default 10). */
  maxFps?: number;
  /** How long a quit waits for the search to stop before killing the worker (default 30 s). */
  stopTimeoutMs?: number;
  /** Retrain and filter-visualisation jobs (later issues); absent: the keys say "not available yet". */
  jobs?: { retrain?(trialId: string | null): void; visualize?(): void };
  /**
   * `view` of a live store: re-read every `intervalMs`; `reload` returns null when unchanged.
   * `writer` (and a reload's) says which process writes the store, shown in the header; null: none.
   */
  watch?: { intervalMs: number; writer?: string | null; reload(): Promise<{ trials: readonly StoredTrial[]; writer: string | null } | null> };
}

/** How the dashboard ended. */
export type DashboardExit = 'quit' | 'signal' | 'hangup' | 'error';

export async function runDashboard(options: RunDashboardOptions): Promise<DashboardExit> {
  process.env.NODE_ENV ??= 'production';
  const { mountDashboard } = await import('./run-dashboard.js');
  return mountDashboard(options);
}

/** A terminal the dashboard can run on: both ends TTYs (TERM=dumb still gets it, colourless). */
export function isInteractive(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

export { createPlainReporter, plainLine } from './plain-reporter.js';
export { exitAfterHangup } from './terminal.js';
