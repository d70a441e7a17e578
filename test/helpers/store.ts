/** Temporary stores, settings and trials for the store tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialResultRecord } from '../../source/protocol/index.js';
import { CIFAR_SPACE_VERSION, type CifarParams, Rng, cifarSpace, samplePoint, spaceHash } from '../../source/search/index.js';
import type { ExperimentSettings, Store, StoredTrial } from '../../source/store/index.js';

export const SEED_RESULTS = new URL('../../../shared/seed-results/', import.meta.url);

export function testSettings(overrides: Partial<ExperimentSettings> = {}): ExperimentSettings {
  return { dataset: 'cifar100', epochs: 2, trainLimit: 500, validation: 'holdout', holdout: 100, widthScale: 0.25, seed: 7, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace), ...overrides };
}

/** A fresh folder under the OS temp dir, removed by `cleanup`. */
export async function tempDir(prefix = 'cifar-tui-store-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A running trial at a point drawn from the prior. */
export function runningTrial(store: Store, rng: Rng, startedAt = '2025-01-01T00:00:00.000Z'): StoredTrial {
  const point = samplePoint<CifarParams>(cifarSpace, rng);
  return { id: store.newTrialId(), number: store.nextNumber(), state: 'running', source: 'search', params: point.params, vals: point.vals, seed: rng.integer(0, 1000), startedAt, endedAt: null, epochs: [], result: null, error: null, crashes: 0, resultFile: null };
}

const SERIES = ['loss', 'fine_outputs_loss', 'coarse_outputs_loss', 'fine_outputs_acc', 'coarse_outputs_acc'].flatMap((k) => [k, `val_${k}`]);

/** A worker's result record with `epochs` epochs of made-up history. */
export function workerResult(rng: Rng, id: string, epochs = 2, extra: Partial<TrialResultRecord> = {}): TrialResultRecord {
  const history = Object.fromEntries(SERIES.map((k) => [k, Array.from({ length: epochs }, () => rng.random())]));
  const best = Math.max(...history.val_fine_outputs_acc);
  return {
    loss: -best,
    real_loss: 3,
    fine_best_loss: 2,
    fine_best_accuracy: best,
    fine_end_loss: 2.1,
    fine_end_accuracy: history.val_fine_outputs_acc[epochs - 1],
    coarse_best_loss: 1.5,
    coarse_best_accuracy: 0.4,
    coarse_end_loss: 1.6,
    coarse_end_accuracy: 0.39,
    model_name: `model_${best}_${id}`,
    space: {},
    history,
    status: 'ok',
    outcome: 'completed',
    epochs_done: epochs,
    train_seconds: 12.5,
    backend: 'cpu',
    ...extra,
  };
}

export { Rng };
