/** Crash-safe file writes: a temporary file, fsync, rename over the target, fsync of the folder. */
import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errnoCode } from './errors.js';

async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms and file systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces `path` with `text` so that a reader, or the next start after a crash or power loss,
 * sees either the old or the new file, never a mix. The temporary file is `.<name>.tmp` beside
 * the target (as lowdb's steno names it): callers must not write one path concurrently.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncFolder(dirname(path));
}

/** The file's text, or null when it does not exist. */
export async function readTextOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
}
