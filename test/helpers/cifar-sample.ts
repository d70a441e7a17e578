/** Reads records of the shared CIFAR-100 sample (official binary format) into NHWC bytes. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SAMPLE_DIR = new URL('../../../shared/cifar100-sample/', import.meta.url);
const RECORD = 2 + 3072;

export interface SampleSplit {
  count: number;
  images: Uint8Array;
  fine: Uint8Array;
  coarse: Uint8Array;
}

/** `count` records from `offset` of train.bin or test.bin: planar R, G, B → interleaved NHWC. */
export function readSample(file: 'train.bin' | 'test.bin', count: number, offset = 0): SampleSplit {
  const bytes = readFileSync(fileURLToPath(new URL(file, SAMPLE_DIR)));
  const available = Math.floor(bytes.length / RECORD) - offset;
  const n = Math.min(count, available);
  const out: SampleSplit = { count: n, images: new Uint8Array(n * 3072), fine: new Uint8Array(n), coarse: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const r = (offset + i) * RECORD;
    out.coarse[i] = bytes[r];
    out.fine[i] = bytes[r + 1];
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++) out.images[i * 3072 + p * 3 + c] = bytes[r + 2 + c * 1024 + p];
    }
  }
  return out;
}
