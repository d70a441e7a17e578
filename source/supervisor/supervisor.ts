/**
 * The search loop: owns the optimiser and the store (single writer), drives one worker
 * process, persists every state change of a trial before reporting it, re-runs trials a dead
 * worker left behind, and restarts the worker with backoff.
 */
import { type FromWorker, type TrainSettings, type TrialResultRecord, failedResult } from '../protocol/index.js';
import { type Optimizer, cifarSpace, tpe } from '../search/index.js';
import type { Store } from '../store/index.js';
import type { StoredTrial } from '../store/schema.js';
import type { SupervisorEvent, SupervisorListener, SupervisorStatus } from './events.js';
import { LossRanking } from './ranking.js';
import { MAX_FAILED_STARTS, WorkerStartError, describeExit, restartDelay } from './restarts.js';
import { suggestionSeed, trainingSeed } from './seeds.js';
import { type WorkerExit, WorkerHandle } from './worker-handle.js';

export interface SupervisorOptions {
  store: Store;
  /** Everything the worker needs to train (dataDir points at the extracted release). */
  settings: TrainSettings;
  /** Stop once this many trials are finished (ok or failed), earlier ones included; null: never. */
  maxTrials: number | null;
  /** Passed to the worker as CIFAR_TUI_BACKEND. */
  backend: string;
  optimizer?: Optimizer;
  workerEnv?: NodeJS.ProcessEnv;
  /** Worker restart backoff: first delay and cap (ms). */
  restartBaseMs?: number;
  restartMaxMs?: number;
  /** A trial whose worker died this many times is recorded as failed. */
  maxCrashesPerTrial?: number;
  /** The worker's entry file (tests and benchmarks substitute a stand-in). */
  workerEntry?: string;
}

type Outcome = { kind: 'end'; result: TrialResultRecord } | { kind: 'crash'; exit: WorkerExit };

export class Supervisor {
  private readonly listeners = new Set<SupervisorListener>();
  private readonly optimizer: Optimizer;
  private worker: WorkerHandle | null = null;
  private workerReady: Promise<void> | null = null;
  private readySettle: { resolve(): void; reject(e: Error): void } | null = null;
  private pending: { trialId: string; settle(o: Outcome): void } | null = null;
  private pausedFlag = false;
  private resumeWaiters: (() => void)[] = [];
  private stopping = false;
  private crashStreak = 0;
  /** The worker being shut down on purpose: its exit is not a crash. */
  private retiring: WorkerHandle | null = null;
  private current: StoredTrial | null = null;
  status: SupervisorStatus = 'starting';

  constructor(private readonly options: SupervisorOptions) {
    this.optimizer = options.optimizer ?? tpe(cifarSpace);
  }

  on(listener: SupervisorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SupervisorEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setStatus(status: SupervisorStatus, detail?: string): void {
    this.status = status;
    this.emit({ type: 'status', status, detail });
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.emit({ type: 'log', level, message, source: 'supervisor' });
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  get runningTrial(): StoredTrial | null {
    return this.current;
  }

  /** Pause at the next batch boundary; a pause between trials holds the next one. */
  pause(): void {
    if (this.pausedFlag || this.stopping) return;
    this.pausedFlag = true;
    this.worker?.send({ type: 'pause' });
    this.setStatus('paused');
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.worker?.send({ type: 'resume' });
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const w of waiters) w();
    this.setStatus(this.current ? 'running' : 'starting');
  }

  /** Stops the search: the running trial is cancelled and recorded as interrupted. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.setStatus('stopping');
    if (this.current) this.worker?.send({ type: 'cancel', trialId: this.current.id });
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const w of waiters) w();
    this.readySettle?.reject(new Error('stopped'));
  }

  /** A second Ctrl-C: kill the worker now; the running trial is still recorded as interrupted. */
  forceStop(): void {
    this.stop();
    this.worker?.kill('SIGKILL');
  }

  /** Finished (ok or failed) trials, counted once at start and kept up to date. */
  private finished = -1;

  private finishedCount(): number {
    if (this.finished < 0) this.finished = this.options.store.trials.filter((t) => t.state === 'ok' || t.state === 'fail').length;
    return this.finished;
  }

  /** Ranks of the ok trials, from the start of `run()` (the store has one writer: us). */
  private ranking: LossRanking | null = null;

  /** Runs until max-trials are finished or `stop()`; resolves with how it ended. */
  async run(): Promise<'finished' | 'stopped'> {
    const { store, maxTrials } = this.options;
    this.ranking = new LossRanking(store.trials);
    for (const t of store.recovered) this.log('warn', `trial ${t.number} (${t.id}) was running when the last session ended: it will be run again`);
    try {
      while (!this.stopping) {
        if (maxTrials !== null && this.finishedCount() >= maxTrials) break;
        if (this.pausedFlag) await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
        if (this.stopping) break;
        if (!(await this.startWorker())) continue;
        if (this.stopping) break;
        await this.runTrial();
      }
    } catch (error) {
      if (!this.stopping) throw error;
    } finally {
      await this.shutdownWorker();
    }
    const how = this.stopping ? 'stopped' : 'finished';
    this.setStatus(how);
    return how;
  }

  private failedStarts = 0;

  /** Ensures a ready worker; false when it died starting and should be tried again (with backoff). */
  private async startWorker(): Promise<boolean> {
    try {
      await this.ensureWorker();
      this.failedStarts = 0;
      return true;
    } catch (error) {
      if (this.stopping) return false;
      const retryable = error instanceof WorkerStartError && error.retryable;
      if (!retryable || ++this.failedStarts >= MAX_FAILED_STARTS) {
        const times = this.failedStarts > 1 ? ` (${this.failedStarts} starts in a row)` : '';
        throw new Error(`the worker could not start${times}: ${(error as Error).message}`);
      }
      this.log('warn', `the worker died while starting (${(error as Error).message}); trying again`);
      return false;
    }
  }

  /**
   * The next trial, already marked running in the store: trials a dead worker or an earlier
   * session left interrupted come first (oldest first), then TPE's next suggestion.
   */
  private async startNextTrial(): Promise<{ trial: StoredTrial; rerun: boolean }> {
    const { store } = this.options;
    const now = new Date().toISOString();
    const interrupted = store.trials.find((t) => t.state === 'interrupted');
    if (interrupted) {
      const trial = await store.updateTrial(interrupted.id, { state: 'running', startedAt: now, endedAt: null, epochs: [], error: null });
      return { trial, rerun: true };
    }
    const number = store.nextNumber();
    const seed = store.experiment.seed;
    const point = this.optimizer.suggest(store.optimizerHistory(), suggestionSeed(seed, number));
    const trial: StoredTrial = {
      id: store.newTrialId(),
      number,
      state: 'running',
      source: 'search',
      params: point.params as StoredTrial['params'],
      vals: point.vals,
      seed: trainingSeed(seed, number),
      startedAt: now,
      endedAt: null,
      epochs: [],
      result: null,
      error: null,
      crashes: 0,
      resultFile: null,
    };
    await store.addTrial(trial);
    return { trial: store.trial(trial.id)!, rerun: false };
  }

  private async runTrial(): Promise<void> {
    const { store, settings } = this.options;
    const { trial: started, rerun } = await this.startNextTrial();
    const trial = started;
    // Stopped, or the worker died, while the store was being written: the job was never sent.
    const worker = this.worker;
    if (this.stopping || !worker?.alive) {
      await store.updateTrial(trial.id, { state: 'interrupted', endedAt: null, error: this.stopping ? 'interrupted: the search was stopped' : 'the worker died before the trial started' });
      return;
    }
    this.current = started;
    this.emit({ type: 'trial-start', trial: started, rerun });
    if (!this.pausedFlag) this.setStatus('running');
    const outcome = await new Promise<Outcome>((settle) => {
      this.pending = { trialId: trial.id, settle };
      // If the channel is already closing, the exit that follows settles this trial as a crash.
      worker.send({ type: 'job', job: { kind: 'train', trialId: trial.id, number: trial.number, params: trial.params as unknown as Record<string, unknown>, seed: trial.seed, settings } });
    });
    this.pending = null;
    this.current = null;
    if (outcome.kind === 'end') {
      await this.recordResult(trial.id, outcome.result);
      return;
    }
    // A worker that dies because the search is stopping (Ctrl-C, a second Ctrl-C) did not crash on this point.
    const crashes = this.stopping ? started.crashes : started.crashes + 1;
    const max = this.options.maxCrashesPerTrial ?? 3;
    const reason = describeExit(outcome.exit);
    if (crashes >= max && !this.stopping) {
      const error = `the worker died ${crashes} times while training this point (last: ${reason})`;
      await store.updateTrial(trial.id, { crashes });
      const failed = await store.finishTrial(trial.id, failedResult(trial.params as unknown as Record<string, unknown>, trial.id, new Error(error), 'crashed'), 'fail', error);
      this.finished = this.finishedCount() + 1;
      this.log('error', `trial ${trial.number} failed: ${failed.error}`);
      this.emit({ type: 'trial-end', trial: failed, rank: null, finished: this.finishedCount(), best: false });
    } else {
      await store.updateTrial(trial.id, { state: 'interrupted', crashes, endedAt: null, error: `worker died: ${reason}` });
      if (!this.stopping) this.log('warn', `worker died during trial ${trial.number} (${reason}); it will be run again`);
    }
  }

  private async recordResult(trialId: string, result: TrialResultRecord): Promise<void> {
    const { store } = this.options;
    if (result.outcome === 'cancelled') {
      await store.updateTrial(trialId, { state: 'interrupted', endedAt: null, error: 'interrupted: the search was stopped' });
      return;
    }
    this.crashStreak = 0;
    const state = result.status === 'ok' ? 'ok' : 'fail';
    const trial = await store.finishTrial(trialId, result, state, result.err ?? null);
    this.finished = this.finishedCount() + 1;
    const rank = state === 'ok' && typeof trial.result?.loss === 'number' ? (this.ranking ??= new LossRanking(store.trials)).add(trial.result.loss) : null;
    this.emit({ type: 'trial-end', trial, rank, finished: this.finishedCount(), best: rank === 1 });
  }

  private onWorkerMessage(message: FromWorker): void {
    const current = this.current;
    switch (message.type) {
      case 'ready':
        this.emit({ type: 'ready', backend: message.backend, device: message.device, warnings: message.warnings, pid: message.pid });
        this.readySettle?.resolve();
        return;
      case 'error':
        this.log('error', message.message);
        if (message.trialId === null) this.readySettle?.reject(new WorkerStartError(message.message, false));
        return;
      case 'log':
        this.emit({ type: 'log', level: message.level, message: message.message, source: 'worker' });
        return;
      case 'batch':
        if (current?.id === message.trialId) this.emit({ type: 'batch', trialId: message.trialId, epoch: message.epoch, epochs: this.options.settings.epochs, batch: message.batch, batches: message.batches, logs: message.logs, imagesPerSecond: message.imagesPerSecond });
        return;
      case 'epoch':
        if (current?.id === message.trialId) this.recordEpoch(message);
        return;
      case 'trial-end':
        if (this.pending?.trialId === message.trialId) this.pending.settle({ kind: 'end', result: message.result });
        return;
      case 'paused':
        this.log('info', message.trialId ? 'paused at a batch boundary' : 'paused between trials');
        return;
      case 'resumed':
      case 'trial-start':
        return;
    }
  }

  private recordEpoch(message: Extract<FromWorker, { type: 'epoch' }>): void {
    const { store, settings } = this.options;
    this.crashStreak = 0;
    const trial = store.trial(message.trialId);
    if (!trial || trial.state !== 'running') return;
    const updated = store.recordEpoch(trial.id, { epoch: message.epoch, logs: message.logs, seconds: message.seconds });
    if (this.current?.id === updated.id) this.current = updated;
    this.emit({ type: 'epoch', trial: updated, epoch: message.epoch, epochs: settings.epochs, logs: message.logs, seconds: message.seconds });
  }

  private async ensureWorker(): Promise<void> {
    if (this.worker?.alive && this.workerReady) return this.workerReady;
    const delay = restartDelay(this.crashStreak, this.options.restartBaseMs, this.options.restartMaxMs);
    if (delay > 0) {
      this.setStatus('restarting', `restarting the worker in ${(delay / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.stopping) return;
    }
    const env = { ...process.env, ...this.options.workerEnv, CIFAR_TUI_BACKEND: this.options.backend };
    const worker = new WorkerHandle(
      {
        message: (m) => this.onWorkerMessage(m),
        output: (line, stream) => this.emit({ type: 'log', level: stream === 'stdout' ? 'info' : 'warn', message: line, source: 'worker' }),
        invalid: (raw, error) => this.onInvalidMessage(raw, error),
        exit: (exit) => this.onWorkerExit(worker, exit),
      },
      env,
      this.options.workerEntry,
    );
    this.worker = worker;
    this.workerReady = new Promise<void>((resolve, reject) => {
      this.readySettle = { resolve, reject };
    });
    this.workerReady.catch(() => {});
    worker.start();
    if (this.pausedFlag) worker.send({ type: 'pause' });
    await this.workerReady;
  }

  /** A result the supervisor waits for but cannot read fails that trial, so the search never hangs on it. */
  private onInvalidMessage(raw: unknown, error: string): void {
    const m = raw as { type?: unknown; trialId?: unknown } | null;
    const pending = this.pending;
    if (m?.type !== 'trial-end' || !pending || m.trialId !== pending.trialId) return;
    const params = (this.current?.params ?? {}) as unknown as Record<string, unknown>;
    pending.settle({ kind: 'end', result: failedResult(params, pending.trialId, new Error(`the worker sent an unreadable result: ${error}`)) });
  }

  private onWorkerExit(worker: WorkerHandle, exit: WorkerExit): void {
    if (this.worker !== worker || this.retiring === worker) return;
    this.workerReady = null;
    const trialId = this.pending?.trialId ?? null;
    if (!this.stopping) this.crashStreak++;
    const restartInMs = this.stopping ? null : restartDelay(this.crashStreak, this.options.restartBaseMs, this.options.restartMaxMs);
    this.emit({ type: 'worker-exit', code: exit.code, signal: exit.signal, trialId, restartInMs });
    this.readySettle?.reject(new WorkerStartError(describeExit(exit), true));
    this.pending?.settle({ kind: 'crash', exit });
  }

  private async shutdownWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker?.alive) return;
    this.retiring = worker;
    worker.send({ type: 'shutdown' });
    const exited = worker.exitPromise();
    const timer = setTimeout(() => worker.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
