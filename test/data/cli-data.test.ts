import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { runCli } from '../../source/cli/main.js';
import { SAMPLE_DIR, releaseEntries, tempDir } from '../helpers/cifar-files.js';
import { serveFiles } from '../helpers/file-server.js';
import { tarGz } from '../helpers/tar-writer.js';

function sink() {
  const out = { text: '', write(chunk: string) { out.text += chunk; return true; } };
  return out;
}

async function run(args: string[], { env = {} as NodeJS.ProcessEnv, cwd = process.cwd() } = {}) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdout: stdout as unknown as NodeJS.WritableStream, stderr: stderr as unknown as NodeJS.WritableStream, env, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

test('cifar-tui data --data-dir on an extracted folder prints a summary with the notice', async (t) => {
  const { code, stdout } = await run(['data', '--data-dir', SAMPLE_DIR]);
  t.is(code, 0);
  t.true(stdout.startsWith(`CIFAR-100 is ready in ${SAMPLE_DIR} (found)\n`));
  t.regex(stdout, /train\.bin +10,000 training records\n/);
  t.regex(stdout, /test\.bin +5,000 test records\n/);
  t.regex(stdout, /classes: 100 fine, 20 coarse \(apple, aquarium_fish, baby, …\)/);
  t.regex(stdout, /notice: .* holds a smaller set than the official release/);
});

test('bad flag values are usage errors (exit 2)', async (t) => {
  const bad = await run(['data', '--dataset', 'cifar1000']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--dataset must be one of cifar100, cifar10; got 'cifar1000'/);
  t.is((await run(['data', '--data-dir', ''])).code, 2);
  t.is((await run(['data', '--bogus'])).code, 2);
  const help = await run(['data', '--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /--dataset NAME[\s\S]*--data-dir DIR[\s\S]*--archive FILE/);
});

test('a missing archive fails with exit 1 and names the file', async (t) => {
  const cwd = tempDir(t);
  const { code, stderr } = await run(['data', '--archive', 'missing.tar.gz'], { cwd });
  t.is(code, 1);
  t.is(stderr, `cifar-tui: ${path.join(cwd, 'missing.tar.gz')} does not exist (or is not a file). Check the path given to --archive.\n`);
});

test('a download shows plain progress lines on a non-terminal stderr; a wrong checksum fails cleanly', async (t) => {
  const archive = tarGz(releaseEntries('cifar100', 400, 100));
  const { base } = await serveFiles(t, { '/cifar-100-binary.tar.gz': archive }, { chunk: 20_000 });
  const cwd = tempDir(t);
  const { code, stderr } = await run(['data'], { cwd, env: { CIFAR_TUI_MIRROR: base } });
  t.is(code, 1);
  t.regex(stderr, new RegExp(`^downloading ${base}/cifar-100-binary\\.tar\\.gz to ${path.join(cwd, 'data')}\n`));
  t.regex(stderr, /downloading cifar-100-binary\.tar\.gz: 0% \(/);
  t.regex(stderr, /downloading cifar-100-binary\.tar\.gz: 100% \(/);
  t.false(stderr.includes('\r'));
  t.regex(stderr, /cifar-tui: .*cifar-100-binary\.tar\.gz\.part has MD5 [0-9a-f]{32}, but the official cifar-100-binary\.tar\.gz has 03b5dce01913d631647c71ecec9e9cb8/);
  t.deepEqual(fs.readdirSync(path.join(cwd, 'data')), []);
});
