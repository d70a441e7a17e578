import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../source/backend/index.js';
import { splitSource, trainTrial } from '../../source/train/index.js';
import { readSample } from '../helpers/cifar-sample.js';
import { tinyParams } from '../helpers/tiny.js';

test.before(async () => {
  await initBackend({ backend: 'wasm', threads: 1 });
});

test('on wasm with the project kernels, a small network learns from 500 real images without leaking', async (t) => {
  t.is(tf.getBackend(), 'wasm');
  const before = tf.memory().numTensors;
  const held = splitSource(readSample('test.bin', 200));
  const result = await trainTrial({
    params: tinyParams({ conv_hiddn_units_mult: 0.4, fc_units_1_mult: 0.2, lr_rate_mult: 2, batch_size: 50 }),
    data: { train: splitSource(readSample('train.bin', 500), 2), validation: held, test: held },
    epochs: 3,
    chunkSize: 25,
  });
  t.is(result.status, 'ok', result.err);
  t.is(result.backend, 'wasm');
  const loss = result.history.loss!;
  t.true(loss[2] < loss[0] - 0.1, `training loss ${loss.map((l) => l.toFixed(3)).join(' → ')}`);
  t.is(tf.memory().numTensors, before);
});
