/** Argument parsing and dispatch: exit 0 on success, 1 on failure, 2 on a usage error. */
import { parseArgs } from 'node:util';
import { COMMANDS, DEFAULT_COMMAND } from './commands/index.js';
import { type Command, type CommandContext, UsageError } from './command.js';
import { GLOBAL_OPTIONS, commandHelp, mainHelp, usageLine } from './usage.js';
import { VERSION } from './version.js';

function parse(command: Command | undefined, args: string[]) {
  const options = { ...(command?.options ?? {}), ...GLOBAL_OPTIONS };
  try {
    return parseArgs({ args, options, allowPositionals: command?.positionals !== undefined, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message, command);
  }
}

export async function runCli(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const args = [...argv];
  const first = args[0];
  let command: Command | undefined;
  let named = false;
  if (first !== undefined && !first.startsWith('-')) {
    command = COMMANDS.find((c) => c.name === first);
    if (!command) {
      ctx.stderr.write(`cifar-tui: unknown command '${first}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n${usageLine()}\n`);
      return 2;
    }
    args.shift();
    named = true;
  } else if (DEFAULT_COMMAND !== undefined) {
    command = COMMANDS.find((c) => c.name === DEFAULT_COMMAND);
  }
  try {
    const { values, positionals } = parse(command, args);
    if (values.version) {
      ctx.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (values.help || command === undefined) {
      ctx.stdout.write(command && named ? commandHelp(command) : mainHelp(COMMANDS, DEFAULT_COMMAND, VERSION));
      return 0;
    }
    return await command.run(values as Record<string, string | boolean | undefined>, positionals, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr.write(`cifar-tui: ${error.message}\n${usageLine(error.command ?? command)}\nRun 'cifar-tui${command ? ` ${command.name}` : ''} --help' for the options.\n`);
      return 2;
    }
    ctx.stderr.write(`cifar-tui: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
