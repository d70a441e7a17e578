/** Keeps the loaded dataset between trials: every trial of a search uses the same splits. */
import { BatchFeeder, type CifarData, loadCifar } from '../data/index.js';
import type { TrainSettings } from '../protocol/index.js';

let cached: { key: string; data: Promise<CifarData> } | null = null;
let feeder: { data: CifarData; feeder: BatchFeeder } | null = null;

/** A batch thread over `data.train`, kept while the dataset is (one thread per worker). */
export function feederFor(data: CifarData): BatchFeeder {
  if (feeder?.data !== data) {
    void feeder?.feeder.close();
    feeder = { data, feeder: new BatchFeeder(data.train) };
  }
  return feeder.feeder;
}

export function datasetFor(settings: TrainSettings): Promise<CifarData> {
  const key = JSON.stringify([settings.dataset, settings.dataDir, settings.validation, settings.holdout, settings.trainLimit, settings.splitSeed]);
  if (cached?.key !== key) {
    const data = loadCifar({
      dataset: settings.dataset,
      dataDir: settings.dataDir,
      validation: settings.validation,
      holdout: settings.holdout,
      trainLimit: settings.trainLimit ?? undefined,
      seed: settings.splitSeed,
    });
    cached = { key, data };
    // A failed load is not cached: the next job tries again.
    data.catch(() => {
      if (cached?.key === key) cached = null;
    });
  }
  return cached.data;
}
