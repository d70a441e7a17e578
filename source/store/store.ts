/**
 * The experiment store: `db.json` (lowdb, one writer, rewritten atomically after every change)
 * and one result file per finished trial in `results/`. See DESIGN.md "Store schema".
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { TrialResultRecord } from '../protocol/index.js';
import type { HistoryTrial } from '../search/index.js';
import { archiveExperiment } from './archive.js';
import { DbFile } from './db-file.js';
import { StoreError, ioError } from './errors.js';
import { DB_FILE, RESULTS_DIR } from './paths.js';
import { type LockHolder, WriterLock, checkUnlocked, lockHolder } from './lock.js';
import { readResultFile, resultFileName, resultRecord, summarize, writeResultFile } from './result-file.js';
import { type DbData, type EpochRecord, type Experiment, type ExperimentSettings, STORE_VERSION, type StoredTrial } from './schema.js';
import { checkNoOrphans, checkSettings, replaceableByOtherSettings } from './guards.js';
import { settingsOf } from './settings.js';

/** db.json keeps this much of an error message; the result file keeps all of it. */
const ERROR_CHARS = 1000;
/** Epoch progress reaches db.json at most this often (or with the next state change). */
export const EPOCH_WRITE_MS = 2000;

export interface OpenOptions {
  /** Move an existing experiment to `archive/<id>/` and start a new one. */
  newExperiment?: boolean;
  now?: () => Date;
}

function freeze(trial: StoredTrial): StoredTrial {
  Object.freeze(trial.epochs);
  return Object.freeze(trial);
}

function brief(error: string | null | undefined): string | null {
  if (error === null || error === undefined) return null;
  return error.length > ERROR_CHARS ? `${error.slice(0, ERROR_CHARS)}…` : error;
}

export class Store {
  readonly dbPath: string;
  readonly resultsDir: string;
  /** Trials a crashed writer left `running`, turned `interrupted` by this open (oldest first). */
  recovered: StoredTrial[] = [];
  /** Where `newExperiment` moved the previous experiment, or null. */
  archivedTo: string | null = null;
  /** For a read-only open: the live process holding the writer lock, if any. */
  writer: LockHolder | null = null;
  /** Ids handed out or in use. */
  private readonly ids = new Set<string>();
  /** Position of each trial in the list (trials are only ever appended). */
  private readonly positions = new Map<string, number>();
  private pending: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private lastWrite = 0;
  private lazyTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly dir: string,
    private readonly db: Low<DbData>,
    private lock: WriterLock | null,
    private readonly now: () => Date,
  ) {
    this.dbPath = join(dir, DB_FILE);
    this.resultsDir = join(dir, RESULTS_DIR);
    db.data.trials = db.data.trials.map(freeze);
    db.data.trials.forEach((t, i) => {
      this.ids.add(t.id);
      this.positions.set(t.id, i);
    });
  }

  /**
   * Creates the store in `dir`, or resumes the experiment there; takes the writer lock. Refuses
   * (StoreError) a store made with other settings, a corrupt db.json and a store in use.
   */
  static async open(dir: string, settings: ExperimentSettings, options: OpenOptions = {}): Promise<Store> {
    const root = resolve(dir);
    const now = options.now ?? (() => new Date());
    try {
      await mkdir(root, { recursive: true });
    } catch (error) {
      throw ioError(root, 'create', error);
    }
    const lock = await WriterLock.acquire(root);
    try {
      const file = new DbFile(join(root, DB_FILE));
      let data: DbData | null = null;
      let archivedTo: string | null = null;
      if (options.newExperiment) {
        const old = await file.read().catch((error) => {
          if (error instanceof StoreError && error.code === 'corrupt') return null;
          throw error;
        });
        archivedTo = await archiveExperiment(root, old?.experiment.id ?? `previous-${now().toISOString().replace(/[:.]/g, '-')}`);
      } else {
        data = await file.read();
        if (data && replaceableByOtherSettings(data, settings)) data = null;
        if (data) checkSettings(file.path, data, settings);
        else await checkNoOrphans(root);
      }
      const created = data === null;
      const experiment: Experiment = { id: randomBytes(4).toString('hex'), createdAt: now().toISOString(), ...settings };
      const store = new Store(root, new Low<DbData>(file, data ?? { version: STORE_VERSION, experiment, trials: [], runs: [] }), lock, now);
      store.archivedTo = archivedTo;
      store.recover();
      if (created || store.recovered.length > 0) await store.persist();
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Opens an existing store to read (status, best, export, view): no lock, never writes. */
  static async openReadOnly(dir: string): Promise<Store> {
    const root = resolve(dir);
    const file = new DbFile(join(root, DB_FILE));
    const data = await file.read();
    if (data === null) {
      throw new StoreError(
        'missing',
        file.path,
        `there is no store in ${root} (no ${DB_FILE}). Start a search there to create one, or point --store-dir (or CIFAR_TUI_STORE_DIR) at an existing store.`,
      );
    }
    const store = new Store(root, new Low<DbData>(file, data), null, () => new Date());
    store.writer = await lockHolder(root);
    return store;
  }

  /**
   * The checks `open` makes (corrupt, other settings, orphaned files, locked), without taking the
   * lock or writing: so a command can refuse before slow work such as a download.
   */
  static async precheck(dir: string, settings: ExperimentSettings, options: Pick<OpenOptions, 'newExperiment'> = {}): Promise<void> {
    const root = resolve(dir);
    const file = new DbFile(join(root, DB_FILE));
    if (!options.newExperiment) {
      const data = await file.read();
      if (data && !replaceableByOtherSettings(data, settings)) checkSettings(file.path, data, settings);
      else await checkNoOrphans(root);
    }
    await checkUnlocked(root);
  }

  /** The settings of the experiment in `dir`, or null when there is none (a corrupt db.json throws). */
  static async peekSettings(dir: string): Promise<ExperimentSettings | null> {
    const data = await new DbFile(join(resolve(dir), DB_FILE)).read();
    return data && settingsOf(data.experiment);
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  get experiment(): Experiment {
    return this.db.data.experiment;
  }

  /** Every trial, oldest first. Trials are frozen: change them through the methods below. */
  get trials(): readonly StoredTrial[] {
    return this.db.data.trials;
  }

  trial(id: string): StoredTrial | undefined {
    const index = this.positions.get(id);
    return index === undefined ? undefined : this.db.data.trials[index];
  }

  nextNumber(): number {
    const trials = this.db.data.trials;
    return trials.length === 0 ? 0 : trials[trials.length - 1].number + 1;
  }

  /** A fresh five-hex-digit id, unused in this experiment (ids are never handed out twice). */
  newTrialId(): string {
    for (;;) {
      const id = randomBytes(3).toString('hex').slice(0, 5);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  async addTrial(trial: StoredTrial): Promise<void> {
    await this.addTrials([trial]);
  }

  /** Adds trials (numbers must follow the last one) with a single write. */
  async addTrials(trials: readonly StoredTrial[]): Promise<void> {
    this.assertWritable();
    const ids = new Set(this.positions.keys());
    let next = this.nextNumber();
    for (const trial of trials) {
      if (!/^[0-9a-f]{5}$/.test(trial.id)) throw new Error(`trial id must be five hex digits, got '${trial.id}'`);
      if (ids.has(trial.id)) throw new Error(`a trial with id ${trial.id} already exists`);
      if (trial.number < next) throw new Error(`trial number ${trial.number} is not after the last one (${next - 1})`);
      ids.add(trial.id);
      next = trial.number + 1;
    }
    for (const trial of trials) {
      this.ids.add(trial.id);
      this.positions.set(trial.id, this.db.data.trials.length);
      this.db.data.trials.push(freeze({ ...trial, error: brief(trial.error) }));
    }
    await this.persist();
  }

  /** Applies `patch` (not `id` or `number`), writes db.json and returns the new trial object. */
  async updateTrial(id: string, patch: Partial<StoredTrial>): Promise<StoredTrial> {
    this.assertWritable();
    const index = this.indexOf(id);
    const old = this.db.data.trials[index];
    if (old.state === 'ok' || old.state === 'fail') throw new Error(`trial ${id} is finished (${old.state}); finished trials are final`);
    if ((patch.id !== undefined && patch.id !== id) || (patch.number !== undefined && patch.number !== old.number)) {
      throw new Error(`trial ${id}: id and number cannot change`);
    }
    const updated = freeze({ ...old, ...patch, ...('error' in patch ? { error: brief(patch.error) } : {}) });
    this.db.data.trials[index] = updated;
    await this.persist();
    return updated;
  }

  /**
   * Appends a finished epoch to a running trial, in memory at once; db.json gets it within
   * EPOCH_WRITE_MS, or with the next state change or close(). Progress is not a state change:
   * a trial cut short is run again from its start, so a lost epoch record costs nothing.
   */
  recordEpoch(id: string, record: EpochRecord): StoredTrial {
    this.assertWritable();
    const index = this.indexOf(id);
    const old = this.db.data.trials[index];
    if (old.state !== 'running') throw new Error(`trial ${id} is ${old.state}, not running`);
    const updated = freeze({ ...old, epochs: [...old.epochs, record] });
    this.db.data.trials[index] = updated;
    this.lazyTimer ??= setTimeout(
      () => {
        this.lazyTimer = null;
        if (!this.closed) this.persist().catch(() => undefined);
      },
      Math.max(0, this.lastWrite + EPOCH_WRITE_MS - Date.now()),
    ).unref();
    return updated;
  }

  /**
   * Ends a running (or interrupted) trial: writes its result file (ok and failed trials alike:
   * the full record with every epoch, and the error's traceback), then db.json with a summary.
   */
  async finishTrial(id: string, result: TrialResultRecord, state: 'ok' | 'fail', error: string | null = null): Promise<StoredTrial> {
    this.assertWritable();
    const trial = this.db.data.trials[this.indexOf(id)];
    if (trial.state === 'ok' || trial.state === 'fail') throw new Error(`trial ${id} is already finished (${trial.state})`);
    const endedAt = this.now().toISOString();
    const fileName = resultFileName(id, state, result.fine_best_accuracy);
    await this.writeResultFile(fileName, resultRecord(trial, result, state, error, endedAt, this.experiment.id));
    return this.updateTrial(id, { state, endedAt, result: summarize({ ...result, status: state }), error, resultFile: fileName, epochs: [] });
  }

  /** Writes `results/<fileName>` atomically (db.json must not name it before this resolves). */
  async writeResultFile(fileName: string, record: object): Promise<void> {
    this.assertWritable();
    await writeResultFile(this.resultsDir, fileName, record);
  }

  /** The full result record of a finished trial (history included), or null when it has no file. */
  async loadResult(trial: StoredTrial): Promise<TrialResultRecord | null> {
    return trial.resultFile === null ? null : readResultFile(join(this.resultsDir, trial.resultFile));
  }

  /** What the optimiser sees: every trial, oldest first; only ok trials carry a loss. */
  optimizerHistory(): HistoryTrial[] {
    // Kept between calls: only trials that changed since (new objects) are converted again.
    const trials = this.db.data.trials;
    if (this.historyOf.length > trials.length) this.historyOf.length = this.history.length = 0;
    for (let i = 0; i < trials.length; i++) {
      const t = trials[i];
      if (this.historyOf[i] === t) continue;
      this.historyOf[i] = t;
      this.history[i] = { vals: t.vals, loss: t.state === 'ok' ? (t.result?.loss ?? null) : null, state: t.state };
    }
    return this.history.slice();
  }

  private readonly history: HistoryTrial[] = [];
  private readonly historyOf: StoredTrial[] = [];

  /** Writes what is pending, then releases the writer lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.lazyTimer) await this.persist();
      await this.chain;
    } finally {
      this.closed = true;
      await this.lock?.release();
    }
  }

  private recover(): void {
    if (this.readOnly) return;
    const trials = this.db.data.trials;
    trials.forEach((t, i) => {
      if (t.state !== 'running') return;
      trials[i] = freeze({ ...t, state: 'interrupted', error: 'interrupted: cifar-tui stopped while this trial was running' });
      this.recovered.push(trials[i]);
    });
  }

  private indexOf(id: string): number {
    const index = this.positions.get(id);
    if (index === undefined) throw new Error(`no trial with id ${id}`);
    return index;
  }

  private assertWritable(): void {
    if (this.lock === null) throw new Error('this store was opened read-only');
    if (this.closed) throw new Error('this store is closed');
  }

  /**
   * Writes db.json. Writes never overlap: changes made while one is in flight are written
   * together by the next, and every caller's promise resolves once a write holding its change
   * has landed.
   */
  private persist(): Promise<void> {
    if (this.pending) return this.pending;
    const write = this.chain.then(() => {
      this.pending = null;
      if (this.lazyTimer) clearTimeout(this.lazyTimer);
      this.lazyTimer = null;
      this.lastWrite = Date.now();
      return this.db.write();
    });
    this.pending = write;
    this.chain = write.catch(() => undefined);
    return write;
  }
}
