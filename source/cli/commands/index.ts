/** Every subcommand, in the order --help lists them. Later commands register here. */
import type { Command } from '../command.js';
import { dataCommand } from './data.js';
import { spaceCommand } from './space.js';

export const COMMANDS: readonly Command[] = [spaceCommand, dataCommand];

/** The command `cifar-tui` runs without one; none until the search exists. */
export const DEFAULT_COMMAND: string | undefined = undefined;
