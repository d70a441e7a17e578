/**
 * Time of one state-change write of the store (db.json rewritten atomically with fsync) with
 * 100, 1,000 and 10,000 finished trials in it, and of finishing a trial (its result file plus
 * db.json). The supervisor's overhead target is < 50 ms per trial, all included.
 * Run: node --import=tsx bench/store-write.ts
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialResultRecord } from '../source/protocol/index.js';
import { CIFAR_SPACE_VERSION, type CifarParams, Rng, cifarSpace, samplePoint, spaceHash } from '../source/search/index.js';
import { type ExperimentSettings, SEAL_SIZE, Store, type StoredTrial } from '../source/store/index.js';

const settings: ExperimentSettings = { dataset: 'cifar100', epochs: 100, trainLimit: null, validation: 'holdout', holdout: 5000, widthScale: 1, seed: 0, spaceVersion: CIFAR_SPACE_VERSION, spaceHash: spaceHash(cifarSpace) };
const KEYS = ['loss', 'fine_outputs_loss', 'coarse_outputs_loss', 'fine_outputs_acc', 'coarse_outputs_acc'];

function result(rng: Rng, id: string, epochs: number): TrialResultRecord {
  const acc = 0.3 + 0.4 * rng.random();
  const history: Record<string, number[]> = {};
  for (const k of [...KEYS, ...KEYS.map((k) => `val_${k}`)]) history[k] = Array.from({ length: epochs }, () => rng.random());
  const m = () => rng.random();
  return { loss: -acc, real_loss: m(), fine_best_loss: m(), fine_best_accuracy: acc, fine_end_loss: m(), fine_end_accuracy: acc - 0.01, coarse_best_loss: m(), coarse_best_accuracy: m(), coarse_end_loss: m(), coarse_end_accuracy: m(), model_name: `model_${acc}_${id}`, space: {}, history, status: 'ok', outcome: 'completed', epochs_done: epochs, train_seconds: 3600 * m(), images_per_second: 1000 * m(), params_count: 5_000_000, backend: 'tensorflow-gpu' };
}

function trial(store: Store, rng: Rng, number: number): StoredTrial {
  const point = samplePoint<CifarParams>(cifarSpace, rng);
  const id = store.newTrialId();
  return { id, number, state: 'running', source: 'search', params: point.params, vals: point.vals, seed: number, startedAt: new Date().toISOString(), endedAt: null, epochs: [], result: null, error: null, crashes: 0, resultFile: null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

console.log(`Store writes (median of 9); finished trials are sealed ${SEAL_SIZE} at a time, result files hold the histories`);
console.log('trials   db.json     state change   finish (result file + db.json)   epoch (deferred)');
// The last row: db.json at its largest (499 finished trials not yet sealed, after the 9 below).
for (const n of [100, 1000, 10000, 10000 + SEAL_SIZE - 10]) {
  const dir = await mkdtemp(join(tmpdir(), 'cifar-tui-bench-'));
  try {
    const store = await Store.open(dir, settings);
    const rng = new Rng(n);
    const finished = Array.from({ length: n }, (_, i) => {
      const t = trial(store, rng, i);
      return { ...t, state: 'ok' as const, endedAt: t.startedAt, result: { ...result(rng, t.id, 0), history: undefined, space: undefined } as unknown as StoredTrial['result'], resultFile: `model_x_${t.id}.txt.json` };
    });
    await store.addTrials(finished);
    const change: number[] = [];
    const finish: number[] = [];
    const epoch: number[] = [];
    for (let r = 0; r < 9; r++) {
      const t = trial(store, rng, store.nextNumber());
      let t0 = performance.now();
      await store.addTrial(t);
      change.push(performance.now() - t0);
      t0 = performance.now();
      store.recordEpoch(t.id, { epoch: 0, logs: { val_fine_outputs_acc: 0.5 }, seconds: 1 });
      epoch.push(performance.now() - t0);
      const res = result(rng, t.id, 100);
      t0 = performance.now();
      await store.finishTrial(t.id, res, 'ok');
      finish.push(performance.now() - t0);
    }
    const size = (await stat(store.dbPath)).size; // after the 9 extra trials
    await store.close();
    console.log(`${String(n).padStart(6)}   ${(size / 1e6).toFixed(2).padStart(6)} MB   ${median(change).toFixed(1).padStart(8)} ms   ${median(finish).toFixed(1).padStart(14)} ms                  ${median(epoch).toFixed(2).padStart(6)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
