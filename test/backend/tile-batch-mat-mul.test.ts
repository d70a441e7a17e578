import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { type Input, relativeError, runOnBoth, seeded, startWasmAndCpu } from './compare.js';

test.before(startWasmAndCpu);

const tiles: Array<{ shape: number[]; reps: number[]; dtype?: 'int32' | 'bool' }> = [
  { shape: [1, 1, 1, 7], reps: [3, 4, 5, 1] }, // BatchNorm gradient: [C] → [N,H,W,C]
  { shape: [2, 3], reps: [3, 2] },
  { shape: [4], reps: [5] },
  { shape: [2, 1, 3], reps: [1, 4, 2], dtype: 'int32' },
  { shape: [3, 2], reps: [2, 3], dtype: 'bool' },
  { shape: [2, 3, 2, 2], reps: [1, 1, 1, 1] },
  { shape: [2, 0], reps: [2, 2] },
];

for (const [i, c] of tiles.entries()) {
  test.serial(`Tile matches cpu: [${c.shape}] × [${c.reps}] ${c.dtype ?? 'float32'}`, async (t) => {
    const x = seeded(c.shape, 700 + i, -5, 5);
    const input: Input =
      c.dtype === 'int32'
        ? { shape: c.shape, values: Int32Array.from(x.values, Math.round), dtype: 'int32' }
        : c.dtype === 'bool'
          ? { shape: c.shape, values: Uint8Array.from(x.values, (v) => (v > 0 ? 1 : 0)), dtype: 'bool' }
          : x;
    const { cpu, wasm } = await runOnBoth('Tile', { x: input }, { reps: c.reps });
    t.deepEqual(wasm.shape, cpu.shape);
    t.is(wasm.dtype, cpu.dtype);
    t.deepEqual(Array.from(wasm.dataSync()), Array.from(cpu.dataSync()));
    tf.dispose([cpu, wasm]);
  });
}

const products: Array<{ a: number[]; b: number[] }> = [
  { a: [5, 7], b: [7, 3] },
  { a: [1, 6, 4], b: [1, 4, 9] },
  { a: [3, 5, 4], b: [3, 4, 2] },
  { a: [1, 5, 4], b: [3, 4, 2] },
  { a: [3, 40], b: [40, 30] }, // a large right operand: computed as (b·a)ᵀ when b is transposed
  { a: [1, 40, 3], b: [1, 3, 30] },
];

for (const [i, c] of products.entries()) {
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      test.serial(`BatchMatMul matches cpu: [${c.a}]·[${c.b}] tA=${transposeA} tB=${transposeB}`, async (t) => {
        const swap = (shape: number[], flag: boolean) => (flag ? [...shape.slice(0, -2), shape.at(-1)!, shape.at(-2)!] : shape);
        const { cpu, wasm } = await runOnBoth(
          'BatchMatMul',
          { a: seeded(swap(c.a, transposeA), 800 + i), b: seeded(swap(c.b, transposeB), 900 + i) },
          { transposeA, transposeB },
        );
        t.deepEqual(wasm.shape, cpu.shape);
        t.true(relativeError(wasm, cpu) <= 1e-6, `relative error ${relativeError(wasm, cpu)}`);
        tf.dispose([cpu, wasm]);
      });
    }
  }
}
