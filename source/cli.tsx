#!/usr/bin/env node
/** Entry point of the `cifar-tui` command. */
import { runCli } from './cli/main.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
