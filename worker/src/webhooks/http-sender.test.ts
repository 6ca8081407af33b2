import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HostResolver, systemResolver } from '@streamforge/core';
import { MAX_RESPONSE_BYTES, WebhookSender } from './http-sender';

/** A loopback server whose every answer the test scripts; it records what it was sent. */
async function server(handler: http.RequestListener) {
  const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let connections = 0;
  const s = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ headers: req.headers, body });
    handler(req, res);
  });
  s.on('connection', () => connections++);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    seen,
    connections: () => connections,
    close: () => {
      s.closeAllConnections();
      return new Promise<void>((r) => s.close(() => r()));
    },
  };
}

const LOCAL = { allowPrivate: true, requireHttps: false };
const TIMEOUT = 1_500;
const sender = (resolve: HostResolver = systemResolver, rules = LOCAL) =>
  new WebhookSender({ rules, resolve, timeoutMs: TIMEOUT });

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
async function track<T extends { close(): Promise<void> }>(s: Promise<T>): Promise<T> {
  servers.push(await s);
  return servers[servers.length - 1] as T;
}

describe('WebhookSender', () => {
  it('POSTs the body with the signature headers and reads the answer', async () => {
    const s = await track(server((_req, res) => res.writeHead(200).end('thanks')));
    const result = await sender().send(s.url, { 'webhook-id': 'msg_1' }, '{"a":1}');
    expect(result).toMatchObject({ statusCode: 200, error: null, body: 'thanks' });
    expect(s.seen[0].body).toBe('{"a":1}');
    expect(s.seen[0].headers).toMatchObject({ 'webhook-id': 'msg_1', 'content-type': 'application/json' });
  });

  it('does not follow a redirect: the loopback canary it points at sees no connection', async () => {
    const canary = await track(server((_req, res) => res.writeHead(200).end()));
    const s = await track(server((_req, res) => res.writeHead(307, { location: canary.url }).end()));
    const result = await sender().send(s.url, {}, '{}');
    expect(result).toMatchObject({ statusCode: 307, error: 'redirect not followed' });
    expect(canary.connections()).toBe(0);
  });

  it('ends an attempt at the deadline when the receiver never answers', async () => {
    const s = await track(server(() => undefined));
    const result = await sender().send(s.url, {}, '{}');
    expect(s.seen).toHaveLength(1);
    expect(result).toMatchObject({ statusCode: null, error: `timed out after ${TIMEOUT} ms` });
  });

  it('ends an attempt at the deadline when the receiver trickles one byte a second', async () => {
    let stillSending = true;
    const s = await track(
      server((_req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write('x'), 1000);
        res.on('close', () => {
          clearInterval(timer);
          stillSending = false;
        });
      }),
    );
    const result = await sender().send(s.url, {}, '{}');
    expect(result.error).toBe(`timed out after ${TIMEOUT} ms`);
    expect(result.statusCode).toBeNull();
    // The receiver would have gone on for ever: it was our deadline that ended it.
    expect(stillSending).toBe(true);
  });

  it('reads at most 64 KiB of a 10 MB answer', async () => {
    const s = await track(
      server((_req, res) => {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 160 && res.write(chunk)) sent++;
          if (sent < 160) res.once('drain', pump);
          else res.end();
        };
        pump();
      }),
    );
    const result = await sender().send(s.url, {}, '{}');
    expect(result.statusCode).toBe(200);
    expect(Buffer.byteLength(result.body)).toBe(MAX_RESPONSE_BYTES);
  });

  it('reads Retry-After', async () => {
    const s = await track(server((_req, res) => res.writeHead(429, { 'retry-after': '7' }).end()));
    expect(await sender().send(s.url, {}, '{}')).toMatchObject({ statusCode: 429, retryAfterMs: 7000 });
  });

  it('connects to the address it checked, even when DNS answers loopback on a second lookup', async () => {
    const canary = await track(server((_req, res) => res.writeHead(200).end()));
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    const lookups: string[] = [];
    // Rebinding DNS: public at the check, loopback after it.
    const rebinding: HostResolver = async (host) => {
      lookups.push(host);
      return answers[Math.min(lookups.length - 1, 1)];
    };
    const strict = { allowPrivate: false, requireHttps: false };
    const result = await sender(rebinding, strict).send(`http://rebind.example.com:${canary.port}/hook`, {}, '{}');
    expect(lookups).toEqual(['rebind.example.com']);
    expect(result.statusCode).toBeNull();
    expect(canary.connections()).toBe(0);
  });

  it('refuses a private target at send time under production rules without connecting', async () => {
    const canary = await track(server((_req, res) => res.writeHead(200).end()));
    const strict = { allowPrivate: false, requireHttps: false };
    const result = await sender(systemResolver, strict).send(canary.url, {}, '{}');
    expect(result.error).toMatch(/public host/);
    expect(canary.connections()).toBe(0);
  });
});
