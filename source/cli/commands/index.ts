/** Every subcommand, in the order --help lists them. Later commands register here. */
import type { Command } from '../command.js';
import { dataCommand } from './data.js';
import { searchCommand } from './search.js';
import { spaceCommand } from './space.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { statusCommand } from './status.js';
import { bestCommand } from './best.js';
import { viewCommand } from './view.js';

export const COMMANDS: readonly Command[] = [searchCommand, spaceCommand, dataCommand, statusCommand, bestCommand, importCommand, exportCommand, viewCommand];

/** The command `cifar-tui` runs without one. */
export const DEFAULT_COMMAND: string | undefined = 'search';
