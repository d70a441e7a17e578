import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import { type DownloadProgress, downloadFile } from '../../source/data/download.js';
import { DataError } from '../../source/data/errors.js';
import { makeRecords, md5, tempDir } from '../helpers/cifar-files.js';
import { closedPortUrl, serveFiles } from '../helpers/file-server.js';

const body = makeRecords('cifar100', 200, 3); // 614,800 bytes
const sum = md5(body);

test('a download streams into .part with progress, is MD5-checked, then renamed', async (t) => {
  const { base } = await serveFiles(t, { '/a.tar.gz': body }, { chunk: 50_000 });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  const events: DownloadProgress[] = [];
  t.is(await downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum, onProgress: (p) => events.push(p) }), sum);
  t.true(fs.readFileSync(destination).equals(body));
  t.false(fs.existsSync(`${destination}.part`));
  t.true(events.length >= 5);
  t.is(events[0].received, 0);
  t.is(events.at(-1)!.received, body.length);
  t.true(events.every((e, i) => e.total === body.length && e.resumedFrom === 0 && (i === 0 || e.received >= events[i - 1].received)));
});

test('an interrupted download keeps its .part, says how to resume, and the next run resumes with a Range request', async (t) => {
  const { base, requests } = await serveFiles(t, { '/a.tar.gz': body }, { cutAt: 250_000, chunk: 50_000 });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  const url = `${base}/a.tar.gz`;
  const error = await t.throwsAsync(downloadFile({ url, destination, md5: sum }), { instanceOf: DataError });
  t.is(error.code, 'interrupted');
  t.regex(error.message, /was interrupted at .* of 0\.6 MB .*The partial file .*a\.tar\.gz\.part is kept: run the command again to resume/);
  t.false(fs.existsSync(destination));
  const kept = fs.statSync(`${destination}.part`).size;
  t.true(kept > 0 && kept <= 250_000);

  const events: DownloadProgress[] = [];
  await downloadFile({ url, destination, md5: sum, onProgress: (p) => events.push(p) });
  t.true(fs.readFileSync(destination).equals(body));
  t.is(requests[1].range, `bytes=${kept}-`);
  t.is(events[0].resumedFrom, kept);
  t.is(events[0].received, kept);
});

test('a server that ignores Range gets a fresh download, overwriting the part', async (t) => {
  const { base, requests } = await serveFiles(t, { '/a.tar.gz': body }, { ranges: false });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  fs.writeFileSync(`${destination}.part`, Buffer.alloc(1000, 7));
  await downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum });
  t.true(fs.readFileSync(destination).equals(body));
  t.is(requests.length, 1);
  t.is(requests[0].range, 'bytes=1000-');
});

test('a resumed download whose checksum fails is retried once from scratch', async (t) => {
  const { base, requests } = await serveFiles(t, { '/a.tar.gz': body });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  fs.writeFileSync(`${destination}.part`, Buffer.alloc(1000, 7)); // stale bytes from another file
  await downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum });
  t.true(fs.readFileSync(destination).equals(body));
  t.deepEqual(
    requests.map((r) => r.range),
    ['bytes=1000-', undefined],
  );
});

test('a part as long as the file (416) restarts the download', async (t) => {
  const { base, requests } = await serveFiles(t, { '/a.tar.gz': body });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  fs.writeFileSync(`${destination}.part`, Buffer.alloc(body.length + 5));
  await downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum });
  t.true(fs.readFileSync(destination).equals(body));
  t.is(requests.length, 2);
});

test('a checksum failure deletes the download and names file and fix', async (t) => {
  const { base } = await serveFiles(t, { '/a.tar.gz': body });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  const error = await t.throwsAsync(downloadFile({ url: `${base}/a.tar.gz`, destination, md5: '0'.repeat(32) }), { instanceOf: DataError });
  t.is(error.code, 'checksum');
  t.regex(error.message, new RegExp(`a\\.tar\\.gz\\.part has MD5 ${sum}, expected 0{32}\\. The damaged download .* was deleted; run the command again`));
  t.false(fs.existsSync(destination));
  t.false(fs.existsSync(`${destination}.part`));
});

test('redirects are followed', async (t) => {
  const { base } = await serveFiles(
    t,
    { '/real/a.tar.gz': body },
    {
      routes: {
        '/a.tar.gz': (_req, res) => {
          res.writeHead(302, { location: '/real/a.tar.gz' });
          res.end();
        },
      },
    },
  );
  const destination = path.join(tempDir(t), 'a.tar.gz');
  await downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum });
  t.true(fs.readFileSync(destination).equals(body));
});

test('HTTP errors and an unreachable host say what happened and how to get the file by hand', async (t) => {
  const { base } = await serveFiles(t, {});
  const destination = path.join(tempDir(t), 'a.tar.gz');
  const notFound = await t.throwsAsync(downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum, help: 'HELP TEXT' }), { instanceOf: DataError });
  t.is(notFound.code, 'http');
  t.regex(notFound.message, /Cannot download http:\/\/127\.0\.0\.1:\d+\/a\.tar\.gz: the server answered 404 Not Found\.\nHELP TEXT/);

  const refused = await t.throwsAsync(downloadFile({ url: `${await closedPortUrl()}/a.tar.gz`, destination, md5: sum, help: 'HELP TEXT' }), { instanceOf: DataError });
  t.is(refused.code, 'network');
  t.regex(refused.message, /ECONNREFUSED.*\(no network, or the site is unreachable from here\)\.\nHELP TEXT/);
  t.false(fs.existsSync(destination));
});

test('a stalled connection times out as an interruption', async (t) => {
  const { base } = await serveFiles(t, {}, {
    routes: {
      '/a.tar.gz': (_req, res) => {
        res.writeHead(200, { 'content-length': body.length });
        res.write(body.subarray(0, 1000)); // then nothing
      },
    },
  });
  const destination = path.join(tempDir(t), 'a.tar.gz');
  const error = await t.throwsAsync(downloadFile({ url: `${base}/a.tar.gz`, destination, md5: sum, idleTimeoutMs: 150 }), { instanceOf: DataError });
  t.is(error.code, 'interrupted');
  t.regex(error.message, /no data for 0\.15 s/);
});
