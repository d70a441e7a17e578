/**
 * Real learning, measured: trains the small network of train-setup.ts on the sample's train.bin
 * (10,000 images, 100 per class) and reports the fine accuracy on its test.bin (5,000 images)
 * after every epoch and at the end. Target: at least 10 % (10× chance) within 20 minutes of
 * training on a 2-core machine. Long: run it in the background.
 *   node --import=tsx bench/train-accuracy.ts [--backend wasm] [--epochs 8] [--seed 1]
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadCifar } from '../source/data/index.js';
import { trainTrial, trialData } from '../source/train/index.js';
import { SAMPLE_DIR, SMALL_PARAMS, flag, startBackend } from './train-setup.js';

const backend = flag('backend', 'wasm');
const epochs = Number(flag('epochs', '8'));
const seed = Number(flag('seed', '1'));

const device = await startBackend(backend);
if (!device) process.exit(1);
const data = await loadCifar({ folder: fileURLToPath(SAMPLE_DIR), validation: 'test' });
console.log(
  `Small network on the CIFAR-100 sample: ${data.train.count} train / ${data.test.count} test images, ` +
    `${device}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`,
);
console.log(`settings: ${JSON.stringify({ ...SMALL_PARAMS, epochs, seed })}`);
const started = performance.now();
const result = await trainTrial({
  params: SMALL_PARAMS,
  data: trialData(data, seed),
  epochs,
  seed,
  log: (line) => console.log(`  ${line}`),
  onEpoch: (r) => {
    const minutes = (performance.now() - started) / 60_000;
    console.log(`  after ${minutes.toFixed(1)} min: test fine accuracy ${(r.logs.val_fine_outputs_acc! * 100).toFixed(2)} %, ${r.imagesPerSecond.toFixed(0)} img/s`);
  },
});
const minutes = (performance.now() - started) / 60_000;
console.log(`status ${result.status}${result.err ? ` (${result.err})` : ''}; params ${result.params_count}`);
console.log(
  `fine accuracy on test.bin after ${result.epochs_done} epochs: ${((result.fine_end_accuracy ?? 0) * 100).toFixed(2)} % ` +
    `(best epoch ${((result.fine_best_accuracy ?? 0) * 100).toFixed(2)} %), coarse ${((result.coarse_end_accuracy ?? 0) * 100).toFixed(2)} %; ` +
    `${minutes.toFixed(1)} min in all, ${(result.train_seconds / 60).toFixed(1)} min training, ${result.images_per_second?.toFixed(0)} img/s`,
);
