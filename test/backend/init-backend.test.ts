import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { initBackend, WASM_TRAINING_KERNELS } from '../../source/backend/index.js';
import type { SystemProbe } from '../../source/backend/system-probe.js';

/** A machine without the native packages (this one and CI), unless a test says otherwise. */
function probe(overrides: Partial<SystemProbe> = {}): SystemProbe {
  return {
    isInstalled: () => false,
    importPackage: () => Promise.reject(new Error('not installed')),
    gpuNames: () => null,
    missingCudaLibraries: () => [],
    env: {},
    ...overrides,
  };
}

const bindingMissing = new Error(
  'The Node.js native addon module (tfjs_binding.node) can not be found at path: /x/lib/napi-v8/tfjs_binding.node.',
);

/** What tfjs-node(-gpu) does on import: register a 'tensorflow' backend and switch to it. */
function fakeNativePackage(usingGpu: boolean, coreVersion = tf.version_core): () => Promise<unknown> {
  return async () => {
    const cpu = tf.findBackend('cpu') ?? (await tf.setBackend('cpu'), tf.findBackend('cpu'));
    const Backend = cpu!.constructor as new () => tf.KernelBackend;
    tf.registerBackend('tensorflow', () => Object.assign(new Backend(), { isUsingGpuDevice: usingGpu }), 3);
    await tf.setBackend('tensorflow');
    return { version: { 'tfjs-core': coreVersion } };
  };
}

test.afterEach.always(() => {
  if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
});

test.serial('auto on a machine without the native packages starts wasm with our kernels on all threads', async (t) => {
  const lines: string[] = [];
  const info = await initBackend({ threads: 2, log: (line) => lines.push(line) }, probe());
  t.is(info.name, 'wasm');
  t.is(info.tfBackend, 'wasm');
  t.is(tf.getBackend(), 'wasm');
  t.is(info.device, 'CPU (2 threads, wasm SIMD)');
  t.deepEqual(info.warnings, []);
  t.is(info.notes.length, 2);
  t.regex(info.notes[0], /tfjs-node-gpu is not installed/);
  t.is(lines.at(-1), 'backend: wasm on CPU (2 threads, wasm SIMD)');
  for (const kernel of WASM_TRAINING_KERNELS) t.truthy(tf.getKernel(kernel, 'wasm'), kernel);
});

test.serial('a blocked install script is explained, then wasm takes over', async (t) => {
  const info = await initBackend(
    {},
    probe({ isInstalled: (pkg) => pkg === '@tensorflow/tfjs-node-gpu', importPackage: () => Promise.reject(bindingMissing) }),
  );
  t.is(info.name, 'wasm');
  t.is(info.warnings.length, 1);
  t.regex(info.warnings[0], /^tensorflow-gpu: .*allowScripts/s);
});

test.serial('a GPU without the GPU package is a warning, not a note', async (t) => {
  const info = await initBackend({}, probe({ gpuNames: () => ['NVIDIA H200'] }));
  t.is(info.name, 'wasm');
  t.regex(info.warnings[0], /NVIDIA H200.*not installed/s);
});

test.serial('a forced backend that cannot start throws why and how to fix it', async (t) => {
  await t.throwsAsync(initBackend({ backend: 'tensorflow-gpu' }, probe()), {
    message: /tensorflow-gpu cannot start: .*not installed.*npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/s,
  });
  const cudnn = probe({ isInstalled: () => true, importPackage: () => Promise.reject(new Error('libcudnn.so.8: cannot open shared object file')) });
  await t.throwsAsync(initBackend({ backend: 'tensorflow-gpu' }, cudnn), { message: /libcudnn\.so\.8.*LD_LIBRARY_PATH/s });
  await t.throwsAsync(initBackend({ backend: 'gpu' as never }, probe()), { message: /unknown backend "gpu"/ });
});

test.serial('the GPU package on a GPU reports the GPU by name', async (t) => {
  const gpu = probe({ isInstalled: () => true, importPackage: fakeNativePackage(true), gpuNames: () => ['NVIDIA H200'] });
  const info = await initBackend({}, gpu);
  t.like(info, { name: 'tensorflow-gpu', tfBackend: 'tensorflow', device: 'NVIDIA H200', warnings: [] });
});

test.serial('a native package built on another tfjs-core version gets a warning', async (t) => {
  const gpu = probe({ isInstalled: () => true, importPackage: fakeNativePackage(true, '4.21.0'), gpuNames: () => ['NVIDIA H200'] });
  const info = await initBackend({}, gpu);
  t.is(info.name, 'tensorflow-gpu');
  t.regex(info.warnings[0], /tfjs-core 4\.21\.0.*npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/);
});

test.serial('the GPU package without a usable GPU runs on the CPU and says why; forced, it throws', async (t) => {
  const noGpu = probe({
    isInstalled: () => true,
    importPackage: fakeNativePackage(false),
    gpuNames: () => ['NVIDIA H200'],
    missingCudaLibraries: () => ['libcudart.so.11.0', 'libcudnn.so.8'],
  });
  const info = await initBackend({}, noGpu);
  t.is(info.name, 'tensorflow');
  t.regex(info.device, /^CPU \(libtensorflow/);
  t.regex(info.warnings[0], /sees no GPU.*libcudart\.so\.11\.0, libcudnn\.so\.8 not found/s);
  tf.removeBackend('tensorflow');
  await t.throwsAsync(initBackend({ backend: 'tensorflow-gpu' }, noGpu), { message: /sees no GPU/ });
});

test.serial('forced cpu and wasm start', async (t) => {
  t.like(await initBackend({ backend: 'cpu' }, probe()), { name: 'cpu', tfBackend: 'cpu' });
  t.like(await initBackend({ backend: 'wasm' }, probe()), { name: 'wasm', tfBackend: 'wasm' });
});
