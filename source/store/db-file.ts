/**
 * The lowdb adapter for `store/db.json`: atomic writes with fsync, and a refusal to read
 * anything that is not a valid store.
 *
 * Every write rewrites the file, so its size is what a write costs. To keep a state change
 * cheap with thousands of trials, finished trials are sealed, SEAL_SIZE at a time, into
 * immutable files `trials/NNNNNNNN.json` (named after their first trial number) that db.json
 * lists under `sealed`: db.json then holds the experiment, the unsealed trials (every running or
 * interrupted one, and fewer than SEAL_SIZE finished ones) and that list. A sealed file is
 * written before the db.json that lists it, so a crash in between leaves an unlisted file that
 * is ignored and later overwritten. The adapter hands lowdb (and takes back) all trials merged.
 *
 * db.json has one trial per line; each trial's text is cached by object identity, as trials
 * are immutable objects (the Store replaces a trial to change it).
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { readTextOrNull, writeFileAtomic } from './atomic.js';
import { type Checked, checkDb, checkSealed } from './db-schema.js';
import { StoreError, ioError } from './errors.js';
import type { DbData, StoredTrial } from './schema.js';

export const SEALED_DIR = 'trials';
export const SEAL_SIZE = 500;

export class DbFile implements Adapter<DbData> {
  private readonly cache = new WeakMap<StoredTrial, string>();
  private readonly sealedIds = new Set<string>();
  private sealed: string[] = [];

  constructor(readonly path: string) {}

  get sealedDir(): string {
    return join(dirname(this.path), SEALED_DIR);
  }

  isSealed(id: string): boolean {
    return this.sealedIds.has(id);
  }

  /** All trials (sealed ones first, then by number), or null when db.json does not exist; a `corrupt` or `io` StoreError otherwise. */
  async read(): Promise<DbData | null> {
    const db = await readJson(this.path, checkDb);
    if (db === null) return null;
    const { sealed = [], ...data } = db;
    const older: StoredTrial[] = [];
    for (const name of sealed) {
      const path = join(this.sealedDir, name);
      const trials = await readJson(path, checkSealed);
      if (trials === null) throw corrupt(this.path, `it lists ${SEALED_DIR}/${name}, which does not exist`);
      if (trials[0]?.number !== Number.parseInt(name, 10)) throw corrupt(path, `its first trial should be number ${Number.parseInt(name, 10)}`);
      older.push(...trials);
    }
    this.sealed = sealed;
    for (const t of older) this.sealedIds.add(t.id);
    const trials = [...older, ...data.trials].sort((a, b) => a.number - b.number);
    return { ...data, trials };
  }

  async write(data: DbData): Promise<void> {
    let own = data.trials.filter((t) => !this.sealedIds.has(t.id));
    for (;;) {
      const batch = own.filter((t) => t.state === 'ok' || t.state === 'fail').slice(0, SEAL_SIZE);
      if (batch.length < SEAL_SIZE) break;
      await this.seal(batch);
      own = own.filter((t) => !this.sealedIds.has(t.id));
    }
    try {
      await writeFileAtomic(this.path, this.serialize(data, own));
    } catch (error) {
      throw ioError(this.path, 'write', error);
    }
  }

  private async seal(batch: readonly StoredTrial[]): Promise<void> {
    const name = `${String(batch[0].number).padStart(8, '0')}.json`;
    const path = join(this.sealedDir, name);
    try {
      await mkdir(this.sealedDir, { recursive: true });
      await writeFileAtomic(path, `[\n${batch.map((t) => this.text(t)).join(',\n')}\n]\n`);
    } catch (error) {
      throw ioError(path, 'write', error);
    }
    this.sealed = [...this.sealed, name];
    for (const t of batch) this.sealedIds.add(t.id);
  }

  private serialize(data: DbData, trials: readonly StoredTrial[]): string {
    const head = [`{"version":${data.version},`, `"experiment":${JSON.stringify(data.experiment)},`, `"runs":${JSON.stringify(data.runs)},`, `"sealed":${JSON.stringify(this.sealed)},`, '"trials":['];
    return `${head.join('\n')}\n${trials.map((t) => this.text(t)).join(',\n')}\n]}\n`;
  }

  private text(trial: StoredTrial): string {
    let text = this.cache.get(trial);
    if (text === undefined) {
      text = JSON.stringify(trial);
      this.cache.set(trial, text);
    }
    return text;
  }
}

async function readJson<T>(path: string, check: (value: unknown) => Checked<T>): Promise<T | null> {
  let text: string | null;
  try {
    text = await readTextOrNull(path);
  } catch (error) {
    throw ioError(path, 'read', error);
  }
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `it is not valid JSON (${(error as Error).message})`);
  }
  const checked = check(value);
  if (!checked.ok) throw corrupt(path, checked.problem);
  return checked.value;
}

function corrupt(path: string, problem: string): StoreError {
  return new StoreError(
    'corrupt',
    path,
    `${path} cannot be used: ${problem}. It was left untouched. Restore it from a backup or repair it; ` +
      'or start a new experiment with --new-experiment (moves the store to archive/) or another --store-dir.',
  );
}
