/** The `--store-dir` flag every store command shares. */
import { resolveStoreDir } from '../store/index.js';
import type { CommandContext, OptionSpec } from './command.js';

export const STORE_DIR_OPTION: OptionSpec = { type: 'string', valueName: 'DIR', description: 'experiment folder (default ./store or $CIFAR_TUI_STORE_DIR)' };

export function storeDirOf(values: Record<string, unknown>, { env, cwd }: CommandContext): string {
  return resolveStoreDir(values['store-dir'] as string | undefined, env, cwd);
}
