import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { BatchFeeder } from '../../source/data/index.js';
import { type BatchSource, RunControl, type TrialData, prefetchedSource, splitSource, trainTrial } from '../../source/train/index.js';
import { HISTORY_KEYS } from '../../source/train/history.js';
import { modelName } from '../../source/train/result.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';
import { readSample } from '../helpers/cifar-sample.js';
import { tinyParams } from '../helpers/tiny.js';

test.before(useCpuBackend);

/** The first `train` sample training images (`train/100` of every class) and `held` test images. */
function sampleData(train: number, held: number): TrialData {
  const test = splitSource(readSample('test.bin', held));
  return { train: splitSource(readSample('train.bin', train), 1), validation: test, test, validationKind: 'test' };
}

function failingAt(source: BatchSource, at: number, change: (b: { x: Float32Array }) => void): BatchSource {
  return {
    size: source.size,
    *batches(batchSize: number, epoch?: number) {
      let i = 0;
      for (const b of source.batches(batchSize, epoch) as Iterable<{ x: Float32Array; fine: Int32Array; coarse: Int32Array | null; size: number }>) {
        if (i++ === at) change(b);
        yield b;
      }
    },
  };
}

test.serial('a small network learns from real CIFAR-100 images: the loss falls every epoch', async (t) => {
  const epochs: number[] = [];
  const starts: Array<{ paramsCount: number; chunkSize: number }> = [];
  const result = await trainTrial({
    params: tinyParams({ lr_rate_mult: 3, conv_kernel_size: 2 }),
    data: sampleData(200, 100),
    epochs: 3,
    runId: 'f00d1',
    onStart: (info) => starts.push(info),
    onEpoch: (r) => {
      epochs.push(r.epoch);
    },
  });
  t.is(result.status, 'ok', result.err);
  t.deepEqual(epochs, [0, 1, 2]);
  t.deepEqual(starts, [{ paramsCount: result.params_count!, chunkSize: 50 }]);
  const loss = result.history.loss!;
  t.true(loss[1] < loss[0] && loss[2] < loss[1], `training loss ${loss.map((l) => l.toFixed(3)).join(' → ')}`);
  t.true(loss[2] < loss[0] - 0.1);
  t.deepEqual(Object.keys(result.history).sort(), [...HISTORY_KEYS].sort());
  for (const key of HISTORY_KEYS) t.is(result.history[key]!.length, 3, key);
  t.is(result.loss, -Math.max(...result.history.val_fine_outputs_acc!));
  t.is(result.model_name, modelName(result.fine_best_accuracy, 'f00d1'));
  t.is(typeof result.real_loss, 'number');
  t.is(typeof result.fine_end_accuracy, 'number');
  t.is(result.epoch_seconds.length, 3);
  t.true(result.images_per_second! > 0);
  t.is(result.n_train, 200);
  t.deepEqual(JSON.parse(JSON.stringify(result)), result);
});

test.serial('trials repeat exactly under a seed, accumulate gradients when told, and leak no tensors', async (t) => {
  const before = tf.memory().numTensors;
  const data = sampleData(60, 20);
  const params = tinyParams({ batch_size: 30, conv_dropout_drop_proba: 0.2, fc_dropout_drop_proba: 0.3 });
  const a = await trainTrial({ params, data, epochs: 1, seed: 3 });
  const b = await trainTrial({ params, data, epochs: 1, seed: 3 });
  t.deepEqual(a.history, b.history);
  const lines: string[] = [];
  const c = await trainTrial({ params: { ...params, optimizer: 'Nadam' }, data, epochs: 1, chunkSize: 16, log: (l) => lines.push(l) });
  t.is(c.status, 'ok');
  t.is(c.chunk_size, 16);
  t.true(lines.some((l) => /chunks of at most 16 images .*effective batch stays 30/.test(l)));
  const d = await trainTrial({ params: { ...params, optimizer: 'RMSprop' }, data, epochs: 1 });
  t.is(d.status, 'ok');
  t.is(tf.memory().numTensors, before);
});

test.serial('training on batches prefetched by a worker thread (as the worker does) gives exactly the same run', async (t) => {
  const data = sampleData(60, 20);
  const images = readSample('train.bin', 60);
  const feeder = new BatchFeeder(images);
  t.teardown(() => feeder.close());
  const params = tinyParams({ batch_size: 25 });
  const plain = await trainTrial({ params, data, epochs: 2, seed: 4 });
  const prefetched = await trainTrial({ params, data: { ...data, train: prefetchedSource(images, feeder, 1) }, epochs: 2, seed: 4 });
  t.is(plain.status, 'ok');
  t.deepEqual(prefetched.history, plain.history);
});

test.serial('a run stops at the first non-finite loss and is a failed, valid-JSON result', async (t) => {
  const before = tf.memory().numTensors;
  const data = sampleData(60, 20);
  data.train = failingAt(data.train, 1, (b) => b.x.fill(Number.NaN));
  const result = await trainTrial({ params: tinyParams({ batch_size: 30 }), data, epochs: 2 });
  t.is(result.status, 'fail');
  t.is(result.outcome, 'diverged');
  t.regex(result.err!, /loss became NaN at epoch 1, batch 2/);
  t.is(result.loss, null);
  t.deepEqual(result.history.loss, []);
  const numbers = (v: unknown): number[] => (typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : []);
  t.true(numbers(result).every(Number.isFinite), 'no NaN or infinity anywhere in the record (JSON would turn them into null silently)');
  t.is(tf.memory().numTensors, before);
});

test.serial('an exception becomes a failed result with its message and stack', async (t) => {
  const before = tf.memory().numTensors;
  const data = sampleData(60, 20);
  data.train = failingAt(data.train, 1, () => {
    throw new Error('disk went away');
  });
  const result = await trainTrial({ params: tinyParams({ batch_size: 30 }), data, epochs: 1 });
  t.is(result.status, 'fail');
  t.is(result.outcome, 'error');
  t.is(result.err, 'disk went away');
  t.regex(result.traceback!, /disk went away/);
  t.is(tf.memory().numTensors, before);
});

test.serial('pause holds training at a batch boundary until resume; progress is throttled', async (t) => {
  const control = new RunControl();
  control.pause();
  const progress: Array<{ epoch: number; batch: number; batches: number; images: number }> = [];
  const running = trainTrial({
    params: tinyParams({ batch_size: 20 }),
    data: sampleData(40, 20),
    epochs: 2,
    control,
    progressIntervalMs: 60_000,
    onBatch: (p) => progress.push(p),
  });
  await new Promise((r) => setTimeout(r, 300));
  t.is(progress.length, 0);
  control.resume();
  const result = await running;
  t.is(result.status, 'ok');
  // Within the interval only each epoch's first and last batch report.
  t.deepEqual(
    progress.map((p) => [p.epoch, p.batch, p.batches, p.images]),
    [[0, 0, 2, 20], [0, 1, 2, 40], [1, 0, 2, 20], [1, 1, 2, 40]],
  );
});

test.serial('cancel stops at the next batch boundary with a failed result', async (t) => {
  const control = new RunControl();
  const result = await trainTrial({
    params: tinyParams({ batch_size: 20 }),
    data: sampleData(60, 20),
    epochs: 2,
    control,
    progressIntervalMs: 0,
    onBatch: () => control.cancel(),
  });
  t.is(result.status, 'fail');
  t.is(result.outcome, 'cancelled');
  t.is(result.epochs_done, 0);
});

test.serial('CIFAR-10 trains a single head and reports no coarse values', async (t) => {
  const s = readSample('train.bin', 40);
  const split = { ...s, fine: s.fine.map((f) => f % 10), coarse: null };
  const source = splitSource(split);
  const result = await trainTrial({
    params: tinyParams({ batch_size: 20 }),
    data: { train: source, validation: source, test: source },
    dataset: 'cifar10',
    epochs: 1,
  });
  t.is(result.status, 'ok', result.err);
  t.deepEqual(Object.keys(result.history).sort(), ['fine_outputs_acc', 'fine_outputs_loss', 'loss', 'val_fine_outputs_acc', 'val_fine_outputs_loss', 'val_loss']);
  t.is(result.coarse_best_accuracy, null);
  t.is(result.coarse_end_accuracy, null);
  t.is(typeof result.fine_end_accuracy, 'number');
});
