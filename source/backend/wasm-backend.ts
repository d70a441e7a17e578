import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useWasmTrainingKernels } from './kernels/register.js';
import { registerThreadedWasmFactory } from './wasm-threads.js';

export interface WasmStart {
  device: string;
  warnings: string[];
}

/** The pthread pool of the threaded build has 8 workers. */
const MAX_THREADS = 8;
let factoryReplaced = false;

/**
 * Starts tfjs-backend-wasm with our training kernels and, when `threads` > 1, the threaded build.
 * Throws when the backend cannot start.
 */
export async function startWasmBackend(threads: number): Promise<WasmStart> {
  const warnings: string[] = [];
  const distDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  // Explicit, so that the binaries are found wherever this code is bundled or run from.
  setWasmPaths(distDir + sep);
  useWasmTrainingKernels();

  const wanted = Math.max(1, Math.min(MAX_THREADS, Math.floor(threads)));
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  if (wanted > 1 && !simd) {
    warnings.push('wasm: this Node has no WebAssembly SIMD, so the threaded build cannot run; using 1 thread.');
  }
  if (!factoryReplaced && tf.engine().registry.wasm === undefined) {
    if (wanted > 1 && simd) {
      registerThreadedWasmFactory(wanted, join(distDir, '..', 'wasm-out'), (reason) =>
        warnings.push(`wasm: the multi-threaded build failed to start (${reason}); using 1 thread.`),
      );
      factoryReplaced = true;
    } else {
      setThreadsCount(1);
    }
  }

  const ok = await withoutEmscriptenProcessHandlers(async () => {
    const started = await tf.setBackend('wasm');
    await tf.ready();
    return started;
  });
  if (!ok || tf.getBackend() !== 'wasm') {
    throw new Error(
      `the wasm backend did not start: its .wasm binaries were not found or could not be compiled (looked in ${distDir}). ` +
        'Reinstall with `npm ci` so that node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm exist.',
    );
  }
  const count = getThreadsCount();
  return { device: `CPU (${count} thread${count === 1 ? '' : 's'}, wasm${simd ? ' SIMD' : ''})`, warnings };
}

/**
 * Emscripten's Node glue installs process handlers that rethrow every uncaught exception and
 * unhandled rejection from inside its one-line, 50 kB script, so Node prints that whole line
 * with each crash. Node's own defaults do the same thing legibly.
 */
async function withoutEmscriptenProcessHandlers<T>(start: () => Promise<T>): Promise<T> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    return await start();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!unhandled.has(l)) process.removeListener('unhandledRejection', l);
  }
}
