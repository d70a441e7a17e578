import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { RandomFlip, SeededDropout } from '../../source/model/index.js';
import { useCpuBackend } from '../helpers/cpu-backend.js';

test.before(useCpuBackend);

/** 64 images 1×4×1 whose rows differ left to right, so a flip shows. */
const images = () => tf.tidy(() => tf.tile(tf.tensor4d([1, 2, 3, 4], [1, 1, 4, 1]), [64, 1, 1, 1]));

test('RandomFlip mirrors about half the images in training, each whole, and none at inference', (t) => {
  const flip = new RandomFlip({ seed: 3 });
  const x = images();
  const masks: string[] = [];
  for (let call = 0; call < 2; call++) {
    const y = flip.apply(x, { training: true }) as tf.Tensor;
    const rows = y.arraySync() as number[][][][];
    const flipped = rows.map((img) => img[0].map((p) => p[0]).join(''));
    t.true(flipped.every((r) => r === '1234' || r === '4321'));
    const count = flipped.filter((r) => r === '4321').length;
    t.true(count > 16 && count < 48, `${count} of 64 flipped`);
    masks.push(flipped.join(','));
    y.dispose();
  }
  t.not(masks[0], masks[1], 'a new draw on every call');
  const same = flip.apply(x, { training: false }) as tf.Tensor;
  t.deepEqual(same.arraySync(), x.arraySync());
  tf.dispose([x, same]);
});

test('SeededDropout drops at its rate with a new mask each call, scales by 1/(1 − rate), off at inference', (t) => {
  const drop = new SeededDropout({ seed: 5, rate: 0.25 });
  const x = tf.ones([100, 100]);
  const a = drop.apply(x, { training: true }) as tf.Tensor;
  const b = drop.apply(x, { training: true }) as tf.Tensor;
  const va = a.dataSync();
  const zeros = va.filter((v) => v === 0).length;
  t.true(Math.abs(zeros / va.length - 0.25) < 0.02);
  t.true(va.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6));
  t.notDeepEqual(Array.from(va), Array.from(b.dataSync()), 'stock tf.dropout with a seed would repeat the mask');
  const c = drop.apply(x, {}) as tf.Tensor;
  t.true(c.dataSync().every((v) => v === 1));
  // Same seed, same stream.
  const again = new SeededDropout({ seed: 5, rate: 0.25 }).apply(x, { training: true }) as tf.Tensor;
  t.deepEqual(Array.from(again.dataSync()), Array.from(va));
  tf.dispose([x, a, b, c, again]);
});
