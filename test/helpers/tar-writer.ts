/** A tiny tar (ustar) writer for tests: regular files, folders, links, GNU long names; gzip optional. */
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data?: Uint8Array | string;
  /** '0' file (default), '5' folder, '2' symbolic link. */
  type?: '0' | '5' | '2';
  linkname?: string;
}

function header(name: string, size: number, type: string, linkname = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('14000000000\0', 136, 'latin1');
  block.fill(0x20, 148, 156);
  block.write(type, 156, 'latin1');
  block.write(linkname, 157, 'utf8');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const pad = (512 - (data.length % 512)) % 512;
  return [data, Buffer.alloc(pad)];
}

/** The tar bytes; `end: false` leaves out the end-of-archive marker. */
export function tar(entries: TarEntry[], { end = true } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? '0';
    const data = type === '0' ? Buffer.from(entry.data ?? '') : Buffer.alloc(0);
    if (Buffer.byteLength(entry.name) > 100) {
      const long = Buffer.from(`${entry.name}\0`);
      parts.push(header('././@LongLink', long.length, 'L'), ...padded(long));
    }
    parts.push(header(entry.name, data.length, type, entry.linkname), ...padded(data));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function tarGz(entries: TarEntry[], options?: { end?: boolean }): Buffer {
  return gzipSync(tar(entries, options), { level: 1 });
}
