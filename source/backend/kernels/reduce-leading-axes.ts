import { util, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Sum and Mean over leading axes ([N,H,W] of an NHWC tensor: every BatchNorm statistic and
 * gradient, every bias gradient) by adding rows in place. The stock kernels first transpose the
 * whole tensor so that the reduced axes come last. Other reductions go to the stock kernels.
 */
function makeReduction(stock: KernelConfig, mean: boolean): KernelFunc {
  return (args) => {
    const wasm = args.backend as BackendWasm;
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock.kernelFunc(args);

    const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
    const kept = x.shape.slice(axes.length);
    const out = wasm.makeOutput(keepDims ? [...axes.map(() => 1), ...kept] : kept, 'float32');
    const src = wasm.typedArrayFromHeap(x) as Float32Array;
    const dst = wasm.typedArrayFromHeap(out) as Float32Array;
    const cols = dst.length;
    const total = new Float64Array(cols);
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      const b0 = r * cols;
      const b1 = b0 + cols;
      const b2 = b1 + cols;
      const b3 = b2 + cols;
      for (let c = 0; c < cols; c++) total[c] += src[b0 + c] + src[b1 + c] + src[b2 + c] + src[b3 + c];
    }
    for (; r < rows; r++) {
      const base = r * cols;
      for (let c = 0; c < cols; c++) total[c] += src[base + c];
    }
    const scale = mean ? 1 / rows : 1;
    for (let c = 0; c < cols; c++) dst[c] = total[c] * scale;
    return out;
  };
}

export function sumConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeReduction(stock, false) };
}

export function meanConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeReduction(stock, true) };
}
