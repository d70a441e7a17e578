import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv2d, release, reshape, slice, transpose } from './wasm-kernel-calls.js';

/**
 * dW[a,b,ci,co] = Σ_{n,i,j} x[n, i·sh + a − top, j·sw + b − left, ci] · dy[n,i,j,co]
 * is a stride-1 convolution of x viewed as [Ci,H,W,N] with dy viewed as a [Ho,Wo,N,Co] filter
 * dilated by the forward strides; its [Ci,kh,kw,Co] output is transposed to [kh,kw,Ci,Co].
 * The convolution runs on XNNPACK, so the only extra work is three transposes.
 */
const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`Conv2DBackpropFilter on wasm supports NHWC only, got ${dataFormat}`);
  }
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  if (info.filterHeight === 1 && info.filterWidth === 1 && outHeight === inHeight && outWidth === inWidth) {
    return pointwiseFilterGradient(wasm, x, dy);
  }
  const bottom = (outHeight - 1) * strideHeight + info.filterHeight - inHeight - top;
  const right = (outWidth - 1) * strideWidth + info.filterWidth - inWidth - left;

  const owned: TensorInfo[] = [];
  let input = x;
  // Negative bottom/right padding: the forward pass never read those rows/columns.
  if (bottom < 0 || right < 0) {
    input = slice(wasm, x, [0, 0, 0, 0], [
      batchSize,
      inHeight + Math.min(bottom, 0),
      inWidth + Math.min(right, 0),
      inChannels,
    ]);
    owned.push(input);
  }
  const xT = transpose(wasm, input, [3, 1, 2, 0]);
  const dyT = transpose(wasm, dy, [1, 2, 0, 3]);
  owned.push(xT, dyT);
  const pads = [top, Math.max(bottom, 0), left, Math.max(right, 0)] as const;
  const dwT = conv2d(wasm, xT, dyT, pads, [strideHeight, strideWidth]);
  owned.push(dwT);
  const dw = transpose(wasm, dwT, [1, 2, 0, 3]);
  release(wasm, owned);
  return dw;
};

/**
 * A 1×1 stride-1 convolution's dW = x^T·dy over the N·H·W pixels: one 1×1 convolution whose
 * channels are the pixels. The general form would use an H×W-tap kernel of N channels each,
 * which XNNPACK runs two to three times slower.
 */
function pointwiseFilterGradient(wasm: BackendWasm, x: TensorInfo, dy: TensorInfo): TensorInfo {
  const [n, h, w, ci] = x.shape;
  const co = dy.shape[3];
  const pixels = n * h * w;
  const flat = reshape(wasm, x, [pixels, ci]);
  const xT = transpose(wasm, flat, [1, 0]);
  const input = reshape(wasm, xT, [ci, 1, 1, pixels]);
  const filter = reshape(wasm, dy, [1, 1, pixels, co]);
  const out = conv2d(wasm, input, filter, [0, 0, 0, 0]);
  const dw = reshape(wasm, out, [1, 1, ci, co]);
  release(wasm, [flat, xT, input, filter, out]);
  return dw;
}

export function conv2dBackpropFilterConfig(): KernelConfig {
  return { kernelName: Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2dBackpropFilter };
}
