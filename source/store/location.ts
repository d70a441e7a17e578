/** Where the store lives: `--store-dir`, else `$CIFAR_TUI_STORE_DIR`, else `store/`; relative paths are taken from the working directory. */
import { resolve } from 'node:path';

export const STORE_DIR_ENV = 'CIFAR_TUI_STORE_DIR';
export const DEFAULT_STORE_DIR = 'store';

export function resolveStoreDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = flag !== undefined && flag !== '' ? flag : env[STORE_DIR_ENV] || DEFAULT_STORE_DIR;
  return resolve(cwd, chosen);
}
