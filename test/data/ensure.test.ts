import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { type EnsureEvent, ensureDataset } from '../../source/data/ensure.js';
import { DataError } from '../../source/data/errors.js';
import { SAMPLE_DIR, md5, releaseEntries, tempDir } from '../helpers/cifar-files.js';
import { closedPortUrl, serveFiles } from '../helpers/file-server.js';
import { tarGz } from '../helpers/tar-writer.js';

const archive100 = tarGz(releaseEntries('cifar100', 300, 100));
const archive10 = tarGz(releaseEntries('cifar10', 100, 50));

test('first use downloads, verifies, extracts and checks; later uses need no network', async (t) => {
  const { base, requests } = await serveFiles(t, { '/kriz/cifar-100-binary.tar.gz': archive100 });
  const dataDir = path.join(tempDir(t), 'data');
  const events: EnsureEvent[] = [];
  const result = await ensureDataset({ dataDir, mirror: `${base}/kriz/`, md5: md5(archive100), onEvent: (e) => events.push(e) });
  t.is(result.action, 'downloaded');
  t.is(result.folder, path.join(dataDir, 'cifar-100-binary'));
  t.is(result.trainRecords, 300);
  t.deepEqual(requests.map((r) => r.url), ['/kriz/cifar-100-binary.tar.gz']);
  t.deepEqual(fs.readdirSync(dataDir).sort(), ['cifar-100-binary', 'cifar-100-binary.tar.gz']);
  const kinds = new Set(events.map((e) => e.kind));
  t.deepEqual([...kinds].sort(), ['done', 'download', 'extract', 'status']);

  const offline = await ensureDataset({ dataDir, mirror: await closedPortUrl(), md5: md5(archive100) });
  t.is(offline.action, 'found');
  t.is(offline.folder, result.folder);
});

test('an archive copied into the data folder by hand is used without network', async (t) => {
  const dataDir = tempDir(t);
  fs.writeFileSync(path.join(dataDir, 'cifar-100-binary.tar.gz'), archive100);
  const result = await ensureDataset({ dataDir, mirror: await closedPortUrl(), md5: md5(archive100) });
  t.is(result.action, 'extracted');
  t.is(result.testRecords, 100);
});

test('--archive FILE (relative to cwd) is extracted into the data root from the environment', async (t) => {
  const cwd = tempDir(t);
  fs.writeFileSync(path.join(cwd, 'copy.tgz'), archive100);
  const env = { CIFAR_TUI_DATA_DIR: 'elsewhere' };
  const result = await ensureDataset({ archive: 'copy.tgz', cwd, env, md5: md5(archive100) });
  t.is(result.folder, path.join(cwd, 'elsewhere', 'cifar-100-binary'));
  const again = await ensureDataset({ archive: 'copy.tgz', cwd, env, md5: md5(archive100) });
  t.is(again.action, 'found');
  t.regex(again.notices.at(-1)!, /already holds CIFAR-100, so copy\.tgz was not extracted/);
});

test('--archive with the official checksum refuses a file that is not the release', async (t) => {
  const cwd = tempDir(t);
  fs.writeFileSync(path.join(cwd, 'copy.tgz'), archive100);
  const error = await t.throwsAsync(ensureDataset({ archive: 'copy.tgz', cwd, env: {} }), { instanceOf: DataError });
  t.is(error.code, 'checksum');
  t.false(fs.existsSync(path.join(cwd, 'data', 'cifar-100-binary')));
});

test('an extracted folder given as --data-dir is checked and used in place', async (t) => {
  const result = await ensureDataset({ dataDir: SAMPLE_DIR, mirror: await closedPortUrl() });
  t.is(result.action, 'found');
  t.is(result.folder, SAMPLE_DIR);
  t.is(result.trainRecords, 10_000);
  t.is(result.notices.length, 1);
});

test('no network: the error names the URL and says how to install by hand; nothing looks complete', async (t) => {
  const dataDir = tempDir(t);
  const mirror = await closedPortUrl();
  const error = await t.throwsAsync(ensureDataset({ dataDir, mirror }), { instanceOf: DataError });
  t.is(error.code, 'network');
  t.true(error.message.startsWith(`Cannot download ${mirror}/cifar-100-binary.tar.gz:`));
  t.true(error.message.includes(`To install CIFAR-100 by hand: on a machine with internet access, download\n  ${mirror}/cifar-100-binary.tar.gz   (md5 03b5dce01913d631647c71ecec9e9cb8)`));
  t.true(error.message.includes(`put it at ${dataDir}/cifar-100-binary.tar.gz`));
  t.true(error.message.includes('cifar-tui data --archive FILE'));
  t.deepEqual(fs.readdirSync(dataDir), []);
});

test('CIFAR-10 is downloaded from its own archive name, and the mirror can come from the environment', async (t) => {
  const { base, requests } = await serveFiles(t, { '/cifar-10-binary.tar.gz': archive10 });
  const dataDir = tempDir(t);
  const result = await ensureDataset({ dataset: 'cifar10', dataDir, env: { CIFAR_TUI_MIRROR: base }, md5: md5(archive10) });
  t.is(result.folder, path.join(dataDir, 'cifar-10-batches-bin'));
  t.is(result.trainRecords, 100);
  t.is(result.labelNames.coarse, null);
  t.is(requests[0].url, '/cifar-10-binary.tar.gz');
});

test('a file given as --data-dir is refused with the right flag to use', async (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(path.join(dir, 'cifar-100-binary.tar.gz'), archive100);
  const error = await t.throwsAsync(ensureDataset({ dataDir: path.join(dir, 'cifar-100-binary.tar.gz') }), { instanceOf: DataError });
  t.regex(error.message, /is a file, not a folder\. Pass an archive with --archive FILE/);
});
