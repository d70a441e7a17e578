/**
 * Data pipeline figures: load time of 50,000 CIFAR-100 records (generated in the official format),
 * and the images per second the batch pipeline can feed to a no-op consumer (target ≥ 20,000/s on the
 * 2-core CI machine). Run: node --import=tsx bench/data-pipeline.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchFeeder, batches, checkFolder, DATASETS, loadCifar } from '../source/data/index.js';
import { writeRelease } from '../test/helpers/cifar-files.js';

const TARGET = 20_000;
const BATCH = 128;
const EPOCHS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cifar-tui-bench-'));
try {
  const folder = writeRelease(dir, 'cifar100', 50_000, 10_000);
  console.log(`Data pipeline, ${os.cpus().length} CPUs, Node ${process.version}; 50,000 train + 10,000 test generated CIFAR-100 records\n`);

  let t = performance.now();
  await checkFolder(folder, DATASETS.cifar100);
  console.log(`check folder (sizes, all labels, names)      ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  const loads: number[] = [];
  let data = await loadCifar({ folder });
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    data = await loadCifar({ folder });
    loads.push(performance.now() - t);
  }
  console.log(`load 60,000 records + 5,000 hold-out (median) ${median(loads).toFixed(0).padStart(6)} ms   (${((60_000 / median(loads)) * 1000).toFixed(0)} records/s)`);
  console.log(`train split: ${data.train.count} images, ${(data.train.images.byteLength / 1e6).toFixed(0)} MB as uint8\n`);

  const rows: [string, number][] = [];
  for (const flip of [false, true]) {
    const rates: number[] = [];
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      t = performance.now();
      let n = 0;
      for (const batch of batches(data.train, { batchSize: BATCH, seed: 1, epoch, flip })) n += batch.size;
      rates.push(n / ((performance.now() - t) / 1000));
    }
    rows.push([`batches() on the calling thread, shuffle${flip ? ' + flip' : ''}`, median(rates)]);
  }
  const feeder = new BatchFeeder(data.train, { depth: 3 });
  const rates: number[] = [];
  for (let epoch = 0; epoch <= EPOCHS; epoch++) {
    t = performance.now();
    let n = 0;
    for await (const batch of feeder.epoch({ batchSize: BATCH, seed: 1, epoch, flip: true })) n += batch.size;
    if (epoch > 0) rates.push(n / ((performance.now() - t) / 1000)); // epoch 0 includes the thread start
  }
  await feeder.close();
  rows.push(['BatchFeeder (worker thread), shuffle + flip', median(rates)]);

  console.log(`images/s fed to a no-op consumer, batch ${BATCH}, median of ${EPOCHS} epochs   target ${TARGET.toLocaleString('en-US')}/s`);
  for (const [name, rate] of rows) {
    console.log(`  ${name.padEnd(50)} ${Math.round(rate).toLocaleString('en-US').padStart(9)}/s   ${(rate / BATCH).toFixed(0).padStart(5)} batches/s   ×${(rate / TARGET).toFixed(1)} the target`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
