import { getKernel, type KernelConfig, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Helpers for kernels that compose other wasm kernels on TensorInfos (no tf.* ops, so nothing is
 * recorded on the gradient tape). Every intermediate must be released with `release`.
 */

export function runKernel(
  kernel: KernelConfig | string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = typeof kernel === 'string' ? getKernel(kernel, 'wasm') : kernel;
  return config.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runKernel('Transpose', backend, { x }, { perm });
}

export function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return runKernel('Reshape', backend, { x }, { shape });
}

export function slice(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  return runKernel('Slice', backend, { x }, { begin, size });
}

/** Stock XNNPACK convolution, NHWC, with explicit padding [top, bottom, left, right]. */
export function conv2d(
  backend: BackendWasm,
  x: TensorInfo,
  filter: TensorInfo,
  pads: readonly [number, number, number, number],
  dilations: [number, number] = [1, 1],
): TensorInfo {
  const [top, bottom, left, right] = pads;
  return runKernel('Conv2D', backend, { x, filter }, {
    strides: [1, 1],
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: 'NHWC',
    dilations,
  });
}

export function release(backend: BackendWasm, infos: readonly TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
