import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Identity shares the input's data (reference-counted, as Reshape does and as the cpu backend's
 * Identity does) instead of copying it: no wasm kernel writes into its inputs.
 */
function makeIdentity(stock: KernelConfig): KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return stock.kernelFunc(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

export function identityConfig(stock: KernelConfig): KernelConfig {
  return { ...stock, kernelFunc: makeIdentity(stock) };
}
