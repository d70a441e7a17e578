import {
  backend_util,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, release, slice } from './wasm-kernel-calls.js';

/**
 * dx is the "full" convolution of dy (with s−1 zeros inserted after every row and column when the
 * forward stride s > 1) with the filter rotated by 180° and its channel axes swapped, padded by
 * kh−1−top above and whatever makes the output H rows below. It runs on XNNPACK instead of the
 * stock scalar loop. Padding wider than the filter falls back to the stock kernel.
 */
function makeConv2dBackpropInput(stock: KernelConfig): KernelFunc {
  return (args) => {
    const wasm = args.backend as BackendWasm;
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      backend_util.convertConv2DDataFormat(dataFormat),
    );
    const top = info.filterHeight - 1 - info.padInfo.top;
    const left = info.filterWidth - 1 - info.padInfo.left;
    if (info.dataFormat !== 'channelsLast' || top < 0 || left < 0) return stock.kernelFunc(args);

    const owned: TensorInfo[] = [];
    let d = dy;
    if (info.strideHeight > 1 || info.strideWidth > 1) {
      d = insertZeros(wasm, dy, info.strideHeight, info.strideWidth);
      owned.push(d);
    }
    const bottom = info.inHeight - d.shape[1] + info.padInfo.top;
    const right = info.inWidth - d.shape[2] + info.padInfo.left;
    if (bottom < 0 || right < 0) {
      const cropped = slice(wasm, d, [0, 0, 0, 0], [
        d.shape[0],
        d.shape[1] + Math.min(bottom, 0),
        d.shape[2] + Math.min(right, 0),
        d.shape[3],
      ]);
      owned.push(cropped);
      d = cropped;
    }
    const rotated = rotateFilter(wasm, filter);
    owned.push(rotated);
    const dx = conv2d(wasm, d, rotated, [top, Math.max(bottom, 0), left, Math.max(right, 0)]);
    release(wasm, owned);
    return dx;
  };
}

/** [N,Ho,Wo,C] → [N,Ho·sh,Wo·sw,C] with dy[n,i,j] at (i·sh, j·sw) and zeros elsewhere. */
function insertZeros(wasm: BackendWasm, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  const [n, ho, wo, c] = dy.shape;
  const out = wasm.makeOutput([n, ho * sh, wo * sw, c], 'float32');
  // Views are taken after every allocation: growing the heap can detach earlier ones.
  const src = wasm.typedArrayFromHeap(dy) as Float32Array;
  const dst = wasm.typedArrayFromHeap(out) as Float32Array;
  dst.fill(0);
  const dstRow = wo * sw * c;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      const srcBase = (b * ho + i) * wo * c;
      const dstBase = (b * ho * sh + i * sh) * dstRow;
      for (let j = 0; j < wo; j++) {
        dst.set(src.subarray(srcBase + j * c, srcBase + (j + 1) * c), dstBase + j * sw * c);
      }
    }
  }
  return out;
}

/** W[a,b,ci,co] → W'[kh−1−a, kw−1−b, co, ci]. */
function rotateFilter(wasm: BackendWasm, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = filter.shape;
  const out = wasm.makeOutput([kh, kw, co, ci], 'float32');
  const src = wasm.typedArrayFromHeap(filter) as Float32Array;
  const dst = wasm.typedArrayFromHeap(out) as Float32Array;
  const taps = kh * kw;
  for (let tap = 0; tap < taps; tap++) {
    const srcBase = tap * ci * co;
    const dstBase = (taps - 1 - tap) * co * ci;
    for (let i = 0; i < ci; i++) {
      for (let o = 0; o < co; o++) dst[dstBase + o * ci + i] = src[srcBase + i * co + o];
    }
  }
  return out;
}

export function conv2dBackpropInputConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeConv2dBackpropInput(stock) };
}
