/** Data errors: each says what is wrong, names the file, and says what to do. */
import type { DatasetSpec } from './datasets.js';
import { archiveUrl } from './datasets.js';

export type DataErrorCode =
  | 'network'
  | 'http'
  | 'interrupted'
  | 'checksum'
  | 'truncated'
  | 'not-gzip'
  | 'unsafe-path'
  | 'missing'
  | 'size'
  | 'format'
  | 'labels'
  | 'not-found'
  | 'disk';

export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    /** The file or folder the error is about. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

/** How to install the data on a machine that cannot download it. */
export function manualInstallHelp(spec: DatasetSpec, mirror: string, dataDir: string): string {
  return [
    `To install ${spec.title} by hand: on a machine with internet access, download`,
    `  ${archiveUrl(spec, mirror)}   (md5 ${spec.md5})`,
    'copy it to this machine (e.g. with scp), then either',
    `  - put it at ${dataDir}/${spec.archiveName} and run the command again,`,
    `  - or run: cifar-tui data${spec.name === 'cifar10' ? ' --dataset cifar10' : ''} --archive FILE,`,
    `  - or extract it yourself (tar xzf ${spec.archiveName}) and pass --data-dir DIR (the ${spec.folder} folder or the folder that holds it).`,
  ].join('\n');
}

/** Megabytes with one decimal, for messages. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A file-system error while writing the data as a DataError that says what to do, or null when
 * it is not one a user can fix by choosing another place (the caller decides then).
 */
export function diskError(error: unknown, file: string, needBytes?: number): DataError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && DISK_FULL.has(code)) {
    const need = needBytes ? ` (it needs about ${mb(needBytes)})` : '';
    return new DataError('disk', `No space left on the disk while writing ${file}${need}. Free some space, or put the data on another disk with --data-dir DIR.`, file);
  }
  if (code && NOT_WRITABLE.has(code)) {
    return new DataError('disk', `Cannot write ${file} (${code}: no permission, or a read-only file system). Use --data-dir DIR with a folder you can write, or fix the folder's permissions.`, file);
  }
  return null;
}
