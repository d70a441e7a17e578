/**
 * The dashboard's state outside React: supervisor events are applied as they come (many per
 * second), and subscribers are notified at most once per `intervalMs` after a change of state
 * (a trial starts or ends, pause, …) and once per `progressMs` when only progress and log lines
 * came in (leading and trailing edge). React reads immutable snapshots (useSyncExternalStore).
 *
 * Trials: when a `source` is given (the store the supervisor writes before it reports), it is
 * the truth and events only say when to re-read it; without one (recorded event streams, tests)
 * the trials carried by the events are used.
 */
import type { StoredTrial } from '../../store/schema.js';
import type { SupervisorEvent, SupervisorStatus } from '../../supervisor/events.js';
import { type Ranks, type TrialStats, bestTrial, rankIndex, rankOrder, statsOf } from './stats.js';

export type DashboardState = SupervisorStatus | 'viewing' | 'retraining';

export interface LiveProgress {
  trialId: string;
  /** 0-based epoch in progress. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch (0 right after an epoch ended). */
  batch: number;
  batches: number;
  /** Running means over the epoch so far. */
  logs: Record<string, number | null>;
  imagesPerSecond: number | null;
}

export interface LogEntry {
  seq: number;
  time: number;
  level: 'info' | 'warn' | 'error';
  source: 'worker' | 'supervisor' | 'ui';
  message: string;
}

export interface DashboardSnapshot {
  version: number;
  /** Changes whenever any trial changed (memoisation key for sorting, histograms). */
  trialsVersion: number;
  trials: readonly StoredTrial[];
  stats: readonly TrialStats[];
  /** Trials with an accuracy, best first. */
  ranked: readonly TrialStats[];
  ranks: Ranks;
  best: TrialStats | null;
  /** Trials finished ok or failed. */
  finished: number;
  /** Trials running, and interrupted (to be run again). */
  runningCount: number;
  interrupted: number;
  running: StoredTrial | null;
  live: LiveProgress | null;
  state: DashboardState;
  detail: string | null;
  backend: string | null;
  device: string | null;
  logs: readonly LogEntry[];
  /** Warnings and errors logged so far (the header points at the log panel). */
  warnings: number;
  /** Loaded histories of finished trials by id (see requestHistory). */
  histories: ReadonlyMap<string, History | null>;
}

export interface TrialSource {
  readonly trials: readonly StoredTrial[];
}

/** Per-epoch history of a finished trial (its result file); null when it has none. */
export type History = Record<string, (number | null)[]>;
export type HistoryLoader = (trial: StoredTrial) => Promise<History | null>;

export interface DashboardModelOptions {
  trials?: readonly StoredTrial[];
  source?: TrialSource;
  state?: DashboardState;
  backend?: string | null;
  device?: string | null;
  intervalMs?: number;
  /** Least time between two notifications for progress and log lines only (default 500 ms). */
  progressMs?: number;
  maxLogs?: number;
  loadHistory?: HistoryLoader;
  now?: () => number;
}

export class DashboardModel {
  private byId = new Map<string, StoredTrial>();
  private trialsDirty = true;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = -Infinity;
  private listeners = new Set<() => void>();
  private logs: LogEntry[] = [];
  private logSeq = 0;
  private warnings = 0;
  private runningId: string | null = null;
  private live: LiveProgress | null = null;
  private state: DashboardState;
  private detail: string | null = null;
  private backend: string | null;
  private device: string | null;
  private snapshot: DashboardSnapshot;
  private readonly intervalMs: number;
  private progressMs: number;
  private due = 0;
  private readonly maxLogs: number;
  private readonly now: () => number;
  private readonly source: TrialSource | undefined;
  private disposed = false;
  private histories = new Map<string, History | null>();
  private loading = new Set<string>();
  private readonly loadHistory: HistoryLoader | undefined;
  private static readonly MAX_HISTORIES = 64;

  constructor(options: DashboardModelOptions = {}) {
    this.source = options.source;
    this.intervalMs = options.intervalMs ?? 250;
    this.progressMs = Math.max(this.intervalMs, options.progressMs ?? 500);
    this.maxLogs = options.maxLogs ?? 500;
    this.now = options.now ?? Date.now;
    this.state = options.state ?? 'starting';
    this.backend = options.backend ?? null;
    this.device = options.device ?? null;
    this.loadHistory = options.loadHistory;
    for (const t of options.trials ?? this.source?.trials ?? []) this.byId.set(t.id, t);
    this.runningId = [...this.byId.values()].find((t) => t.state === 'running')?.id ?? null;
    this.snapshot = this.build(0, 0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DashboardSnapshot => this.snapshot;

  /** Applies one supervisor event; the screen hears of it at the next flush. */
  apply = (event: SupervisorEvent): void => {
    switch (event.type) {
      case 'ready':
        this.backend = event.backend;
        this.device = event.device;
        for (const w of event.warnings) this.log('warn', 'worker', w);
        break;
      case 'status':
        this.state = event.status;
        this.detail = event.detail ?? null;
        this.trialsDirty = true;
        break;
      case 'trial-start':
        this.setTrial(event.trial);
        this.runningId = event.trial.id;
        this.live = null;
        break;
      case 'batch':
        if (event.trialId !== this.runningId) return;
        this.live = { trialId: event.trialId, epoch: event.epoch, epochs: event.epochs, batch: event.batch + 1, batches: event.batches, logs: event.logs, imagesPerSecond: event.imagesPerSecond };
        this.markDirty(true);
        return;
      case 'epoch':
        this.setTrial(event.trial);
        if (this.live?.trialId === event.trial.id || this.runningId === event.trial.id) {
          this.live = { trialId: event.trial.id, epoch: event.epoch + 1, epochs: event.epochs, batch: 0, batches: this.live?.batches ?? 0, logs: {}, imagesPerSecond: this.live?.imagesPerSecond ?? null };
        }
        break;
      case 'trial-end':
        this.setTrial(event.trial);
        if (this.runningId === event.trial.id) {
          this.runningId = null;
          this.live = null;
        }
        break;
      case 'worker-exit': {
        const how = event.signal ? `killed by ${event.signal}` : `exit code ${event.code}`;
        const then = event.restartInMs === null ? '' : `; restarting in ${(event.restartInMs / 1000).toFixed(1)} s`;
        this.log(event.restartInMs === null ? 'info' : 'warn', 'supervisor', `worker exited (${how})${then}`);
        if (event.trialId !== null && event.trialId === this.runningId) {
          this.runningId = null;
          this.live = null;
          // The supervisor records it interrupted (or failed) in the store; without one, say so here.
          const t = this.byId.get(event.trialId);
          if (!this.source && t?.state === 'running') this.byId.set(t.id, { ...t, state: 'interrupted' });
        }
        this.trialsDirty = true;
        break;
      }
      case 'log':
        this.log(event.level, event.source, event.message);
        return;
    }
    this.markDirty();
  };

  /**
   * Asks for a finished trial's history (its curves live in its result file, not in db.json).
   * Returns at once; the snapshot's `histories` holds it after a later flush.
   */
  requestHistory = (trial: StoredTrial): void => {
    if (!this.loadHistory || this.disposed || this.histories.has(trial.id) || this.loading.has(trial.id)) return;
    this.loading.add(trial.id);
    this.loadHistory(trial).then(
      (h) => this.storeHistory(trial.id, h),
      (error: Error) => {
        this.storeHistory(trial.id, null);
        this.log('warn', 'ui', `could not read the curves of trial ${trial.number}: ${error.message}`);
      },
    );
  };

  private storeHistory(id: string, history: History | null): void {
    this.loading.delete(id);
    if (this.disposed) return;
    this.histories.set(id, history);
    if (this.histories.size > DashboardModel.MAX_HISTORIES) this.histories.delete(this.histories.keys().next().value!);
    this.histories = new Map(this.histories);
    this.markDirty();
  }

  /** A message of the UI itself (e.g. "retraining is not available yet"), shown in the log panel. */
  note(level: LogEntry['level'], message: string): void {
    this.log(level, 'ui', message);
  }

  setState(state: DashboardState, detail: string | null = null): void {
    this.state = state;
    this.detail = detail;
    this.markDirty();
  }

  /** Changes the least time between progress-only notifications (e.g. with the terminal size). */
  setProgressInterval(ms: number): void {
    this.progressMs = Math.max(this.intervalMs, ms);
  }

  /** Replaces every trial (the `view` command re-reading a store another process writes). */
  replaceTrials(trials: readonly StoredTrial[]): void {
    this.byId = new Map(trials.map((t) => [t.id, t]));
    this.runningId = trials.find((t) => t.state === 'running')?.id ?? null;
    if (this.live && this.live.trialId !== this.runningId) this.live = null;
    this.trialsDirty = true;
    this.markDirty();
  }

  /** Notifies subscribers now. */
  flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty || this.disposed) return;
    this.dirty = false;
    this.lastFlush = this.now();
    const s = this.snapshot;
    this.snapshot = this.build(s.version + 1, this.trialsDirty ? s.trialsVersion + 1 : s.trialsVersion);
    for (const l of this.listeners) l();
  };

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private setTrial(trial: StoredTrial): void {
    if (!this.source) this.byId.set(trial.id, trial);
    this.trialsDirty = true;
  }

  private log(level: LogEntry['level'], source: LogEntry['source'], message: string): void {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      this.logs.push({ seq: ++this.logSeq, time: this.now(), level, source, message: line });
    }
    if (level !== 'info' && source !== 'ui') this.warnings++;
    if (this.logs.length > this.maxLogs) this.logs = this.logs.slice(-this.maxLogs);
    else this.logs = [...this.logs];
    this.markDirty(true);
  }

  private markDirty(progressOnly = false): void {
    this.dirty = true;
    if (this.disposed) return;
    const now = this.now();
    const due = Math.max(now, this.lastFlush + (progressOnly ? this.progressMs : this.intervalMs));
    if (this.timer && this.due <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(this.flush, due - now);
    this.timer.unref?.();
  }

  private trialById(trials: readonly StoredTrial[], id: string | null): StoredTrial | undefined {
    if (id === null) return undefined;
    if (!this.source) return this.byId.get(id);
    for (let i = trials.length - 1; i >= 0; i--) if (trials[i]!.id === id) return trials[i];
    return undefined;
  }

  private build(version: number, trialsVersion: number): DashboardSnapshot {
    const prev = this.snapshot as DashboardSnapshot | undefined;
    let { trials, stats, ranked, ranks, best, finished, runningCount, interrupted } = prev ?? { trials: [], stats: [], ranked: [], ranks: rankIndex([]), best: null, finished: 0, runningCount: 0, interrupted: 0 };
    if ((this.trialsDirty && !(prev && this.source && sameTrials(this.source.trials, prev.trials))) || !prev) {
      this.trialsDirty = false;
      if (this.source) trials = isSortedByNumber(this.source.trials) ? [...this.source.trials] : [...this.source.trials].sort((a, b) => a.number - b.number);
      else trials = [...this.byId.values()].sort((a, b) => a.number - b.number);
      stats = trials.map(statsOf);
      ranked = rankOrder(stats);
      ranks = rankIndex(ranked);
      best = bestTrial(stats);
      finished = runningCount = interrupted = 0;
      for (const t of trials) {
        if (t.state === 'ok' || t.state === 'fail') finished++;
        else if (t.state === 'running') runningCount++;
        else interrupted++;
      }
      const running = this.trialById(trials, this.runningId);
      if (!running || running.state !== 'running') {
        this.runningId = trials.find((t) => t.state === 'running')?.id ?? null;
        if (this.live && this.live.trialId !== this.runningId) this.live = null;
      }
    } else {
      this.trialsDirty = false;
      trialsVersion = prev.trialsVersion;
    }
    return {
      version,
      trialsVersion,
      trials,
      stats,
      ranked,
      ranks,
      best,
      finished,
      runningCount,
      interrupted,
      running: this.trialById(trials, this.runningId) ?? null,
      live: this.live,
      state: this.state,
      detail: this.detail,
      backend: this.backend,
      device: this.device,
      logs: this.logs,
      warnings: this.warnings,
      histories: this.histories,
    };
  }
}

/** The store still holds the very same trial objects (nothing changed since the last read). */
function sameTrials(now: readonly StoredTrial[], before: readonly StoredTrial[]): boolean {
  if (now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) return false;
  return true;
}

function isSortedByNumber(trials: readonly StoredTrial[]): boolean {
  for (let i = 1; i < trials.length; i++) if (trials[i]!.number <= trials[i - 1]!.number) return false;
  return true;
}
