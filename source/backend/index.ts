export { initBackend } from './init-backend.js';
export { BACKEND_NAMES, isBackendName } from './types.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './types.js';
export { useStockWasmKernels, useWasmTrainingKernels, WASM_TRAINING_KERNELS } from './kernels/register.js';
export type { WasmTrainingKernel } from './kernels/register.js';
