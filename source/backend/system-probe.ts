import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CUDA11_LIBRARIES } from './native-diagnosis.js';

/** What backend selection asks of the machine; tests substitute their own. */
export interface SystemProbe {
  isInstalled(pkg: string): boolean;
  importPackage(pkg: string): Promise<unknown>;
  /** GPU names from nvidia-smi, in index order; null when nvidia-smi is unavailable. */
  gpuNames(): string[] | null;
  /** The CUDA 11 / cuDNN 8 sonames found neither on LD_LIBRARY_PATH nor in the ldconfig cache. */
  missingCudaLibraries(): string[];
  env: NodeJS.ProcessEnv;
}

const require = createRequire(import.meta.url);

export const systemProbe: SystemProbe = {
  isInstalled(pkg) {
    try {
      require.resolve(pkg);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND';
    }
  },
  importPackage: (pkg) => import(pkg),
  gpuNames() {
    const out = run('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader']);
    return out === null ? null : out.split('\n').map((line) => line.trim()).filter(Boolean);
  },
  missingCudaLibraries() {
    const cached = new Set<string>();
    const listing = run('ldconfig', ['-p']) ?? run('/sbin/ldconfig', ['-p']) ?? '';
    for (const match of listing.matchAll(/^\s*(\S+)\s+\(/gm)) cached.add(match[1]);
    const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), '/usr/local/cuda/lib64'];
    return CUDA11_LIBRARIES.filter((lib) => !cached.has(lib) && !dirs.some((dir) => existsSync(join(dir, lib))));
  },
  env: process.env,
};

/** The GPU TensorFlow will use first: index 0 after CUDA_VISIBLE_DEVICES remaps, when that lists indices. */
export function firstVisibleGpu(gpus: readonly string[], visibleDevices: string | undefined): string | undefined {
  const first = visibleDevices?.split(',')[0]?.trim();
  if (first && /^\d+$/.test(first)) return gpus[Number(first)];
  return gpus[0];
}

function run(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}
