/** Runs one `train` job: loads the data, trains, and streams progress events. */
import { type FromWorker, type TrainJob, type TrialResultRecord, failedResult } from '../protocol/index.js';
import type { CifarParams } from '../search/index.js';
import { type RunControl, trainTrial, trialData } from '../train/index.js';
import { datasetFor, feederFor } from './data-cache.js';
import { scaleWidths } from './scale.js';

/** Least time between two batch events: a few per second, whatever the training speed. */
const PROGRESS_INTERVAL_MS = 250;

export async function runTrainJob(job: TrainJob, control: RunControl, send: (message: FromWorker) => void): Promise<void> {
  const { settings, trialId } = job;
  const params = job.params as unknown as CifarParams;
  const log = (message: string) => send({ type: 'log', level: 'info', message: `[${trialId}] ${message}` });
  let result: TrialResultRecord;
  try {
    const data = await datasetFor(settings);
    const trained = await trainTrial({
      params: scaleWidths(params, settings.widthScale),
      data: trialData(data, job.seed, feederFor(data)),
      dataset: settings.dataset,
      epochs: settings.epochs,
      seed: job.seed,
      runId: trialId,
      control,
      progressIntervalMs: PROGRESS_INTERVAL_MS,
      log,
      onStart: ({ paramsCount }) => send({ type: 'trial-start', trialId, epochs: settings.epochs, trainImages: data.train.count, batchSize: Math.trunc(params.batch_size), paramsCount }),
      onBatch: (p) =>
        send({
          type: 'batch',
          trialId,
          epoch: p.epoch,
          batch: p.batch,
          batches: p.batches,
          logs: { loss: finite(p.loss), fine_outputs_acc: finite(p.fineAcc) },
          imagesPerSecond: finite(p.imagesPerSecond),
        }),
      onEpoch: (r) => {
        const logs: Record<string, number | null> = {};
        for (const [k, v] of Object.entries(r.logs)) logs[k] = finite(v);
        send({ type: 'epoch', trialId, epoch: r.epoch, logs, seconds: r.seconds });
      },
    });
    result = { ...trained, space: { ...params } } as TrialResultRecord;
  } catch (error) {
    // trainTrial never throws; this is the data failing to load.
    const err = error instanceof Error ? error : new Error(String(error));
    result = failedResult({ ...params }, trialId, err);
  }
  send({ type: 'trial-end', trialId, result });
}

function finite(v: number | undefined | null): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
