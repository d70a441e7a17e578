/**
 * Verifying and extracting a release archive in one pass: read → MD5 → gunzip → tar, into a hidden
 * temporary folder beside the destination, checked, then renamed into place. An interrupted or failed
 * extraction never leaves a folder that looks complete.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DATASETS, type DatasetSpec, otherDataset } from './datasets.js';
import { DataError, diskError } from './errors.js';
import { type FolderReport, checkFolder, locateFolder } from './folder.js';
import { TarExtractor } from './tar.js';

export type ByteProgress = (done: number, total: number | null) => void;

/** Says which known file an MD5 belongs to, for the checksum error. */
function knownArchive(md5: string): string | null {
  for (const spec of Object.values(DATASETS)) {
    if (md5 === spec.md5) return `the ${spec.title} binary release (${spec.archiveName}); pass --dataset ${spec.name} to use it`;
    if (md5 === spec.pythonMd5) return `the ${spec.title} *Python* release; cifar-tui needs the binary release, ${spec.archiveName}`;
  }
  return null;
}

export function checksumError(file: string, actual: string, expected: string, spec: DatasetSpec, fix: string): DataError {
  const known = knownArchive(actual);
  return new DataError(
    'checksum',
    `${file} has MD5 ${actual}, but the official ${spec.archiveName} has ${expected}: ` +
      (known ? `this file is ${known}.` : `the file is damaged, truncated or not the official release. ${fix}`),
    file,
  );
}

function zlibError(error: NodeJS.ErrnoException, archive: string): DataError {
  if (error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message)) {
    return new DataError('truncated', `${archive} is truncated (the compressed data ends early). Copy or download it again.`, archive);
  }
  if (/incorrect header check|not in gzip format/i.test(error.message)) {
    return new DataError('not-gzip', `${archive} is not a gzip archive. Use the official .tar.gz file (not an extracted or re-packed copy).`, archive);
  }
  return new DataError('truncated', `${archive} is damaged (${error.message}). Copy or download it again.`, archive);
}

/** Removes hidden extraction folders left by processes that no longer run. */
export async function removeStaleTemps(dataDir: string, spec: DatasetSpec): Promise<void> {
  const prefix = `.${spec.folder}.extract-`;
  const names = await fs.readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    let alive = false;
    try {
      alive = Number.isInteger(pid) && pid > 0 && process.kill(pid, 0);
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}

async function findReleaseFolder(tmp: string, spec: DatasetSpec, archive: string): Promise<string> {
  const found = await locateFolder(spec, tmp).catch(() => null);
  if (found) return found;
  const other = otherDataset(spec);
  if (await locateFolder(other, tmp).catch(() => null)) {
    throw new DataError('format', `${archive} holds ${other.title}, not ${spec.title}. Pass --dataset ${other.name} to use it.`, archive);
  }
  throw missingMember(archive, `${spec.folder}/${spec.trainFiles[0]}`, spec);
}

function missingMember(archive: string, member: string, spec: DatasetSpec): DataError {
  return new DataError('missing', `${archive} has no member ${member}: it is not the complete ${spec.title} binary release. Use the official ${spec.archiveName}.`, archive);
}

/** Every file the release needs, present in the extracted folder. */
async function checkMembers(folder: string, tmp: string, spec: DatasetSpec, archive: string): Promise<void> {
  const names = [...spec.trainFiles, ...spec.testFiles, spec.fineNamesFile, ...(spec.coarseNamesFile ? [spec.coarseNamesFile] : [])];
  for (const name of names) {
    const stat = await fs.stat(path.join(folder, name)).catch(() => null);
    if (!stat?.isFile()) throw missingMember(archive, path.relative(tmp, path.join(folder, name)), spec);
  }
}

export interface ExtractOptions {
  archive: string;
  spec: DatasetSpec;
  /** The data root; the release folder ends up at `<dataDir>/<spec.folder>`. */
  dataDir: string;
  /** Expected MD5 (default: the official one); null skips the check. */
  md5?: string | null;
  /** What the checksum error tells the user to do. */
  checksumFix?: string;
  onProgress?: ByteProgress;
}

/** Verifies and extracts `archive`, checks the result, and moves it to `<dataDir>/<spec.folder>`. */
export async function extractArchive({ archive, spec, dataDir, md5 = spec.md5, checksumFix = 'Copy or download it again.', onProgress }: ExtractOptions): Promise<FolderReport> {
  const stat = await fs.stat(archive).catch(() => null);
  if (!stat?.isFile()) throw new DataError('not-found', `${archive} does not exist (or is not a file). Check the path given to --archive.`, archive);
  const tmp = path.join(dataDir, `.${spec.folder}.extract-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await removeStaleTemps(dataDir, spec);
    await fs.mkdir(tmp);
  } catch (error) {
    throw diskError(error, tmp) ?? error;
  }
  try {
    const hash = createHash('md5');
    let done = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        done += chunk.length;
        onProgress?.(done, stat.size);
        callback(null, chunk);
      },
    });
    const extractor = new TarExtractor(tmp, archive);
    try {
      await pipeline(createReadStream(archive), tap, createGunzip(), extractor);
    } catch (error) {
      if (error instanceof DataError) throw error;
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_') || /gzip|header check|unexpected end/i.test((error as Error).message)) {
        throw zlibError(error as NodeJS.ErrnoException, archive);
      }
      throw diskError(error, tmp, (spec.officialTrain + spec.officialTest) * spec.recordBytes) ?? error;
    }
    const actual = hash.digest('hex');
    if (md5 !== null && actual !== md5) throw checksumError(archive, actual, md5, spec, checksumFix);
    const found = await findReleaseFolder(tmp, spec, archive);
    await checkMembers(found, tmp, spec, archive);
    let report: FolderReport;
    try {
      report = await checkFolder(found, spec);
    } catch (error) {
      if (error instanceof DataError) {
        throw new DataError(error.code, error.message.split(`${tmp}${path.sep}`).join(`${archive} member `).split(tmp).join(archive), archive);
      }
      throw error;
    }
    const destination = path.join(dataDir, spec.folder);
    try {
      await fs.rename(found, destination);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw diskError(error, destination) ?? error;
      // Another process finished first; use its folder if it is sound.
      return await checkFolder(destination, spec, { labels: false });
    }
    return { ...report, folder: destination, notices: report.notices.map((n) => n.split(found).join(destination)) };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
