/** --help text, generated from the command registry so it cannot drift from the parser. */
import type { Command, OptionSpec } from './command.js';

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help and exit' },
  version: { type: 'boolean', short: 'V', description: 'print the version and exit' },
};

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return [`  ${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, desc]) => left.padEnd(width) + desc);
}

export function mainHelp(commands: readonly Command[], defaultCommand: string | undefined, version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    `cifar-tui ${version}: TPE search over CNN architectures and hyperparameters on CIFAR-100, in your terminal`,
    '',
    'Usage:',
    '  cifar-tui [COMMAND] [OPTIONS]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}${c.name === defaultCommand ? ' (default)' : ''}`),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    "Run 'cifar-tui COMMAND --help' for a command's options.",
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: cifar-tui ${command.name}${Object.keys(command.options).length ? ' [OPTIONS]' : ''}${command.positionals ? ` ${command.positionals}` : ''}`,
    '',
    command.summary,
    '',
    'Options:',
    ...optionLines({ ...command.options, help: GLOBAL_OPTIONS.help }),
    '',
  ].join('\n');
}

export function usageLine(command?: Command): string {
  return command ? `Usage: cifar-tui ${command.name} [OPTIONS]${command.positionals ? ` ${command.positionals}` : ''}` : 'Usage: cifar-tui [COMMAND] [OPTIONS]';
}
