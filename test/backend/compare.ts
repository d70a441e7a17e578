/** Runs one kernel on the cpu backend and on wasm (with our kernels) from the same seeded inputs. */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../source/search/rng.js';
import { initBackend } from '../../source/backend/index.js';
import { silenceCpuGreeting } from '../../source/backend/init-backend.js';

export interface Input {
  shape: number[];
  values: Float32Array | Int32Array | Uint8Array;
  dtype?: 'float32' | 'int32' | 'bool';
}

/**
 * Not IS_TEST: its per-kernel leak check misfires on wasm's stock FusedConv2D under a gradient
 * (no data id is actually lost; see the leak test in conv2d-backprop.test.ts).
 */
export async function startWasmAndCpu(): Promise<void> {
  await initBackend({ backend: 'wasm', threads: 2 });
  await tf.setBackend('cpu');
  silenceCpuGreeting();
  await tf.setBackend('wasm');
}

export function seeded(shape: number[], seed: number, low = -1, high = 1): Input {
  const rng = new Rng(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(low, high);
  return { shape, values };
}

export async function runOnBoth(
  kernel: string,
  inputs: Record<string, Input>,
  attrs: Record<string, unknown>,
): Promise<{ cpu: tf.Tensor; wasm: tf.Tensor }> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const tensors: tf.NamedTensorMap = {};
    for (const [name, input] of Object.entries(inputs)) tensors[name] = tf.tensor(input.values, input.shape, input.dtype);
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    tf.dispose(Object.values(tensors));
    return out;
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  return { cpu, wasm };
}

/** max |actual − expected| / max |expected|, over tensors of the same shape. */
export function relativeError(actual: tf.Tensor, expected: tf.Tensor): number {
  if (actual.shape.join() !== expected.shape.join()) return Infinity;
  const a = actual.dataSync();
  const e = expected.dataSync();
  let err = 0;
  let scale = 0;
  for (let i = 0; i < e.length; i++) {
    err = Math.max(err, Math.abs(a[i] - e[i]));
    scale = Math.max(scale, Math.abs(e[i]));
  }
  return scale === 0 ? err : err / scale;
}
