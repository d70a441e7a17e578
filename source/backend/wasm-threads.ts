import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/**
 * The multi-threaded wasm build in Node (tfjs#3830). tfjs-backend-wasm hard-codes "no threads"
 * in Node, and its bundle hands Emscripten `blob:` URLs that Node's worker_threads reject. Loaded
 * straight from `wasm-out/`, the Emscripten module finds its .wasm and main script by path; only
 * its pthread worker script (shipped as a JS string) needs writing to a file. The C++ side caps
 * the thread pool at os.cpus().length / 2 (it assumes two hyper-threads per core), so that count
 * is raised while the module starts.
 */

type CwrapType = 'number' | null;
interface EmscriptenWasmModule {
  cwrap(name: string, returnType: CwrapType, argTypes: CwrapType[]): (...args: number[]) => number;
  PThread: { runningWorkers: Array<{ unref(): void }> };
  tfjs?: unknown;
}
type ModuleFactory = (config: { locateFile(path: string, prefix: string): string }) => Promise<EmscriptenWasmModule>;

const require = createRequire(import.meta.url);
const os = require('node:os') as typeof import('node:os');

/** Replaces the 'wasm' backend factory by one that starts the threaded build; falls back to the stock factory. */
export function registerThreadedWasmFactory(threads: number, wasmOutDir: string, onFallback: (reason: string) => void): void {
  const stockFactory = tf.findBackendFactory('wasm');
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      try {
        return await createThreadedBackend(threads, wasmOutDir);
      } catch (error) {
        onFallback(error instanceof Error ? error.message : String(error));
        setThreadsCount(1);
        return stockFactory();
      }
    },
    2,
  );
}

async function createThreadedBackend(threads: number, wasmOutDir: string): Promise<BackendWasm> {
  const factory = require(join(wasmOutDir, 'tfjs-backend-wasm-threaded-simd.js')) as ModuleFactory;
  const { wasmWorkerContents } = require(join(wasmOutDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  const workerScript = writeWorkerScript(wasmWorkerContents);
  const module = await withLogicalCores(2 * threads, () =>
    factory({ locateFile: (path, prefix) => (path.endsWith('.worker.js') ? workerScript : prefix + path) }),
  );
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  setThreadsCount(threads);
  const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
  // The thread pool's workers are running now and would keep the process alive forever.
  for (const worker of module.PThread.runningWorkers) worker.unref();
  return backend;
}

/** The worker script, in the temp directory under a name derived from its content. */
function writeWorkerScript(contents: string): string {
  // The bundle escapes newlines the same way before making a Blob of it.
  const script = contents.replace(/\n/g, '\\n');
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `tfjs-wasm-pthread-${hash}.cjs`);
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, script);
    renameSync(partial, path);
  }
  return path;
}

async function withLogicalCores<T>(count: number, start: () => Promise<T>): Promise<T> {
  const cpus = os.cpus;
  const one = cpus()[0];
  os.cpus = () => Array.from({ length: count }, () => one);
  try {
    return await start();
  } finally {
    os.cpus = cpus;
  }
}
