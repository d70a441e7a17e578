/**
 * The writer lock `store.lock`: one process at a time may write a store. The file names the
 * holder (pid, host, start time); a lock whose process is gone is stale and taken over.
 * Read-only opens never take it, they only report who holds it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readTextOrNull } from './atomic.js';
import { StoreError, errnoCode, ioError } from './errors.js';

export const LOCK_FILE = 'store.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Lock files held by this process, so a second Store in the same process is refused too. */
const heldHere = new Set<string>();

function parseHolder(text: string | null): LockHolder | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') return { pid: value.pid, host: value.host, startedAt: String(value.startedAt ?? '?') };
  } catch {
    // An unreadable lock file cannot name a live holder: treated as stale.
  }
  return null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === 'EPERM';
  }
}

/** Whether the holder may still be writing. Another host's process cannot be checked, so it counts as alive. */
function holderAlive(path: string, holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return heldHere.has(path);
  return processAlive(holder.pid);
}

/** Throws the `locked` error if a live process holds the store's writer lock. */
export async function checkUnlocked(dir: string): Promise<void> {
  const holder = await lockHolder(dir);
  if (holder) throw lockedError(join(dir, LOCK_FILE), holder);
}

/** The live holder of the store's writer lock, if any. */
export async function lockHolder(dir: string): Promise<LockHolder | null> {
  const path = join(dir, LOCK_FILE);
  const holder = parseHolder(await readTextOrNull(path).catch(() => null));
  return holder && holderAlive(path, holder) ? holder : null;
}

export class WriterLock {
  private readonly onExit = () => this.releaseSync();
  private released = false;

  private constructor(readonly path: string) {
    heldHere.add(path);
    process.on('exit', this.onExit);
  }

  /** Takes the lock of `dir` (which must exist), or throws a `locked` StoreError naming the holder. */
  static async acquire(dir: string): Promise<WriterLock> {
    const path = join(dir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    // Written in full under another name, then linked: the lock never exists half-written.
    const temp = join(dir, `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      await writeFile(temp, `${JSON.stringify(holder)}\n`);
    } catch (error) {
      throw ioError(temp, 'write', error);
    }
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(temp, path);
          return new WriterLock(path);
        } catch (error) {
          if (errnoCode(error) !== 'EEXIST') throw ioError(path, 'create', error);
        }
        const current = parseHolder(await readTextOrNull(path));
        if (attempt > 0 || (current && holderAlive(path, current))) throw lockedError(path, current);
        await unlink(path).catch(() => undefined);
      }
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    heldHere.delete(this.path);
    const current = parseHolder(await readTextOrNull(this.path).catch(() => null));
    if (current?.pid === process.pid && current.host === hostname()) await unlink(this.path).catch(() => undefined);
  }

  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    try {
      // Synchronous: this runs in the process 'exit' handler.
      const current = parseHolder(readFileSync(this.path, 'utf8'));
      if (current?.pid === process.pid) unlinkSync(this.path);
    } catch {
      // Nothing to release.
    }
  }
}

function lockedError(path: string, holder: LockHolder | null): StoreError {
  const who = holder ? `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})` : 'another process';
  return new StoreError(
    'locked',
    path,
    `the store is in use by ${who}: only one search can write a store at a time. ` +
      `Stop that process, or use another --store-dir. If no such process is running, delete ${path}.`,
  );
}
