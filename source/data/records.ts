/**
 * The binary record format (seed-spec §3, §10): CIFAR-100 = [coarse][fine][1024 R][1024 G][1024 B],
 * CIFAR-10 = [label][R][G][B], each plane 32×32 row-major. Sizes, label checks, planar → NHWC.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DataError } from './errors.js';
import { type DatasetSpec, IMAGE_BYTES, otherDataset } from './datasets.js';

const PLANE = 1024;

/** Number of records in a file of `size` bytes; throws when the size is not a whole number of records. */
export function recordCount(spec: DatasetSpec, file: string, size: number): number {
  const name = path.basename(file);
  if (size === 0) throw new DataError('size', `${file} is empty. Delete it and install the data again (copy or extract the ${spec.archiveName} archive).`, file);
  if (size % spec.recordBytes === 0) return size / spec.recordBytes;
  const other = otherDataset(spec);
  if (size % other.recordBytes === 0) {
    throw new DataError(
      'format',
      `${file} holds ${(size / other.recordBytes).toLocaleString('en-US')} records of ${other.recordBytes} bytes, the ${other.title} format, not ${spec.title} ` +
        `(${spec.recordBytes}-byte records). Pass --dataset ${other.name} to use it, or point --data-dir at a ${spec.title} folder.`,
      file,
    );
  }
  throw new DataError(
    'size',
    `${file}: its size (${size.toLocaleString('en-US')} bytes) is not a whole number of ${spec.recordBytes}-byte ${spec.title} records, ` +
      `so ${name} is truncated or not a ${spec.title} file. Copy it again, or delete ${name} and extract ${spec.archiveName} again.`,
    file,
  );
}

/** Validates label bytes as records stream by; remembers each fine class's coarse class across files. */
export class LabelScan {
  readonly coarseOfFine: Int16Array;

  constructor(readonly spec: DatasetSpec) {
    this.coarseOfFine = new Int16Array(spec.fineClasses).fill(-1);
  }

  /** Throws a DataError naming `file` and the record when a label is out of range or inconsistent. */
  check(file: string, records: Uint8Array, count: number, firstIndex: number): void {
    const { spec } = this;
    const stride = spec.recordBytes;
    const hasCoarse = spec.coarseClasses !== null;
    const coarseClasses = spec.coarseClasses ?? 0;
    for (let i = 0; i < count; i++) {
      const at = i * stride;
      const fine = hasCoarse ? records[at + 1] : records[at];
      if (fine >= spec.fineClasses) this.fail(file, firstIndex + i, `${hasCoarse ? 'fine ' : ''}label ${fine} (must be below ${spec.fineClasses})`);
      if (!hasCoarse) continue;
      const coarse = records[at];
      if (coarse >= coarseClasses) this.fail(file, firstIndex + i, `coarse label ${coarse} (must be below ${coarseClasses})`);
      const known = this.coarseOfFine[fine];
      if (known === -1) this.coarseOfFine[fine] = coarse;
      else if (known !== coarse) this.fail(file, firstIndex + i, `fine label ${fine} with coarse label ${coarse}, while earlier records pair fine ${fine} with coarse ${known}`);
    }
  }

  private fail(file: string, index: number, what: string): never {
    throw new DataError(
      'labels',
      `${file}: record ${index} has ${what}, so this is not a ${this.spec.title} file (a ${otherDataset(this.spec).title} file, or damaged data). ` +
        `Check --dataset, or replace the file with the one from the official ${this.spec.archiveName}.`,
      file,
    );
  }
}

/**
 * Copies `count` records into NHWC images and label arrays, starting at record slot `dst`.
 * Pixels stay uint8; scaling happens per batch.
 */
export function decodeRecords(
  spec: DatasetSpec,
  records: Uint8Array,
  count: number,
  out: { images: Uint8Array; fine: Uint8Array; coarse: Uint8Array | null },
  dst: number,
): void {
  const stride = spec.recordBytes;
  const labelBytes = spec.labelBytes;
  const { images, fine, coarse } = out;
  for (let i = 0; i < count; i++) {
    const at = i * stride;
    const n = dst + i;
    if (coarse) {
      coarse[n] = records[at];
      fine[n] = records[at + 1];
    } else {
      fine[n] = records[at];
    }
    const r = at + labelBytes;
    const g = r + PLANE;
    const b = g + PLANE;
    let o = n * IMAGE_BYTES;
    for (let p = 0; p < PLANE; p++) {
      images[o] = records[r + p];
      images[o + 1] = records[g + p];
      images[o + 2] = records[b + p];
      o += 3;
    }
  }
}

/** Reads a record file in chunks of whole records: `onChunk(bytes, count, firstIndex)`. Low memory. */
export async function readRecordChunks(
  spec: DatasetSpec,
  file: string,
  onChunk: (records: Uint8Array, count: number, firstIndex: number) => void,
  chunkRecords = 1024,
): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const total = recordCount(spec, file, (await handle.stat()).size);
    const buffer = new Uint8Array(chunkRecords * spec.recordBytes);
    for (let first = 0; first < total; first += chunkRecords) {
      const count = Math.min(chunkRecords, total - first);
      const want = count * spec.recordBytes;
      let got = 0;
      while (got < want) {
        const { bytesRead } = await handle.read(buffer, got, want - got, first * spec.recordBytes + got);
        if (bytesRead === 0) throw new DataError('size', `${file} became shorter while it was read. Is another program writing it?`, file);
        got += bytesRead;
      }
      onChunk(buffer, count, first);
    }
    return total;
  } finally {
    await handle.close();
  }
}
