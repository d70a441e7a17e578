import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import test from 'ava';
import { ROOT, runCli } from '../helpers/cli.js';
import { SAMPLE_DIR } from '../helpers/cifar-files.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string; bin: Record<string, string> };

test('--help lists the commands and exits 0', (t) => {
  const r = runCli(['--help']);
  t.is(r.code, 0);
  t.regex(r.stdout, /Usage:\n {2}cifar-tui \[COMMAND\] \[OPTIONS\]/);
  t.regex(r.stdout, /space/);
  t.is(r.stderr, '');
});

test('--version prints the package version', (t) => {
  const r = runCli(['--version']);
  t.is(r.code, 0);
  t.is(r.stdout.trim(), pkg.version);
});

test('unknown flags, commands and bad values are usage errors with exit 2', (t) => {
  for (const args of [['--bogus'], ['nosuchcommand'], ['space', '--sample', 'many'], ['space', '--seed', '3'], ['space', 'extra']]) {
    const r = runCli(args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, /cifar-tui: .+\n.*Usage: cifar-tui/s, args.join(' '));
    t.is(r.stdout, '');
  }
});

test('space prints the CIFAR space and --sample draws reproducible points', (t) => {
  const r = runCli(['space']);
  t.is(r.code, 0);
  t.regex(r.stdout, /22 labels/);
  t.regex(r.stdout, /batch_size\s+quniform\(100, 450, q=5\)/);
  const a = runCli(['space', '--sample', '3', '--seed', '7']);
  const b = runCli(['space', '--sample', '3', '--seed', '7']);
  t.is(a.code, 0);
  t.is(a.stdout, b.stdout);
  const points = a.stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.is(points.length, 3);
  t.true(points.every((p) => p.params.batch_size >= 100 && Array.isArray(p.vals.batch_size)));
});

test('the built bin runs (npm install builds dist/ through prepare)', (t) => {
  const bin = `${ROOT}${pkg.bin['cifar-tui']}`;
  if (!existsSync(bin)) {
    t.fail(`${bin} is missing: run npm run build`);
    return;
  }
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  t.is(r.status, 0);
  t.is(r.stdout.trim(), pkg.version);
  t.true(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node'));
});

test('a hold-out as large as the training set is refused before any store is made', (t) => {
  const store = `${ROOT}store-holdout-test-${process.pid}`;
  const r = runCli(['search', '--plain', '--data-dir', SAMPLE_DIR, '--holdout', '10000', '--store-dir', store]);
  t.is(r.code, 2);
  t.regex(r.stderr, /--holdout 10000 leaves no training images: .* has 10,000\. Hold out fewer \(e\.g\. --holdout 1000\), or validate on the test set with --validation test\./);
  t.false(existsSync(store));
});
