import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { startNativeBackend, type NativeOutcome } from './native-backend.js';
import { systemProbe, type SystemProbe } from './system-probe.js';
import { BACKEND_NAMES, isBackendName, type BackendInfo, type BackendName, type InitBackendOptions } from './types.js';

/**
 * Starts the fastest backend that works (tfjs-node-gpu → tfjs-node → wasm → cpu), or exactly the
 * one asked for, which then either starts or throws an Error saying why and how to fix it.
 * Afterwards every `import * as tf from '@tensorflow/tfjs'` runs on it.
 */
export async function initBackend(options: InitBackendOptions = {}, probe: SystemProbe = systemProbe): Promise<BackendInfo> {
  const requested = options.backend ?? 'auto';
  const threads = options.threads ?? availableParallelism();
  const log = options.log ?? (() => {});
  if (requested === 'auto') return report(await firstThatStarts(threads, probe), log);
  if (!isBackendName(requested)) {
    throw new Error(`unknown backend "${String(requested)}": use one of auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const outcome = await start(requested, threads, probe);
  if (!outcome.ok) throw new Error(`backend ${requested} cannot start: ${outcome.reason}`);
  if (outcome.info.name !== requested) {
    throw new Error(`backend ${requested} cannot start: ${outcome.info.warnings.join('\n')}`);
  }
  return report(outcome.info, log);
}

async function firstThatStarts(threads: number, probe: SystemProbe): Promise<BackendInfo> {
  const warnings: string[] = [];
  const notes: string[] = [];
  for (const name of BACKEND_NAMES) {
    const outcome = await start(name, threads, probe);
    if (outcome.ok) {
      return {
        ...outcome.info,
        warnings: [...warnings, ...outcome.info.warnings],
        notes: [...notes, ...outcome.info.notes],
      };
    }
    (outcome.quiet ? notes : warnings).push(`${name}: ${outcome.reason}`);
  }
  throw new Error(`no TensorFlow.js backend could start:\n${warnings.join('\n')}`);
}

async function start(name: BackendName, threads: number, probe: SystemProbe): Promise<NativeOutcome> {
  if (name === 'tensorflow-gpu' || name === 'tensorflow') return startNativeBackend(name, probe);
  try {
    if (name === 'wasm') {
      const { startWasmBackend } = await import('./wasm-backend.js');
      const { device, warnings } = await startWasmBackend(threads);
      return { ok: true, info: { name, tfBackend: tf.getBackend(), device, warnings, notes: [] } };
    }
    return { ok: true, info: await startCpuBackend() };
  } catch (error) {
    return { ok: false, quiet: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function startCpuBackend(): Promise<BackendInfo> {
  if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend did not start');
  await tf.ready();
  silenceCpuGreeting();
  const warnings = ['cpu: pure JavaScript, about 500× slower than wasm at training convolutions; use it only for tests.'];
  return { name: 'cpu', tfBackend: tf.getBackend(), device: 'CPU (1 thread, JavaScript)', warnings, notes: [] };
}

/** On its first tensor the cpu backend advises installing tfjs-node; our warnings already say more. */
export function silenceCpuGreeting(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

function report(info: BackendInfo, log: (line: string) => void): BackendInfo {
  for (const note of info.notes) log(`note: ${note}`);
  for (const warning of info.warnings) log(`warning: ${warning}`);
  log(`backend: ${info.name} on ${info.device}`);
  return info;
}
