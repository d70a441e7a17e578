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
  | 'not-found';

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
