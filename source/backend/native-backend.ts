import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { explainLoadFailure, explainNoGpu, explainNotInstalled, type NativePackage } from './native-diagnosis.js';
import { firstVisibleGpu, type SystemProbe } from './system-probe.js';
import type { BackendInfo } from './types.js';

export type NativeOutcome = { ok: true; info: BackendInfo } | { ok: false; reason: string; quiet: boolean };

const NATIVE_PACKAGES: Record<'tensorflow-gpu' | 'tensorflow', NativePackage> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

/**
 * Loads tfjs-node-gpu or tfjs-node. On import they register their kernels and 'tensorflow'
 * backend and make it current. tfjs-core keeps its engine and kernel registry on globalThis, so
 * they land in the engine our `@tensorflow/tfjs` uses even if npm nested a second tfjs copy; a
 * different version there is still a risk and gets a warning. When the GPU package loads but
 * TensorFlow finds no GPU, the result is the 'tensorflow' backend on the CPU, with a warning.
 */
export async function startNativeBackend(name: 'tensorflow-gpu' | 'tensorflow', probe: SystemProbe): Promise<NativeOutcome> {
  const pkg = NATIVE_PACKAGES[name];
  if (!probe.isInstalled(pkg)) {
    const { text, quiet } = explainNotInstalled(pkg, tf.version_core, name === 'tensorflow-gpu' ? probe.gpuNames() : null);
    return { ok: false, reason: text, quiet };
  }
  let loaded: unknown;
  try {
    // Kernels of a package that failed half-way stay registered; the second package then warns
    // once per kernel that it replaces them. That noise is dropped.
    loaded = await withConsoleWarnMuted(() => probe.importPackage(pkg));
  } catch (error) {
    return { ok: false, reason: explainLoadFailure(pkg, error instanceof Error ? error.message : String(error)), quiet: false };
  }
  if (tf.findBackendFactory('tensorflow') === null || !(await tf.setBackend('tensorflow'))) {
    return { ok: false, quiet: false, reason: `${pkg} loaded but did not register a usable 'tensorflow' backend.` };
  }
  const warnings: string[] = [];
  const theirCore = coreVersionOf(loaded);
  if (theirCore && theirCore !== tf.version_core) {
    warnings.push(
      `${pkg} runs on @tensorflow/tfjs-core ${theirCore}, this program on ${tf.version_core}; ` +
        `install matching versions (npm install ${pkg}@${tf.version_core}) to avoid subtle kernel mismatches.`,
    );
  }
  const base = { name, tfBackend: tf.getBackend(), warnings, notes: [] as string[] };
  if (name === 'tensorflow') {
    return { ok: true, info: { ...base, device: `CPU (libtensorflow, ${availableParallelism()} threads)` } };
  }
  const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true;
  const gpus = probe.gpuNames();
  if (!usingGpu) {
    const reason = explainNoGpu(probe.missingCudaLibraries(), gpus, probe.env.CUDA_VISIBLE_DEVICES);
    const device = `CPU (libtensorflow of tfjs-node-gpu, ${availableParallelism()} threads)`;
    return { ok: true, info: { ...base, name: 'tensorflow', device, warnings: [...warnings, reason] } };
  }
  const device = (gpus && firstVisibleGpu(gpus, probe.env.CUDA_VISIBLE_DEVICES)) ?? 'NVIDIA GPU (name unknown: nvidia-smi unavailable)';
  return { ok: true, info: { ...base, device } };
}

/** tfjs-node(-gpu) exports `version` with the versions of the tfjs packages it loaded. */
function coreVersionOf(loaded: unknown): string | undefined {
  type WithVersion = { version?: Record<string, string> };
  const module = loaded as (WithVersion & { default?: WithVersion }) | undefined;
  return (module?.version ?? module?.default?.version)?.['tfjs-core'];
}

async function withConsoleWarnMuted<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}
