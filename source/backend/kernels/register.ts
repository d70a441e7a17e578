import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { identityConfig } from './identity.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { meanConfig, sumConfig } from './reduce-leading-axes.js';
import { tileConfig } from './tile.js';

export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'MaxPoolGrad',
  'Tile',
  'BatchMatMul',
  'Sum',
  'Mean',
  'Identity',
] as const;
export type WasmTrainingKernel = (typeof WASM_TRAINING_KERNELS)[number];

const builders: Record<WasmTrainingKernel, (stock: KernelConfig) => KernelConfig> = {
  Conv2DBackpropFilter: () => conv2dBackpropFilterConfig(),
  Conv2DBackpropInput: conv2dBackpropInputConfig,
  MaxPoolGrad: maxPoolGradConfig,
  Tile: tileConfig,
  BatchMatMul: batchMatMulConfig,
  Sum: sumConfig,
  Mean: meanConfig,
  Identity: identityConfig,
};

/** What was registered for wasm before we replaced it (undefined: nothing, e.g. the missing filter gradient). */
const stockKernels = new Map<WasmTrainingKernel, KernelConfig | undefined>();

/**
 * Registers our kernels for the wasm backend (all of them unless `only` says otherwise) and
 * puts the stock ones back for the rest. Safe to call repeatedly and before or after
 * `tf.setBackend('wasm')`; the stock setup functions are kept, so stock kernels still work.
 */
export function useWasmTrainingKernels(only: readonly WasmTrainingKernel[] = WASM_TRAINING_KERNELS): void {
  for (const name of WASM_TRAINING_KERNELS) {
    if (!stockKernels.has(name)) stockKernels.set(name, registered(name));
    const stock = stockKernels.get(name);
    if (registered(name)) unregisterKernel(name, 'wasm');
    if (only.includes(name)) {
      registerKernel(builders[name](stock ?? missingStock(name)));
    } else if (stock) {
      registerKernel(stock);
    }
  }
}

/** Back to the kernels tfjs-backend-wasm ships (for comparisons; wasm cannot train convolutions then). */
export function useStockWasmKernels(): void {
  useWasmTrainingKernels([]);
}

function registered(name: string): KernelConfig | undefined {
  return getKernel(name, 'wasm');
}

function missingStock(name: string): KernelConfig {
  const fail = (): never => {
    throw new Error(`tfjs-backend-wasm has no ${name} kernel to fall back to`);
  };
  return { kernelName: name, backendName: 'wasm', kernelFunc: fail };
}
