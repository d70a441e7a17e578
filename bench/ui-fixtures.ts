/**
 * Shared by the UI benchmarks: N synthetic finished trials (points from the prior, accuracies
 * with some structure), one running trial, a terminal-like stream that discards output, and a
 * keyboard that types what `write` is given.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { type CifarParams, Rng, cifarSpace, samplePoint } from '../source/search/index.js';
import type { StoredTrial } from '../source/store/schema.js';

export function syntheticTrials(n: number, epochs = 100, seed = 1): StoredTrial[] {
  const rng = new Rng(seed);
  const trials: StoredTrial[] = [];
  for (let i = 0; i < n; i++) {
    const point = samplePoint<CifarParams>(cifarSpace, rng);
    const p = point.params;
    const acc = Math.max(0.01, Math.min(0.7, 0.55 - 0.2 * Math.abs(Math.log(p.lr_rate_mult)) + (p.optimizer === 'Nadam' ? 0.05 : 0) + (p.use_BN ? 0.04 : 0) + 0.03 * rng.normal()));
    const ok = rng.random() > 0.04;
    trials.push({
      id: i.toString(16).padStart(5, '0'),
      number: i,
      state: ok ? 'ok' : 'fail',
      source: 'search',
      params: p,
      vals: point.vals,
      seed: i,
      startedAt: new Date(Date.UTC(2026, 0, 1) + i * 600_000).toISOString(),
      endedAt: new Date(Date.UTC(2026, 0, 1) + i * 600_000 + 540_000).toISOString(),
      epochs: [],
      result: {
        loss: ok ? -acc : null,
        real_loss: 1.5,
        fine_best_loss: 1.4,
        fine_best_accuracy: acc,
        fine_end_loss: 1.5,
        fine_end_accuracy: acc - 0.01,
        coarse_best_loss: 1,
        coarse_best_accuracy: acc + 0.1,
        coarse_end_loss: 1,
        coarse_end_accuracy: acc + 0.09,
        model_name: `model_${acc}_${i}`,
        status: ok ? 'ok' : 'fail',
        epochs_done: epochs,
        train_seconds: 540,
      },
      error: null,
      crashes: 0,
      resultFile: null,
    });
  }
  return trials;
}

export function runningTrial(number: number, epochsDone: number): StoredTrial {
  const t = syntheticTrials(1, 100, 999)[0]!;
  return {
    ...t,
    id: 'fffff',
    number,
    state: 'running',
    endedAt: null,
    result: null,
    epochs: Array.from({ length: epochsDone }, (_, e) => ({
      epoch: e,
      logs: { loss: 4 - e * 0.03, fine_outputs_acc: 0.1 + e * 0.005, val_loss: 4.1 - e * 0.028, val_fine_outputs_acc: 0.09 + e * 0.005, val_coarse_outputs_acc: 0.2 + e * 0.005 },
      seconds: 30,
    })),
  };
}

/** A terminal that throws its output away (counts the bytes). */
export class NullTerminal extends Writable {
  isTTY = true;
  bytes = 0;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    this.emit('frame');
    done();
  }
}

/** A TTY stdin for Ink: `write(keys)` makes them readable once. */
export class Keys extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(d: string) {
    this.data = d;
    this.emit('readable');
  }
  read() {
    const d = this.data;
    this.data = null;
    return d;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}
