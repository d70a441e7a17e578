/**
 * One training run of the search (seed-spec §3): build, train for the configured epochs with
 * validation after each, test once at the end, and return the result record. It never
 * throws: a diverged, cancelled or failed run is a result with status 'fail'.
 */
import { randomBytes } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { buildModel, disposeModel } from '../model/model.js';
import { type DatasetName, headSizes } from '../model/network.js';
import type { CifarParams } from '../search/cifar-space.js';
import type { TrialControl } from './control.js';
import type { TrialData } from './dataset.js';
import { type BatchProgress, trainEpoch } from './epoch.js';
import { type EpochLogs, appendEpoch, emptyHistory, epochLogs } from './history.js';
import { chunkForBudget, defaultMemoryBudget } from './memory.js';
import { type Outcome, type TrialResult, finiteJson, modelName, summaryFields } from './result.js';
import { type Metrics, Trainer } from './step.js';

export const DEFAULT_EPOCHS = 100;

export interface EpochReport {
  /** From 0. */
  epoch: number;
  epochs: number;
  logs: EpochLogs;
  seconds: number;
  imagesPerSecond: number;
  /** The model being trained (e.g. to checkpoint it); do not dispose it. */
  model: tf.LayersModel;
}

export interface TrialOptions {
  params: CifarParams;
  data: TrialData;
  dataset?: DatasetName;
  /** Default 100, as the reference. */
  epochs?: number;
  /** Seeds the weights, dropout and flips; the data's shuffle has its own. Default 0. */
  seed?: number;
  /** Most images per forward/backward pass; default: what the backend's memory budget allows. */
  chunkSize?: number;
  /** Activation memory a pass may use (bytes); default per backend, null: no limit. */
  memoryBudgetBytes?: number | null;
  /** Default: twice the chunk, at most 500. */
  evalBatchSize?: number;
  /** The 5 hex characters that end `model_name`; default random. */
  runId?: string;
  /** Least time between two `onBatch` calls; the first and last batch of an epoch always report. Default 250. */
  progressIntervalMs?: number;
  /** Once the model is built: its size and how the batch will be split. */
  onStart?: (info: { paramsCount: number; chunkSize: number }) => void;
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (report: EpochReport) => void | Promise<void>;
  control?: TrialControl;
  log?: (line: string) => void;
}

export async function trainTrial(options: TrialOptions): Promise<TrialResult> {
  const { params, data } = options;
  const dataset = options.dataset ?? 'cifar100';
  const epochs = options.epochs ?? DEFAULT_EPOCHS;
  const seed = options.seed ?? 0;
  const batchSize = Math.trunc(params.batch_size);
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const [fine, coarse] = headSizes(dataset);
  const history = emptyHistory(coarse === null);
  const epochSeconds: number[] = [];
  let trainSeconds = 0;
  let imagesTrained = 0;
  let outcome: Outcome = 'completed';
  let failure: { err: string; traceback?: string } | null = null;
  let end: Metrics | null = null;
  let chunk: { size: number } | null = null;
  let paramsCount: number | null = null;
  let model: tf.LayersModel | null = null;

  try {
    if (!(batchSize >= 1)) throw new RangeError(`batch_size must be at least 1, got ${params.batch_size}`);
    model = buildModel(params, { dataset, seed });
    paramsCount = model.countParams();
    const trainer = new Trainer(model, model.optimizer, { fine, coarse, coarseWeight: params.coarse_labels_weight });
    const budget = options.memoryBudgetBytes === undefined ? defaultMemoryBudget(tf.getBackend()) : options.memoryBudgetBytes;
    chunk = { size: options.chunkSize ?? chunkForBudget(model, batchSize, budget) };
    if (chunk.size < batchSize) {
      log(`batch ${batchSize} is trained in chunks of at most ${chunk.size} images (gradients accumulated; effective batch stays ${batchSize})`);
    }
    options.onStart?.({ paramsCount, chunkSize: chunk.size });
    const evalBatch = () => options.evalBatchSize ?? Math.min(2 * chunk!.size, 500);

    for (let epoch = 0; epoch < epochs; epoch++) {
      const t0 = performance.now();
      const r = await trainEpoch({
        trainer,
        source: data.train,
        batchSize,
        epoch,
        epochs,
        chunk,
        control: options.control,
        onBatch: options.onBatch,
        progressIntervalMs: options.progressIntervalMs ?? 250,
        log,
      });
      trainSeconds += r.trainSeconds;
      if (r.stop === 'cancelled') {
        outcome = 'cancelled';
        failure = { err: `cancelled during epoch ${epoch + 1}` };
        break;
      }
      if (r.stop === 'diverged') {
        outcome = 'diverged';
        failure = { err: `diverged: ${r.reason}` };
        break;
      }
      imagesTrained += r.images;
      const validation = await trainer.evaluate(data.validation, evalBatch());
      if (!Number.isFinite(validation.loss)) {
        outcome = 'diverged';
        failure = { err: `diverged: validation loss became ${validation.loss} after epoch ${epoch + 1}` };
        break;
      }
      const logs = epochLogs(r.metrics, validation);
      appendEpoch(history, logs);
      const seconds = (performance.now() - t0) / 1000;
      epochSeconds.push(seconds);
      log(`epoch ${epoch + 1}/${epochs}: ${describe(logs)} (${seconds.toFixed(1)} s)`);
      await options.onEpoch?.({ epoch, epochs, logs, seconds, imagesPerSecond: r.images / r.trainSeconds, model });
    }
    if (outcome === 'completed' && data.test) end = await trainer.evaluate(data.test, evalBatch());
  } catch (err) {
    outcome = 'error';
    failure = {
      err: err instanceof Error ? err.message : String(err),
      traceback: err instanceof Error ? err.stack : undefined,
    };
  } finally {
    if (model) disposeModel(model);
  }
  if (failure) log(`trial failed: ${failure.err}`);

  const summary = summaryFields(history, end);
  const result: TrialResult = {
    ...summary,
    model_name: modelName(summary.fine_best_accuracy, options.runId ?? randomBytes(3).toString('hex').slice(0, 5)),
    space: { ...params },
    history,
    status: failure ? 'fail' : 'ok',
    ...(failure ?? {}),
    outcome,
    dataset,
    validation: data.validationKind ?? 'holdout',
    seed,
    epochs,
    epochs_done: epochSeconds.length,
    batch_size: batchSize,
    chunk_size: chunk?.size ?? null,
    n_train: data.train.size,
    n_validation: data.validation.size,
    n_test: data.test?.size ?? null,
    params_count: paramsCount,
    backend: tf.getBackend(),
    epoch_seconds: epochSeconds,
    train_seconds: trainSeconds,
    images_per_second: trainSeconds > 0 ? imagesTrained / trainSeconds : null,
    started_at: startedAt.toISOString(),
    ended_at: new Date().toISOString(),
  };
  return finiteJson(result);
}

function describe(logs: EpochLogs): string {
  const f = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4));
  return `loss ${f(logs.loss)}, fine acc ${f(logs.fine_outputs_acc)}, val loss ${f(logs.val_loss)}, val fine acc ${f(logs.val_fine_outputs_acc)}`;
}
