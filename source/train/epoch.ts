/**
 * One pass over the training split: pause and cancel at batch boundaries, throttled progress,
 * the non-finite-loss guard, and a smaller chunk when a pass runs out of memory.
 */
import type { TrialControl } from './control.js';
import type { BatchSource } from './dataset.js';
import { EpochMeans } from './history.js';
import { isOutOfMemory } from './memory.js';
import type { Metrics, Trainer } from './step.js';

export interface BatchProgress {
  /** From 0. */
  epoch: number;
  epochs: number;
  /** From 0, within the epoch. */
  batch: number;
  batches: number;
  /** Images trained so far in this epoch. */
  images: number;
  /** Running means over the epoch so far. */
  loss: number;
  fineAcc: number;
  imagesPerSecond: number;
}

export interface EpochContext {
  trainer: Trainer;
  source: BatchSource;
  batchSize: number;
  epoch: number;
  epochs: number;
  /** Examples per pass; lowered in place when a pass runs out of memory. */
  chunk: { size: number };
  control?: TrialControl;
  onBatch?: (p: BatchProgress) => void;
  progressIntervalMs: number;
  log: (line: string) => void;
}

export type EpochEnd =
  | { stop: null; metrics: Metrics; images: number; trainSeconds: number }
  | { stop: 'cancelled'; trainSeconds: number }
  | { stop: 'diverged'; reason: string; trainSeconds: number };

/** Lets timers and IPC messages run between batches (tensor reads on cpu resolve as microtasks). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function trainWithRetry(ctx: EpochContext, batch: Parameters<Trainer['trainBatch']>[0]): Promise<Metrics> {
  for (;;) {
    try {
      return await ctx.trainer.trainBatch(batch, ctx.chunk.size);
    } catch (err) {
      if (!isOutOfMemory(err) || ctx.chunk.size <= 1) throw err;
      ctx.chunk.size = Math.ceil(ctx.chunk.size / 2);
      ctx.log(
        `out of memory at ${ctx.chunk.size * 2} images per pass; retrying with ${ctx.chunk.size} ` +
          `(gradients accumulated, effective batch stays ${ctx.batchSize})`,
      );
    }
  }
}

export async function trainEpoch(ctx: EpochContext): Promise<EpochEnd> {
  const means = new EpochMeans();
  const batches = Math.ceil(ctx.source.size / ctx.batchSize);
  let trainMs = 0;
  let lastReport = -Infinity;
  let index = 0;
  for await (const batch of ctx.source.batches(ctx.batchSize, ctx.epoch)) {
    await turn();
    if (ctx.control?.paused && !ctx.control.cancelled) {
      ctx.log(`paused before batch ${index + 1}/${batches} of epoch ${ctx.epoch + 1}`);
      await ctx.control.waitWhilePaused();
      if (!ctx.control.cancelled) ctx.log('resumed');
    }
    if (ctx.control?.cancelled) return { stop: 'cancelled', trainSeconds: trainMs / 1000 };

    const t0 = performance.now();
    const m = await trainWithRetry(ctx, batch);
    trainMs += performance.now() - t0;
    if (!Number.isFinite(m.loss)) {
      const reason = `loss became ${m.loss} at epoch ${ctx.epoch + 1}, batch ${index + 1}`;
      return { stop: 'diverged', reason, trainSeconds: trainMs / 1000 };
    }
    means.add(m, batch.size);

    const now = performance.now();
    if (ctx.onBatch && (now - lastReport >= ctx.progressIntervalMs || index === batches - 1)) {
      lastReport = now;
      const mean = means.mean();
      ctx.onBatch({
        epoch: ctx.epoch,
        epochs: ctx.epochs,
        batch: index,
        batches,
        images: means.count,
        loss: mean.loss,
        fineAcc: mean.fineAcc,
        imagesPerSecond: means.count / Math.max(trainMs / 1000, 1e-9),
      });
    }
    index++;
  }
  if (means.count === 0) throw new Error('the training split produced no batches');
  return { stop: null, metrics: means.mean(), images: means.count, trainSeconds: trainMs / 1000 };
}
