import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { relativeError, runOnBoth, seeded, startWasmAndCpu } from './compare.js';

test.before(startWasmAndCpu);

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;
interface Case {
  n: number;
  h: number;
  ci: number;
  co: number;
  k: number;
  s: number;
  pad: Pad;
}

const cases: Case[] = [];
for (const [n, h, ci, co] of [
  [2, 7, 3, 4],
  [2, 8, 3, 4],
  [3, 16, 8, 16],
]) {
  for (const k of [2, 3, 4]) {
    for (const s of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) cases.push({ n, h, ci, co, k, s, pad });
    }
  }
}
// 1×1 (dW has its own path at stride 1).
for (const s of [1, 2]) {
  for (const pad of ['same', 'valid'] as const) cases.push({ n: 3, h: 8, ci: 5, co: 7, k: 1, s, pad });
}
// Explicit padding, including one wider than the filter (dX then takes the stock kernel).
cases.push({ n: 2, h: 9, ci: 3, co: 5, k: 3, s: 2, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] });
cases.push({ n: 2, h: 6, ci: 2, co: 3, k: 2, s: 1, pad: [[0, 0], [3, 0], [2, 1], [0, 0]] });

const label = (c: Case) => `N${c.n} ${c.h}x${c.h + 1}x${c.ci}→${c.co} k${c.k} s${c.s} ${typeof c.pad === 'string' ? c.pad : JSON.stringify(c.pad)}`;

function shapes(c: Case) {
  const xShape = [c.n, c.h, c.h + 1, c.ci] as [number, number, number, number];
  const filterShape = [c.k, c.k, c.ci, c.co] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, c.s, 1, c.pad);
  return { xShape, filterShape, dyShape: info.outShape };
}

for (const [i, c] of cases.entries()) {
  test.serial(`Conv2DBackpropFilter matches cpu: ${label(c)}`, async (t) => {
    const { xShape, filterShape, dyShape } = shapes(c);
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropFilter',
      { x: seeded(xShape, 100 + i), dy: seeded(dyShape, 200 + i) },
      { strides: c.s, pad: c.pad, dataFormat: 'NHWC', filterShape },
    );
    t.deepEqual(wasm.shape, filterShape);
    t.true(relativeError(wasm, cpu) <= 1e-5, `relative error ${relativeError(wasm, cpu)}`);
    tf.dispose([cpu, wasm]);
  });

  test.serial(`Conv2DBackpropInput matches cpu: ${label(c)}`, async (t) => {
    const { xShape, filterShape, dyShape } = shapes(c);
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropInput',
      { dy: seeded(dyShape, 300 + i), filter: seeded(filterShape, 400 + i) },
      { strides: c.s, pad: c.pad, dataFormat: 'NHWC', inputShape: xShape },
    );
    t.deepEqual(wasm.shape, xShape);
    t.true(relativeError(wasm, cpu) <= 1e-5, `relative error ${relativeError(wasm, cpu)}`);
    tf.dispose([cpu, wasm]);
  });
}

test.serial('the kernels leave no intermediate tensors behind', async (t) => {
  await tf.setBackend('wasm');
  const c = cases[10];
  const { xShape, filterShape, dyShape } = shapes(c);
  const x = tf.tensor(seeded(xShape, 1).values, xShape);
  const dy = tf.tensor(seeded(dyShape, 2).values, dyShape);
  const filter = tf.tensor(seeded(filterShape, 3).values, filterShape);
  const backend = tf.backend() as unknown as { numDataIds(): number };
  const before = backend.numDataIds();
  for (let step = 0; step < 3; step++) {
    const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC' } as tf.NamedAttrMap;
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape }) as tf.Tensor;
    const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: xShape }) as tf.Tensor;
    tf.dispose([dw, dx]);
  }
  t.is(backend.numDataIds(), before);
  tf.dispose([x, dy, filter]);
});
