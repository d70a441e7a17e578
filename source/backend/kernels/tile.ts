import { util, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/**
 * Tile by block copies: each dimension's extent is written once, then repeated by doubling with
 * `copyWithin`. The stock kernel computes every output element's source index; the BatchNorm
 * gradient tiles [C] up to [N,H,W,C], where that dominated the step time.
 */
function makeTile(stock: KernelConfig): KernelFunc {
  return (args) => {
    const wasm = args.backend as BackendWasm;
    const { x } = args.inputs as { x: TensorInfo };
    const { reps } = args.attrs as unknown as TileAttrs;
    if (x.dtype === 'string' || x.dtype === 'complex64') return stock.kernelFunc(args);
    const outShape = x.shape.map((size, i) => size * reps[i]);
    const out = wasm.makeOutput(outShape, x.dtype);
    if (util.sizeFromShape(outShape) === 0) return out;
    const src = wasm.typedArrayFromHeap(x) as HeapArray;
    const dst = wasm.typedArrayFromHeap(out) as HeapArray;
    if (x.shape.length === 0) {
      dst[0] = src[0];
      return out;
    }
    writeTiled(src, dst, x.shape, reps, outShape);
    return out;
  };
}

function writeTiled(src: HeapArray, dst: HeapArray, shape: number[], reps: number[], outShape: number[]): void {
  const rank = shape.length;
  const inStrides = stridesOf(shape);
  const outStrides = stridesOf(outShape);
  const fill = (dim: number, inOffset: number, outOffset: number): void => {
    const extent = shape[dim];
    if (dim === rank - 1) {
      dst.set(src.subarray(inOffset, inOffset + extent), outOffset);
    } else {
      for (let i = 0; i < extent; i++) fill(dim + 1, inOffset + i * inStrides[dim], outOffset + i * outStrides[dim]);
    }
    repeatBlock(dst, outOffset, extent * outStrides[dim], reps[dim]);
  };
  fill(0, 0, 0);
}

function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/** dst[start, start+block) is copied so that it appears `times` times back to back. */
function repeatBlock(dst: HeapArray, start: number, block: number, times: number): void {
  const total = block * times;
  let filled = block;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    dst.copyWithin(start + filled, start, start + n);
    filled += n;
  }
}

export function tileConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeTile(stock) };
}
