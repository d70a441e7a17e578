/**
 * HTTP(S) download into `<destination>.part`, resumed with a Range request when the server allows it,
 * MD5-checked as it streams, then renamed to `<destination>`: a file at `destination` is always complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataError, diskError, mb } from './errors.js';

export interface DownloadProgress {
  /** Bytes of the file on disk so far, including a resumed part. */
  received: number;
  /** Size of the whole file, when the server says. */
  total: number | null;
  /** Bytes that were already on disk when this download started. */
  resumedFrom: number;
  /** When this download started (ms, performance.now() clock). */
  startedAt: number;
}

export interface DownloadOptions {
  url: string;
  destination: string;
  /** Expected MD5 of the whole file; null skips the check. */
  md5: string | null;
  onProgress?: (progress: DownloadProgress) => void;
  /** Give up when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
  /** Appended to network errors: how to get the file by hand. */
  help?: string;
  /** Wraps the checksum error (the caller knows what the file is). */
  checksumError?: (file: string, actual: string, expected: string, fix: string) => DataError;
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'CERT_HAS_EXPIRED']);

function request(url: string, headers: Record<string, string>, idleTimeoutMs: number, redirects = 5): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const req = client.get(url, { headers: { 'user-agent': 'cifar-tui', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && status !== 304) {
        res.resume();
        if (redirects === 0) return reject(new DataError('http', `${url} redirects too many times.`));
        return resolve(request(new URL(res.headers.location, url).href, headers, idleTimeoutMs, redirects - 1));
      }
      resolve(res);
    });
    req.setTimeout(idleTimeoutMs, () => req.destroy(Object.assign(new Error(`no data for ${idleTimeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

async function sizeOf(file: string): Promise<number> {
  return fs.stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Downloads `url` to `destination`; returns the MD5 of the file. */
export async function downloadFile(options: DownloadOptions): Promise<string> {
  const { url, destination, md5, onProgress, idleTimeoutMs = 30_000, help = '' } = options;
  const part = `${destination}.part`;
  const tail = help ? `\n${help}` : '';
  let resumedFrom = await sizeOf(part);
  let res: http.IncomingMessage;
  try {
    res = await request(url, resumedFrom > 0 ? { range: `bytes=${resumedFrom}-` } : {}, idleTimeoutMs);
  } catch (error) {
    if (error instanceof DataError) throw error;
    const e = error as NodeJS.ErrnoException;
    const why = NETWORK_CODES.has(e.code ?? '') ? ' (no network, or the site is unreachable from here)' : '';
    throw new DataError('network', `Cannot download ${url}: ${e.message}${why}.${tail}`, url);
  }
  const status = res.statusCode ?? 0;
  if (status === 416 && resumedFrom > 0) {
    // The part is as long as (or longer than) the file: start afresh.
    res.resume();
    await fs.rm(part, { force: true });
    return downloadFile(options);
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new DataError('http', `Cannot download ${url}: the server answered ${status} ${res.statusMessage ?? ''}.`.replace(' .', '.') + tail, url);
  }
  const range = /^bytes (\d+)-\d+\/(\d+|\*)/.exec(String(res.headers['content-range'] ?? ''));
  const resumed = status === 206 && range !== null && Number(range[1]) === resumedFrom && resumedFrom > 0;
  if (status === 206 && !resumed) {
    // A partial answer that does not continue our part: start afresh, without a Range request.
    res.resume();
    if (resumedFrom === 0) throw new DataError('http', `Cannot download ${url}: the server sent part of the file (206) without being asked.${tail}`, url);
    await fs.rm(part, { force: true });
    return downloadFile(options);
  }
  if (!resumed) resumedFrom = 0;
  const length = res.headers['content-length'] === undefined ? null : Number(res.headers['content-length']);
  const total = resumed && range?.[2] !== '*' ? Number(range![2]) : length === null ? null : resumedFrom + length;

  const hash = createHash('md5');
  if (resumed) for await (const chunk of createReadStream(part)) hash.update(chunk as Buffer);
  const progress: DownloadProgress = { received: resumedFrom, total, resumedFrom, startedAt: performance.now() };
  onProgress?.({ ...progress });
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      progress.received += chunk.length;
      onProgress?.({ ...progress });
      callback(null, chunk);
    },
  });
  res.setTimeout(idleTimeoutMs, () => res.destroy(Object.assign(new Error(`no data for ${idleTimeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
  try {
    await pipeline(res, tap, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    if (total !== null && progress.received < total) throw new Error('the connection closed early');
  } catch (error) {
    const disk = diskError(error, part, total ?? undefined);
    if (disk) throw disk;
    const of = total === null ? '' : ` of ${mb(total)}`;
    throw new DataError(
      'interrupted',
      `The download of ${url} was interrupted at ${mb(progress.received)}${of} (${(error as Error).message}). ` +
        `The partial file ${part} is kept: run the command again to resume.${tail}`,
      part,
    );
  }
  const actual = hash.digest('hex');
  if (md5 !== null && actual !== md5) {
    await fs.rm(part, { force: true });
    if (resumed) return downloadFile(options); // the earlier part may be stale: one fresh try
    const fix = `The damaged download ${part} was deleted; run the command again. If this repeats, the site serves a different file: download it by hand.${tail}`;
    throw options.checksumError?.(part, actual, md5, fix) ?? new DataError('checksum', `${part} has MD5 ${actual}, expected ${md5}. ${fix}`, part);
  }
  await fs.rename(part, destination);
  return actual;
}
