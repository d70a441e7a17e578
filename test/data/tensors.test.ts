import * as tf from '@tensorflow/tfjs';
import test from 'ava';
import { batches } from '../../source/data/batches.js';
import { batchToTensors } from '../../source/data/tensors.js';

test('a batch becomes an NHWC float tensor and one-hot label tensors', async (t) => {
  await tf.setBackend('cpu');
  const source = { count: 5, images: new Uint8Array(5 * 3072).map((_, i) => i % 256), fine: Uint8Array.of(0, 99, 5, 7, 42), coarse: Uint8Array.of(4, 13, 1, 2, 3) };
  const [batch] = batches(source, { batchSize: 5, shuffle: false });
  const before = tf.memory().numTensors;
  const tensors = batchToTensors(batch, { fine: 100, coarse: 20 });
  t.is(tf.memory().numTensors - before, 3, 'no intermediate tensor is left behind');
  t.deepEqual(tensors.x.shape, [5, 32, 32, 3]);
  t.is(tensors.x.dtype, 'float32');
  t.deepEqual(tensors.fine.shape, [5, 100]);
  t.deepEqual(tensors.coarse!.shape, [5, 20]);
  const classes = tensors.fine.argMax(1);
  t.deepEqual(await classes.data(), Int32Array.of(0, 99, 5, 7, 42));
  t.is((await tensors.x.data())[3], Math.fround(3 / 255 - 0.5));
  tf.dispose([tensors.x, tensors.fine, tensors.coarse!, classes]);
});
