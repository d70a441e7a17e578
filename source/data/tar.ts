/**
 * A small streaming tar reader (ustar, GNU long names, pax paths) that extracts regular files and
 * folders into a target folder. It refuses member paths outside the target, skips links and devices,
 * verifies header checksums, and reports an archive that ends early as truncated.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DataError } from './errors.js';

const BLOCK = 512;

interface Header {
  name: string;
  size: number;
  type: string;
}

function text(block: Buffer, start: number, length: number): string {
  const end = block.indexOf(0, start);
  return block.toString('utf8', start, end === -1 || end > start + length ? start + length : end);
}

function number(block: Buffer, start: number, length: number): number {
  if (block[start] & 0x80) {
    // GNU base-256: big-endian with the top bit set.
    let value = block[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits ? parseInt(digits, 8) : 0;
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  return sum === number(block, 148, 8);
}

function paxPath(content: Buffer): string | undefined {
  let at = 0;
  let found: string | undefined;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    if (space === -1) break;
    const length = parseInt(content.toString('utf8', at, space), 10);
    if (!(length > 0)) break;
    const record = content.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    at += length;
  }
  return found;
}

/** The absolute path for a member name inside `target`, or a DataError when it would leave it. */
export function safeMemberPath(target: string, name: string, archive: string): string {
  const parts = name.replace(/\\/g, '/').split('/');
  const unsafe = name.includes('\0') || name.startsWith('/') || /^[a-zA-Z]:/.test(name) || parts.includes('..');
  const resolved = path.resolve(target, ...parts.filter((p) => p !== '' && p !== '.'));
  if (unsafe || (resolved !== target && !resolved.startsWith(target + path.sep))) {
    throw new DataError(
      'unsafe-path',
      `${archive} has a member '${name}' that would be written outside the target folder; extraction refused. ` +
        'This is not the official release (or it was tampered with): download it again from the dataset authors\' site.',
      archive,
    );
  }
  return resolved;
}

/** A Writable that takes the *decompressed* tar bytes and extracts them under `target`. */
export class TarExtractor extends Writable {
  /** Relative paths of the regular files written. */
  readonly files: string[] = [];
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private entry: Header | null = null;
  private remaining = 0;
  private padding = 0;
  private out: fs.FileHandle | null = null;
  private meta: Buffer[] = [];
  private longName: string | undefined;
  private ended = false;

  constructor(
    private readonly target: string,
    private readonly archive: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.consume(chunk).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.ended) return done();
    done(
      new DataError(
        'truncated',
        `${this.archive} is truncated: the archive ends ${this.entry ? `in the middle of '${this.entry.name}'` : 'without its end marker'}. ` +
          'Copy or download it again (an interrupted copy leaves such a file).',
        this.archive,
      ),
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const out = this.out;
    this.out = null;
    (out ? out.close() : Promise.resolve()).then(() => done(error), () => done(error));
  }

  private async consume(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (this.entry === null) {
        const take = Math.min(BLOCK - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + take);
        this.headerFill += take;
        at += take;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          await this.startEntry();
        }
      } else if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        await this.data(chunk.subarray(at, at + take));
        this.remaining -= take;
        at += take;
      } else {
        const take = Math.min(this.padding, chunk.length - at);
        this.padding -= take;
        at += take;
      }
      if (this.entry !== null && this.remaining === 0 && this.padding === 0) await this.endEntry();
    }
  }

  private async startEntry(): Promise<void> {
    const block = this.header;
    if (block.every((b) => b === 0)) {
      this.ended = true; // end-of-archive marker
      return;
    }
    if (!checksumOk(block)) {
      throw new DataError('truncated', `${this.archive} is damaged: a tar header has a wrong checksum. Copy or download it again.`, this.archive);
    }
    const type = String.fromCharCode(block[156] || 0x30);
    const prefix = block.toString('latin1', 257, 262) === 'ustar' ? text(block, 345, 155) : '';
    let name = prefix ? `${prefix}/${text(block, 0, 100)}` : text(block, 0, 100);
    if (this.longName !== undefined && type !== 'L' && type !== 'x') {
      name = this.longName;
      this.longName = undefined;
    }
    const size = number(block, 124, 12);
    this.entry = { name, size, type };
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (type === '0' || type === '7') {
      const file = safeMemberPath(this.target, name, this.archive);
      await fs.mkdir(path.dirname(file), { recursive: true });
      this.out = await fs.open(file, 'w');
      this.files.push(path.relative(this.target, file));
    } else if (type === '5') {
      await fs.mkdir(safeMemberPath(this.target, name, this.archive), { recursive: true });
    }
    // 'L', 'x': collected in data(); 'g', links, devices, fifos: skipped.
  }

  private async data(bytes: Buffer): Promise<void> {
    if (this.out) {
      let at = 0;
      while (at < bytes.length) at += (await this.out.write(bytes, at, bytes.length - at)).bytesWritten;
    } else if (this.entry?.type === 'L' || this.entry?.type === 'x') {
      this.meta.push(Buffer.from(bytes));
    }
  }

  private async endEntry(): Promise<void> {
    const entry = this.entry!;
    this.entry = null;
    if (this.out) {
      await this.out.close();
      this.out = null;
    } else if (entry.type === 'L') {
      this.longName = text(Buffer.concat(this.meta), 0, entry.size);
    } else if (entry.type === 'x') {
      this.longName = paxPath(Buffer.concat(this.meta)) ?? this.longName;
    }
    this.meta = [];
  }
}
