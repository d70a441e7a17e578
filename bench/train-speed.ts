/**
 * Training throughput: images per second of one optimiser step of the reference's best network
 * (batch 320, in memory-sized chunks with gradient accumulation) and of a small network
 * (batch 64), on each backend that starts. Medians of `--steps` steps after one warm-up step.
 * The cpu backend's convolution gradients are too slow for the best network at batch 320: it
 * gets `--cpu-best-batch` (default 2) images per step instead.
 *   node --import=tsx bench/train-speed.ts [--backends tensorflow-gpu,tensorflow,wasm,cpu] [--steps 3] [--cpu-best-batch 2]
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildModel, disposeModel } from '../source/model/index.js';
import { CIFAR_BEST_PARAMS, type CifarParams } from '../source/search/cifar-space.js';
import { chunkForBudget, defaultMemoryBudget } from '../source/train/memory.js';
import { Trainer } from '../source/train/step.js';
import { SMALL_PARAMS, flag, median, startBackend } from './train-setup.js';

const backends = flag('backends', 'tensorflow-gpu,tensorflow,wasm,cpu').split(',');
const steps = Number(flag('steps', '3'));
const cpuBestBatch = Number(flag('cpu-best-batch', '2'));

function randomBatch(n: number) {
  let s = 1;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  return {
    x: Float32Array.from({ length: n * 3072 }, () => next() - 0.5),
    fine: Uint8Array.from({ length: n }, () => Math.floor(next() * 100)),
    coarse: Uint8Array.from({ length: n }, () => Math.floor(next() * 20)),
    size: n,
  };
}

async function measure(name: string, params: CifarParams, batchSize: number): Promise<void> {
  const model = buildModel(params);
  const chunk = chunkForBudget(model, batchSize, defaultMemoryBudget(tf.getBackend()));
  const trainer = new Trainer(model, model.optimizer, { fine: 100, coarse: 20, coarseWeight: params.coarse_labels_weight });
  const batch = randomBatch(batchSize);
  try {
    let t = performance.now();
    await trainer.trainBatch(batch, chunk);
    const warm = performance.now() - t;
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      t = performance.now();
      await trainer.trainBatch(batch, chunk);
      times.push(performance.now() - t);
    }
    const ms = median(times);
    console.log(
      `  ${tf.getBackend().padEnd(10)} ${name.padEnd(6)} ${String(model.countParams()).padStart(9)} ` +
        `${String(batchSize).padStart(5)} ${String(chunk).padStart(5)} ${warm.toFixed(0).padStart(9)} ` +
        `${ms.toFixed(0).padStart(9)} ${((batchSize / ms) * 1000).toPrecision(3).padStart(8)}   [${times.map((x) => x.toFixed(0)).join(', ')}]`,
    );
  } catch (err) {
    console.log(`  ${tf.getBackend().padEnd(10)} ${name.padEnd(6)} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    disposeModel(model);
  }
}

console.log(`Training step throughput, ${os.cpus().length} CPUs, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`  backend    net       params batch chunk   warm ms   step ms    img/s   [steps ms]`);
for (const backend of backends) {
  const started = await startBackend(backend);
  if (!started) continue;
  console.log(`  ${started}`);
  await measure('small', SMALL_PARAMS, SMALL_PARAMS.batch_size);
  await measure('best', CIFAR_BEST_PARAMS, backend === 'cpu' ? cpuBestBatch : CIFAR_BEST_PARAMS.batch_size);
}
