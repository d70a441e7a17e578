/**
 * What the wasm training kernels of source/backend buy: images per second of one training step
 * on wasm with our kernels (all threads, and 1 thread in a child process), on stock wasm plus
 * only the missing Conv2DBackpropFilter (the least it needs to train), on cpu, and on
 * tfjs-node(-gpu) when installed. Ratios are against stock wasm and cpu measured in the same run.
 * Medians of --reps steps after one warm-up step; the machine is shared, so expect noise.
 *   node --import=tsx bench/backend-kernels.ts [--models small,best] [--reps 5] [--best-stock-reps 1] [--cpu-batch 8]
 * small: the 3-conv network of tfjs-notes §1.4 (Adam, batch 64, trainOnBatch).
 * best:  the reference's best network (source/model), batch 320 through source/train's Trainer
 *        in heap-sized chunks; too slow for cpu (hours per step), so cpu runs only `small`.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend, useStockWasmKernels, useWasmTrainingKernels } from '../source/backend/index.js';
import { silenceCpuGreeting } from '../source/backend/init-backend.js';
import { buildModel, disposeModel } from '../source/model/index.js';
import { CIFAR_BEST_PARAMS } from '../source/search/cifar-space.js';
import { Rng } from '../source/search/rng.js';
import { chunkForBudget, defaultMemoryBudget } from '../source/train/memory.js';
import { Trainer } from '../source/train/step.js';
import { flag, median } from './train-setup.js';

type ModelName = 'small' | 'best';
interface Runner {
  step(): Promise<void>;
  dispose(): void;
}

const models = flag('models', 'small,best').split(',') as ModelName[];
const reps = Number(flag('reps', '5'));
const bestStockReps = Number(flag('best-stock-reps', '1'));
const cpuBatch = Number(flag('cpu-batch', '8'));
const threads = Number(flag('threads', String(os.availableParallelism())));
const child = process.argv.includes('--child');

function smallNet(batch: number): Runner {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([batch, 32, 32, 3], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2) as tf.Tensor1D, 10);
  return {
    step: async () => void (await model.trainOnBatch(x, y)),
    dispose: () => {
      tf.dispose([x, y]);
      model.dispose();
    },
  };
}

function bestNet(batch: number): Runner {
  const model = buildModel(CIFAR_BEST_PARAMS);
  const chunk = chunkForBudget(model, batch, defaultMemoryBudget(tf.getBackend()));
  const trainer = new Trainer(model, model.optimizer, { fine: 100, coarse: 20, coarseWeight: CIFAR_BEST_PARAMS.coarse_labels_weight });
  const rng = new Rng(3);
  const data = {
    x: Float32Array.from({ length: batch * 3072 }, () => rng.uniform(-0.5, 0.5)),
    fine: Uint8Array.from({ length: batch }, () => rng.integer(0, 100)),
    coarse: Uint8Array.from({ length: batch }, () => rng.integer(0, 20)),
    size: batch,
  };
  return { step: async () => void (await trainer.trainBatch(data, chunk)), dispose: () => disposeModel(model) };
}

interface Row {
  model: ModelName;
  config: string;
  batch: number;
  /** Wall-clock ms per step. */
  times: number[];
  /** Process CPU ms per step, all threads: less sensitive to other programs on the machine. */
  cpu: number[];
}

async function measure(model: ModelName, config: string, batch: number, n: number): Promise<Row> {
  const runner = model === 'small' ? smallNet(batch) : bestNet(batch);
  try {
    await runner.step();
    const row: Row = { model, config, batch, times: [], cpu: [] };
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      await runner.step();
      const used = process.cpuUsage(cpu);
      row.times.push(performance.now() - start);
      row.cpu.push((used.user + used.system) / 1000);
    }
    return row;
  } finally {
    runner.dispose();
  }
}

function imagesPerSecond(row: Row): number {
  return (row.batch / median(row.times)) * 1000;
}

/** Our kernels on one thread: the thread count is fixed when wasm starts, so in a new process. */
function oneThreadRows(): Row[] {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--child', '--threads', '1', '--models', models.join(','), '--reps', String(reps)];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('ROW '))
    .map((line) => JSON.parse(line.slice(4)) as Row);
}

const info = await initBackend({ threads });
if (info.tfBackend !== 'wasm') await initBackend({ backend: 'wasm', threads });
silenceCpuGreeting();
const rows: Row[] = [];
const batchOf = (model: ModelName) => (model === 'small' ? 64 : CIFAR_BEST_PARAMS.batch_size);
for (const model of models) {
  await tf.setBackend('wasm');
  useWasmTrainingKernels();
  rows.push(await measure(model, `wasm, our kernels, ${threads} thread${threads === 1 ? '' : 's'}`, batchOf(model), reps));
  if (child) continue;
  useWasmTrainingKernels(['Conv2DBackpropFilter']);
  const stockReps = model === 'best' ? bestStockReps : reps;
  rows.push(await measure(model, 'wasm stock + filter gradient', batchOf(model), stockReps));
  useWasmTrainingKernels();
  if (info.tfBackend === 'tensorflow') {
    await tf.setBackend('tensorflow');
    rows.push(await measure(model, `${info.name} (${info.device})`, batchOf(model), reps));
  }
  if (model === 'small') {
    await tf.setBackend('cpu');
    rows.push(await measure(model, 'cpu', cpuBatch, 2));
  }
}
if (child) {
  for (const row of rows) console.log(`ROW ${JSON.stringify(row)}`);
  process.exit(0);
}
if (threads > 1) rows.push(...oneThreadRows());
useStockWasmKernels();

console.log(`Training step, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
console.log(`start-up choice: ${info.name} on ${info.device}\n`);
console.log('model  batch  configuration                    ms/step  CPU ms   img/s  × stock wasm    × cpu   [ms per step]');
for (const row of rows) {
  const ours = imagesPerSecond(row);
  const ratio = (config: string) => {
    const base = rows.find((r) => r.model === row.model && r.config === config);
    if (!base) return '–';
    const r = ours / imagesPerSecond(base);
    return `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×`;
  };
  console.log(
    `${row.model.padEnd(6)} ${String(row.batch).padStart(5)}  ${row.config.padEnd(31)} ${median(row.times).toFixed(0).padStart(8)} ` +
      `${median(row.cpu).toFixed(0).padStart(7)} ${ours.toFixed(1).padStart(7)} ` +
      `${ratio('wasm stock + filter gradient').padStart(13)} ${ratio('cpu').padStart(8)}   [${row.times.map((t) => t.toFixed(0)).join(', ')}]`,
  );
}
