/**
 * Getting the data (parent side, no tfjs): use an extracted folder when there is one, else extract
 * the archive (given, or already in the data root), else download it first. Every path ends with
 * the folder checked.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { checksumError, extractArchive } from './archive.js';
import { DATASETS, type DatasetName, archiveUrl, resolveDataDir, resolveMirror } from './datasets.js';
import { type DownloadProgress, downloadFile } from './download.js';
import { DataError, manualInstallHelp } from './errors.js';
import { type FolderReport, checkFolder, locateFolder } from './folder.js';

export type EnsureEvent =
  | { kind: 'status'; message: string }
  | { kind: 'download'; file: string; progress: DownloadProgress }
  | { kind: 'extract'; file: string; done: number; total: number | null }
  | { kind: 'done'; file: string };

export interface EnsureOptions {
  dataset?: DatasetName;
  /** The --data-dir value: a data root, or an extracted release folder. */
  dataDir?: string;
  /** The --archive value: a release tarball copied by hand. */
  archive?: string;
  /** Download base URL (default $CIFAR_TUI_MIRROR, else the dataset authors' site). */
  mirror?: string;
  /** Expected archive MD5; default the official one (tests inject their own; null skips). */
  md5?: string | null;
  /** Check every record's labels (default true); false checks sizes and names only. */
  checkLabels?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  idleTimeoutMs?: number;
  onEvent?: (event: EnsureEvent) => void;
}

export interface EnsureResult extends FolderReport {
  /** What was done: the folder was there, or extracted from an archive, or downloaded and extracted. */
  action: 'found' | 'extracted' | 'downloaded';
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Makes sure the dataset is on disk and sound; returns where it is and what it holds. */
export async function ensureDataset(options: EnsureOptions = {}): Promise<EnsureResult> {
  const { env = process.env, cwd = process.cwd(), onEvent, checkLabels = true } = options;
  const spec = DATASETS[options.dataset ?? 'cifar100'];
  const dataDir = resolveDataDir(options.dataDir, env, cwd);
  const status = (message: string) => onEvent?.({ kind: 'status', message });

  const given = options.archive ? path.resolve(cwd, options.archive) : null;
  if (given && !(await isFile(given))) throw new DataError('not-found', `${given} does not exist (or is not a file). Check the path given to --archive.`, given);

  if (await isFile(dataDir)) {
    throw new DataError('not-found', `${dataDir} is a file, not a folder. Pass an archive with --archive FILE, and a data folder with --data-dir DIR.`, dataDir);
  }
  const existing = await locateFolder(spec, dataDir);
  if (existing) {
    status(`checking ${existing}`);
    const report = await checkFolder(existing, spec, { labels: checkLabels });
    if (options.archive) report.notices.push(`${existing} already holds ${spec.title}, so ${options.archive} was not extracted. Delete the folder to extract the archive again.`);
    return { ...report, action: 'found' };
  }

  await fs.mkdir(dataDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new DataError('not-found', `Cannot create the data folder ${dataDir} (${error.code}). Pass --data-dir with a writable folder.`, dataDir);
  });
  const md5 = options.md5 === undefined ? spec.md5 : options.md5;
  const archive = given ?? path.join(dataDir, spec.archiveName);
  let action: EnsureResult['action'] = 'extracted';
  if (!given && !(await isFile(archive))) {
    const mirror = resolveMirror(options.mirror, env);
    const url = archiveUrl(spec, mirror);
    status(`downloading ${url} to ${dataDir}`);
    await downloadFile({
      url,
      destination: archive,
      md5,
      idleTimeoutMs: options.idleTimeoutMs,
      help: manualInstallHelp(spec, mirror, dataDir),
      checksumError: (file, actual, expected, fix) => checksumError(file, actual, expected, spec, fix),
      onProgress: (progress) => onEvent?.({ kind: 'download', file: spec.archiveName, progress }),
    });
    onEvent?.({ kind: 'done', file: spec.archiveName });
    action = 'downloaded';
  }
  status(`verifying and extracting ${archive}`);
  const report = await extractArchive({
    archive,
    spec,
    dataDir,
    md5,
    checksumFix: given ? 'Copy it again, or download it again.' : `Delete it so that it is downloaded afresh, or copy it again.`,
    onProgress: (done, total) => onEvent?.({ kind: 'extract', file: path.basename(archive), done, total }),
  });
  onEvent?.({ kind: 'done', file: path.basename(archive) });
  return { ...report, action };
}
