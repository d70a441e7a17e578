import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { relativeError, runOnBoth, seeded, startWasmAndCpu } from './compare.js';

test.before(startWasmAndCpu);

const shape = [3, 5, 4, 6];
for (const kernel of ['Sum', 'Mean']) {
  for (const axis of [[0, 1, 2], [0], [-4, -3], [1, 2], [3], [0, 1, 2, 3], [2, 0]]) {
    for (const keepDims of [false, true]) {
      test.serial(`${kernel} matches cpu: axis [${axis}] keepDims ${keepDims}`, async (t) => {
        const { cpu, wasm } = await runOnBoth(kernel, { x: seeded(shape, 11, -3, 3) }, { axis, keepDims });
        t.deepEqual(wasm.shape, cpu.shape);
        t.true(relativeError(wasm, cpu) <= 1e-6, `relative error ${relativeError(wasm, cpu)}`);
        tf.dispose([cpu, wasm]);
      });
    }
  }
}

test.serial('Sum of int32 over leading axes matches cpu', async (t) => {
  const x = { shape: [4, 3], values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), dtype: 'int32' as const };
  const { cpu, wasm } = await runOnBoth('Sum', { x }, { axis: [0], keepDims: false });
  t.is(wasm.dtype, cpu.dtype);
  t.deepEqual(Array.from(wasm.dataSync()), Array.from(cpu.dataSync()));
  tf.dispose([cpu, wasm]);
});

test.serial('Identity shares data that outlives its source', async (t) => {
  await tf.setBackend('wasm');
  const x = tf.tensor([1, 2, 3]);
  const y = tf.clone(x);
  x.dispose();
  t.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
  const z = y.add(1);
  t.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
  tf.dispose([y, z]);
});
