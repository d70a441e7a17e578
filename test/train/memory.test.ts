import test from 'ava';
import { buildNetwork } from '../../source/model/index.js';
import { CIFAR_BEST_PARAMS } from '../../source/search/cifar-space.js';
import { trainEpoch } from '../../source/train/epoch.js';
import { chunkForBudget, isOutOfMemory, splitBatch } from '../../source/train/memory.js';
import type { Metrics, Trainer } from '../../source/train/step.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';

test.before(useCpuBackend);

/** What the wasm backend throws when its 4 GB heap runs out. */
const wasmTrap = () => Object.assign(new Error('memory access out of bounds'), { name: 'RuntimeError' });

test('out-of-memory errors of wasm, tfjs-node and V8 are recognised', (t) => {
  t.true(isOutOfMemory(wasmTrap()));
  t.true(isOutOfMemory(new Error('OOM when allocating tensor with shape[320,32,32,63]')));
  t.true(isOutOfMemory(new RangeError('Array buffer allocation failed')));
  t.true(isOutOfMemory(new RangeError('Invalid typed array length: 4294967296')));
  t.false(isOutOfMemory(new Error('Kernel Conv2DBackpropFilter not registered for backend wasm')));
});

test('a batch splits into near-equal chunks no larger than the limit', (t) => {
  t.deepEqual(splitBatch(10, 4), [[0, 3], [3, 6], [6, 10]]);
  t.deepEqual(splitBatch(320, 320), [[0, 320]]);
  const parts = splitBatch(445, 100);
  t.is(parts.length, 5);
  t.true(parts.every(([a, b]) => b - a <= 100 && b - a >= 88));
});

test('the best network at batch 320 does not fit the wasm budget in one pass', (t) => {
  const model = buildNetwork(CIFAR_BEST_PARAMS);
  const chunk = chunkForBudget(model, 320, 2.5 * 2 ** 30);
  t.true(chunk < 128 && chunk >= 16, `chunk ${chunk}`);
  t.is(chunkForBudget(model, 320, null), 320);
  model.dispose();
});

test('an out-of-memory pass halves the chunk and retries the batch, and says so', async (t) => {
  const lines: string[] = [];
  const seen: number[] = [];
  const metrics: Metrics = { loss: 1, fineLoss: 1, coarseLoss: 1, fineAcc: 0, coarseAcc: 0 };
  const trainer = {
    async trainBatch(_batch: unknown, chunk: number): Promise<Metrics> {
      seen.push(chunk);
      if (chunk > 40) throw wasmTrap();
      return metrics;
    },
  } as unknown as Trainer;
  const batch = { x: new Float32Array(0), fine: new Uint8Array(100), coarse: null, size: 100 };
  const chunk = { size: 100 };
  const end = await trainEpoch({
    trainer,
    source: { size: 200, batches: () => [batch, batch] },
    batchSize: 100,
    epoch: 0,
    epochs: 1,
    chunk,
    progressIntervalMs: 0,
    log: (l) => lines.push(l),
  });
  t.is(end.stop, null);
  t.deepEqual(seen, [100, 50, 25, 25]);
  t.is(chunk.size, 25);
  t.is(lines.length, 2);
  t.regex(lines[0], /effective batch stays 100/);
});

test('a pass that fails for another reason is not retried', async (t) => {
  const trainer = { trainBatch: async () => Promise.reject(new Error('boom')) } as unknown as Trainer;
  const batch = { x: new Float32Array(0), fine: new Uint8Array(4), coarse: null, size: 4 };
  await t.throwsAsync(
    trainEpoch({ trainer, source: { size: 4, batches: () => [batch] }, batchSize: 4, epoch: 0, epochs: 1, chunk: { size: 4 }, progressIntervalMs: 0, log: () => {} }),
    { message: 'boom' },
  );
});
