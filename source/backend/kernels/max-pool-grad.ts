import { backend_util, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Routes each dy to the first maximum of its window (strict `>` from −Infinity, as the cpu backend
 * and TensorFlow do). The stock wasm kernel starts from FLT_MIN (+1.2e-38), so a window whose
 * values are all ≤ 0 loses its gradient.
 */
const maxPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw, dilationHeight, dilationWidth } = info;

  const out = wasm.makeOutput(input.shape, 'float32');
  const x = wasm.typedArrayFromHeap(input) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  const dx = wasm.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  const window = new Int32Array(fh * fw); // offsets of the window's pixels inside the input

  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - info.padInfo.top;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - info.padInfo.left;
        let pixels = 0;
        for (let fy = 0; fy < fh; fy += dilationHeight) {
          const y = y0 + fy;
          if (y < 0 || y >= inHeight) continue;
          for (let fx = 0; fx < fw; fx += dilationWidth) {
            const xx = x0 + fx;
            if (xx >= 0 && xx < inWidth) window[pixels++] = ((b * inHeight + y) * inWidth + xx) * c;
          }
        }
        const dyBase = ((b * outHeight + oy) * outWidth + ox) * c;
        for (let k = 0; k < c; k++) {
          let best = -Infinity;
          let at = -1;
          for (let p = 0; p < pixels; p++) {
            const i = window[p] + k;
            if (x[i] > best) {
              best = x[i];
              at = i;
            }
          }
          if (at >= 0) dx[at] += g[dyBase + k];
        }
      }
    }
  }
  return out;
};

export function maxPoolGradConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: maxPoolGrad };
}
