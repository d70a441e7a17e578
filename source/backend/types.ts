export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Fastest first: the order `auto` tries. */
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendInfo {
  name: BackendName;
  /** `tf.getBackend()`: 'tensorflow' for both native packages. */
  tfBackend: string;
  /** e.g. 'NVIDIA H200' or 'CPU (2 threads, wasm SIMD)'. */
  device: string;
  /** Why faster backends were skipped or run degraded, each with its fix. */
  warnings: string[];
  /** Unremarkable facts, e.g. an optional package that is not installed. */
  notes: string[];
}

export interface InitBackendOptions {
  backend?: BackendName | 'auto';
  /** wasm threads; default: os.availableParallelism(). */
  threads?: number;
  log?: (line: string) => void;
}

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}
