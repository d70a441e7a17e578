/** The shape of a subcommand: its flags, its help text and what it runs. */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  /** Shown in --help, e.g. "DIR". */
  valueName?: string;
  description: string;
};

export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Positional arguments, as shown in the usage line (e.g. "DIR"). */
  positionals?: string;
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], ctx: CommandContext): Promise<number>;
}

/** A bad flag or value: printed with the usage line, exit status 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses an integer flag value, or throws a UsageError naming the flag. */
export function intFlag(name: string, value: unknown, { min = -Infinity, max = Infinity } = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} expects an integer, got '${text}'`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Checks that a flag value is one of the allowed choices. */
export function choiceFlag<T extends string>(name: string, value: unknown, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got '${String(value)}'`);
  return value as T;
}
