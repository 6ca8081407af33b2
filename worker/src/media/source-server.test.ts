import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceBytes } from './source-feed';
import { type ServedSource, serveSource } from './source-server';

let work: string;
let served: ServedSource | undefined;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'sf-served-'));
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  await rm(work, { recursive: true, force: true });
});

const SOURCE = randomBytes(100_000);

/** A source whose bytes arrive when the test says so. */
async function growingSource() {
  const path = join(work, 'source');
  await writeFile(path, SOURCE);
  let arrived = 0;
  const waiting: Array<() => void> = [];
  const bytes: SourceBytes = {
    path,
    size: SOURCE.length,
    failed: new AbortController().signal,
    async available(offset) {
      while (offset >= arrived && offset < SOURCE.length) await new Promise<void>((r) => waiting.push(r));
      return Math.max(0, arrived - offset);
    },
  };
  const arrive = (upTo: number) => {
    arrived = upTo;
    waiting.splice(0).forEach((wake) => wake());
  };
  return { bytes, arrive };
}

/** A raw HTTP GET to the server, optionally written as a proxy request for `target`. */
function get(url: string, opts: { range?: string; target?: string } = {}) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        agent: false,
        path: opts.target ?? pathname,
        headers: opts.range ? { range: opts.range } : {},
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('serveSource', () => {
  it('serves byte ranges with the real size, waiting for bytes that have not arrived', async () => {
    const { bytes, arrive } = await growingSource();
    served = await serveSource(bytes);
    arrive(1000);
    const tail = get(served.url, { range: 'bytes=90000-' });
    const head = await get(served.url, { range: 'bytes=0-99' });
    expect(head).toMatchObject({ status: 206, body: SOURCE.subarray(0, 100) });
    expect(head.headers['content-range']).toBe(`bytes 0-99/${SOURCE.length}`);
    expect(served.readEnd).toBe(100);
    // The tail's reader is held for want of bytes: ffmpeg would be starved, not stuck.
    while (!served.starved) await new Promise((resolve) => setImmediate(resolve));
    arrive(SOURCE.length);
    const end = await tail;
    expect(end).toMatchObject({ status: 206, body: SOURCE.subarray(90_000) });
    expect(served.readEnd).toBe(SOURCE.length);
    expect(served.starved).toBe(false);
    expect((await get(served.url, { range: `bytes=${SOURCE.length}-` })).status).toBe(416);
  });

  it('answers its own URL through the proxy form too, and refuses every other path or host', async () => {
    const { bytes, arrive } = await growingSource();
    arrive(SOURCE.length);
    served = await serveSource(bytes);
    expect((await get(served.url, { target: served.url })).body).toEqual(SOURCE);
    const others = [
      `${served.proxy}/etc/passwd`,
      `${served.proxy}/`,
      served.url.replace('127.0.0.1', 'localhost'),
      `http://169.254.169.254${new URL(served.url).pathname}`,
    ];
    for (const target of others) expect((await get(served.url, { target })).status).toBe(404);
    expect(served.refused).toBe(others.length);
  });
});
