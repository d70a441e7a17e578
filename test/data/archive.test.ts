import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { checksumError, extractArchive } from '../../source/data/archive.js';
import { DATASETS } from '../../source/data/datasets.js';
import { DataError, diskError } from '../../source/data/errors.js';
import { md5, releaseEntries, tempDir } from '../helpers/cifar-files.js';
import { tar, tarGz } from '../helpers/tar-writer.js';
import { gzipSync } from 'node:zlib';

const spec = DATASETS.cifar100;

function setup(t: Parameters<typeof tempDir>[0], bytes: Buffer) {
  const dir = tempDir(t);
  const archive = path.join(dir, 'copied.tar.gz');
  fs.writeFileSync(archive, bytes);
  const dataDir = path.join(dir, 'data');
  return { dir, archive, dataDir };
}

/** What the data root holds after a failed extraction: nothing that looks like a release, no temp folder. */
function leftovers(dataDir: string): string[] {
  return fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
}

test('a release archive is verified, extracted, checked and moved into place', async (t) => {
  const bytes = tarGz(releaseEntries('cifar100', 300, 100));
  const { archive, dataDir } = setup(t, bytes);
  fs.mkdirSync(dataDir);
  fs.mkdirSync(path.join(dataDir, '.cifar-100-binary.extract-999999999-dead')); // left by a process that died
  const seen: number[] = [];
  const report = await extractArchive({ archive, spec, dataDir, md5: md5(bytes), onProgress: (done) => seen.push(done) });
  t.is(report.folder, path.join(dataDir, 'cifar-100-binary'));
  t.is(report.trainRecords, 300);
  t.is(report.testRecords, 100);
  t.regex(report.notices[0], new RegExp(`^${report.folder} holds a smaller set`));
  t.deepEqual(leftovers(dataDir), ['cifar-100-binary']);
  t.deepEqual(fs.readdirSync(report.folder).sort(), ['coarse_label_names.txt', 'fine_label_names.txt', 'test.bin', 'train.bin']);
  t.is(seen.at(-1), bytes.length);
});

test('a checksum mismatch names the file and the expected MD5, and extracts nothing', async (t) => {
  const bytes = tarGz(releaseEntries('cifar100', 100, 100));
  const { archive, dataDir } = setup(t, bytes);
  const error = await t.throwsAsync(extractArchive({ archive, spec, dataDir }), { instanceOf: DataError });
  t.is(error.code, 'checksum');
  t.is(error.file, archive);
  t.true(error.message.includes(`${archive} has MD5 ${md5(bytes)}, but the official cifar-100-binary.tar.gz has 03b5dce01913d631647c71ecec9e9cb8`));
  t.regex(error.message, /damaged, truncated or not the official release\. Copy or download it again\./);
  t.deepEqual(leftovers(dataDir), []);
});

test('the checksum error recognises the other dataset and the Python releases', (t) => {
  const ten = checksumError('a.tar.gz', DATASETS.cifar10.md5, spec.md5, spec, 'fix');
  t.regex(ten.message, /this file is the CIFAR-10 binary release \(cifar-10-binary\.tar\.gz\); pass --dataset cifar10/);
  const python = checksumError('b.tar.gz', spec.pythonMd5, spec.md5, spec, 'fix');
  t.regex(python.message, /the CIFAR-100 \*Python\* release; cifar-tui needs the binary release, cifar-100-binary\.tar\.gz/);
});

test('a truncated archive is reported as truncated (gzip cut, or tar cut inside a valid gzip)', async (t) => {
  const full = tarGz(releaseEntries('cifar100', 200, 100));
  const cut = full.subarray(0, Math.floor(full.length / 2));
  const a = setup(t, cut);
  const gz = await t.throwsAsync(extractArchive({ archive: a.archive, spec, dataDir: a.dataDir, md5: null }), { instanceOf: DataError });
  t.is(gz.code, 'truncated');
  t.regex(gz.message, /copied\.tar\.gz is truncated/);
  t.deepEqual(leftovers(a.dataDir), []);

  const inner = tar(releaseEntries('cifar100', 200, 100));
  const b = setup(t, gzipSync(inner.subarray(0, 5000)));
  const cutTar = await t.throwsAsync(extractArchive({ archive: b.archive, spec, dataDir: b.dataDir, md5: null }), { instanceOf: DataError });
  t.is(cutTar.code, 'truncated');
  t.regex(cutTar.message, /ends in the middle of 'cifar-100-binary\/train\.bin'/);
  const c = setup(t, gzipSync(tar(releaseEntries('cifar100', 100, 100), { end: false })));
  t.regex((await t.throwsAsync(extractArchive({ archive: c.archive, spec, dataDir: c.dataDir, md5: null })))!.message, /without its end marker/);
  t.deepEqual(leftovers(b.dataDir), []);
});

test('a file that is not gzip is refused', async (t) => {
  const { archive, dataDir } = setup(t, Buffer.from('this is not a tarball, just text\n'.repeat(40)));
  const error = await t.throwsAsync(extractArchive({ archive, spec, dataDir, md5: null }), { instanceOf: DataError });
  t.is(error.code, 'not-gzip');
});

test('members with paths outside the target folder are refused and nothing escapes', async (t) => {
  for (const evil of ['../evil', 'cifar-100-binary/../../evil', '/tmp/cifar-tui-evil-absolute']) {
    const bytes = tarGz([{ name: 'cifar-100-binary/readme.txt', data: 'ok' }, { name: evil, data: 'pwned' }, ...releaseEntries('cifar100', 100, 100)]);
    const { dir, archive, dataDir } = setup(t, bytes);
    const error = await t.throwsAsync(extractArchive({ archive, spec, dataDir, md5: null }), { instanceOf: DataError });
    t.is(error.code, 'unsafe-path');
    t.true(error.message.includes(`member '${evil}' that would be written outside the target folder; extraction refused`));
    t.false(fs.existsSync(path.join(dir, 'evil')));
    t.false(fs.existsSync(path.join(dataDir, 'evil')));
    t.false(fs.existsSync('/tmp/cifar-tui-evil-absolute'));
    t.deepEqual(leftovers(dataDir), []);
  }
});

test('links are skipped, long GNU names are read', async (t) => {
  const longName = `cifar-100-binary/${'n'.repeat(120)}.txt`;
  const bytes = tarGz([
    ...releaseEntries('cifar100', 100, 100),
    { name: 'cifar-100-binary/passwd', type: '2', linkname: '/etc/passwd' },
    { name: longName, data: 'long' },
  ]);
  const { archive, dataDir } = setup(t, bytes);
  const report = await extractArchive({ archive, spec, dataDir, md5: md5(bytes) });
  t.false(fs.existsSync(path.join(report.folder, 'passwd')));
  t.is(fs.readFileSync(path.join(dataDir, longName), 'utf8'), 'long');
});

test('a missing member is named', async (t) => {
  const entries = releaseEntries('cifar100', 100, 100).filter((e) => !e.name.endsWith('test.bin'));
  const a = setup(t, tarGz(entries));
  const error = await t.throwsAsync(extractArchive({ archive: a.archive, spec, dataDir: a.dataDir, md5: null }), { instanceOf: DataError });
  t.is(error.code, 'missing');
  t.is(error.file, a.archive);
  t.true(error.message.startsWith(`${a.archive} has no member cifar-100-binary/test.bin: it is not the complete CIFAR-100 binary release`));
  t.deepEqual(leftovers(a.dataDir), []);

  const b = setup(t, tarGz([{ name: 'cifar-100-python/train', data: 'pickle' }]));
  const none = await t.throwsAsync(extractArchive({ archive: b.archive, spec, dataDir: b.dataDir, md5: null }), { instanceOf: DataError });
  t.regex(none.message, /has no member cifar-100-binary\/train\.bin: it is not the complete CIFAR-100 binary release/);
});

test('a CIFAR-10 archive given as CIFAR-100 says so', async (t) => {
  const { archive, dataDir } = setup(t, tarGz(releaseEntries('cifar10', 50, 10)));
  const error = await t.throwsAsync(extractArchive({ archive, spec, dataDir, md5: null }), { instanceOf: DataError });
  t.is(error.code, 'format');
  t.regex(error.message, /holds CIFAR-10, not CIFAR-100\. Pass --dataset cifar10/);
});

test('a missing archive file is named', async (t) => {
  const dir = tempDir(t);
  const error = await t.throwsAsync(extractArchive({ archive: path.join(dir, 'nope.tar.gz'), spec, dataDir: dir }), { instanceOf: DataError });
  t.is(error.code, 'not-found');
  t.regex(error.message, /nope\.tar\.gz does not exist.*--archive/);
});

test('a member that is not a whole number of records is named as a member of the archive', async (t) => {
  const entries = releaseEntries('cifar100', 100, 100).map((e) => (e.name.endsWith('train.bin') ? { ...e, data: Buffer.alloc(3074 * 10 + 5) } : e));
  const { archive, dataDir } = setup(t, tarGz(entries));
  const error = await t.throwsAsync(extractArchive({ archive, spec, dataDir, md5: null }), { instanceOf: DataError });
  t.is(error.code, 'size');
  t.true(error.message.startsWith(`${archive} member cifar-100-binary/train.bin: its size (30,745 bytes) is not a whole number of 3074-byte CIFAR-100 records`));
  t.deepEqual(leftovers(dataDir), []);
});

test('a full disk or a folder that cannot be written says so and what to do, instead of a bare system error', (t) => {
  const err = (code: string) => Object.assign(new Error(`${code}: failed`), { code });
  const full = diskError(err('ENOSPC'), '/data/x.part', 161e6);
  t.is(full?.code, 'disk');
  t.is(full?.message, 'No space left on the disk while writing /data/x.part (it needs about 161.0 MB). Free some space, or put the data on another disk with --data-dir DIR.');
  for (const code of ['EACCES', 'EPERM', 'EROFS']) t.regex(diskError(err(code), '/data/y')!.message, new RegExp(`^Cannot write /data/y \\(${code}: .*--data-dir DIR`));
  t.is(diskError(err('ECONNRESET'), '/data/z'), null);
  t.is(diskError(new Error('plain'), '/data/z'), null);
});
