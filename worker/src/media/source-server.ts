import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { SourceBytes } from './source-feed';

/** What ffprobe and ffmpeg are given: the source's loopback URL, and the proxy every HTTP request of theirs must use. */
export interface ServedSource {
  url: string;
  /** This same server: set as ffmpeg's `http_proxy`, so any other URL it might try ends here, refused. */
  proxy: string;
  /** The local file behind the URL (read for error reports once bytes have been served). */
  localPath: string;
  /** Requests for anything but the source (a URL named inside a file, had a demuxer followed one). */
  readonly refused: number;
  /** The furthest byte sent to a reader so far, exclusive: how far ffmpeg has read. */
  readonly readEnd: number;
  /** A reader is waiting for bytes that have not arrived yet (ffmpeg is idle for want of input, not stuck). */
  readonly starved: boolean;
  close(): Promise<void>;
}

const SLICE = 256 * 1024;

/**
 * Serves one source on 127.0.0.1 under an unguessable path, with Range support, so ffmpeg can read
 * (and seek in) a file that is still downloading: a read past what has arrived waits for the bytes
 * instead of ending early, and the real size is announced from the start, so `moov`-at-end MP4s
 * and seeks work. Anything else — another path, another host through the proxy, another method —
 * is refused and counted.
 */
export async function serveSource(source: SourceBytes): Promise<ServedSource> {
  const file = await open(source.path, 'r');
  const path = `/${randomBytes(16).toString('hex')}`;
  const sockets = new Set<Socket>();
  let refused = 0;
  let readEnd = 0;
  let starved = 0;
  let origin = '';

  const refuse = (res: ServerResponse, status: number) => {
    refused++;
    res.writeHead(status, { 'content-length': 0, connection: 'close' }).end();
  };

  const send = async (req: IncomingMessage, res: ServerResponse) => {
    // Direct requests carry a path; requests through the proxy setting carry the whole URL.
    const target = req.url ?? '';
    if (target !== path && target !== `${origin}${path}`) return refuse(res, 404);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(source.size, Number(range[2]) + 1) : source.size;
    if (range && (start >= source.size || end <= start)) {
      res.writeHead(416, { 'content-range': `bytes */${source.size}`, 'content-length': 0 }).end();
      return;
    }
    res.writeHead(range ? 206 : 200, {
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
      'content-length': end - start,
      ...(range ? { 'content-range': `bytes ${start}-${end - 1}/${source.size}` } : {}),
    });
    if (req.method === 'HEAD') return res.end();
    let gone = false;
    res.once('close', () => (gone = true));
    for (let offset = start; offset < end && !gone;) {
      starved++;
      const ready = await source.available(offset).finally(() => starved--);
      if (ready <= 0) throw new Error('the source ended before its announced size');
      const length = Math.min(ready, SLICE, end - offset);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      if (bytesRead === 0) throw new Error('the local copy of the source is shorter than its download');
      const chunk = buffer.subarray(0, bytesRead);
      offset += bytesRead;
      readEnd = Math.max(readEnd, offset);
      if (!res.write(chunk)) await drained(res);
    }
    res.end();
  };

  const server = createServer((req, res) => {
    send(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${path}`,
    proxy: origin,
    localPath: source.path,
    get refused() {
      return refused;
    },
    get readEnd() {
      return readEnd;
    },
    get starved() {
      return starved > 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await file.close();
    },
  };
}

/** Until the reader has taken what was written, or has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
