/** A local HTTP server on 127.0.0.1 standing in for the download site (no test touches the internet). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  url: string;
  range: string | undefined;
}

export interface ServeOptions {
  /** Answer Range requests with 206 (default true). */
  ranges?: boolean;
  /** For the first N requests, send only this many body bytes and then drop the connection. */
  cutAt?: number;
  cutRequests?: number;
  /** Bytes per write (several writes give several progress events). */
  chunk?: number;
  /** Extra routes: path → handler. */
  routes?: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>;
}

/** Serves `files` (path → bytes); returns the base URL and the requests seen. Closed at teardown. */
export async function serveFiles(t: { teardown: (fn: () => Promise<void> | void) => void }, files: Record<string, Buffer>, options: ServeOptions = {}) {
  const { ranges = true, cutAt, cutRequests = 1, chunk = 64 * 1024, routes = {} } = options;
  const requests: ServedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push({ url, range: req.headers.range });
    if (routes[url]) return routes[url](req, res);
    const body = files[url];
    if (!body) {
      res.writeHead(404, 'Not Found');
      return res.end();
    }
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (ranges && match) {
      start = Number(match[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        return res.end();
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'content-length': body.length });
    }
    const cut = cutAt !== undefined && requests.filter((r) => files[r.url]).length <= cutRequests ? start + cutAt : body.length;
    let at = start;
    const pump = () => {
      while (at < cut) {
        const piece = body.subarray(at, Math.min(at + chunk, cut));
        at += piece.length;
        if (at >= cut && cut < body.length) return void res.write(piece, () => res.socket?.destroy());
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
