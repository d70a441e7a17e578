import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { relativeError, runOnBoth, seeded, startWasmAndCpu } from './compare.js';

test.before(startWasmAndCpu);

test.serial('a window of values all ≤ 0 passes dy to its largest value', async (t) => {
  await tf.setBackend('wasm');
  const x = tf.tensor4d([-9, -10, -13, -14], [1, 2, 2, 1]);
  const dx = tf.grad((input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid'))(x);
  t.deepEqual(Array.from(dx.dataSync()), [1, 0, 0, 0]);
  tf.dispose([x, dx]);
});

let seed = 0;
for (const k of [2, 3, 4]) {
  for (const s of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      test.serial(`MaxPoolGrad matches cpu: k${k} s${s} ${pad}`, async (t) => {
        seed++;
        const xShape: [number, number, number, number] = [2, 9, 8, 5];
        const info = tf.backend_util.computePool2DInfo(xShape, k, s, 1, pad);
        // Mostly negative inputs (many windows all ≤ 0), as after BN or ELU.
        const x = seeded(xShape, 500 + seed, -2, 0.5);
        const { cpu, wasm } = await runOnBoth(
          'MaxPoolGrad',
          { dy: seeded(info.outShape, 600 + seed), input: x, output: seeded(info.outShape, 0) },
          { filterSize: k, strides: s, pad },
        );
        t.true(relativeError(wasm, cpu) <= 1e-6, `relative error ${relativeError(wasm, cpu)}`);
        tf.dispose([cpu, wasm]);
      });
    }
  }
}
