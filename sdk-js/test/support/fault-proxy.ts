import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random';

export type Fault =
  | 'drop-request' // cut the connection after some of the body arrived
  | 'drop-response' // forward the whole part, let storage keep it, then cut before answering
  | 'status-500'
  | 'status-503'
  | 'status-429'
  | 'expired-403' // what S3 answers to an expired presigned URL
  | 'stall' // take the body, never answer
  | 'slow'; // forward at a trickle

export interface FaultProxyOptions {
  /** Where requests go on, e.g. the embedded S3. Set later with `setTarget` when unknown at start. */
  target?: string;
  seed?: number;
  /** Faults for the first PUTs, in order, before the random ones: a test says what happens next. */
  script?: Array<Fault | null>;
  /** Probability of each fault per PUT. */
  faults?: Partial<Record<Fault, number>>;
  /** Bytes per second for `slow`. */
  slowBytesPerSecond?: number;
  /** Called as PUT body bytes arrive, with the running total (e.g. to kill a client at a random byte). */
  onPutBytes?(total: number): void;
  /** Called once upstream answered, before the answer is relayed (e.g. to kill a client at that moment). */
  beforeRelay?(request: IncomingMessage, upstreamStatus: number): Promise<void> | void;
}

export interface FaultProxy {
  url: string;
  setTarget(target: string): void;
  /** Body bytes of PUTs that reached the proxy, per part number (single PUTs count as part 1). */
  bytesByPart: Map<number, number>;
  totalPutBytes(): number;
  injected: Record<Fault, number>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy that injects seeded faults into PUTs (part uploads) and relays everything
 * else untouched, preserving the Host header so presigned signatures still verify.
 */
export async function startFaultProxy(opts: FaultProxyOptions = {}): Promise<FaultProxy> {
  let target = opts.target ? new URL(opts.target) : null;
  const random = seededRandom(opts.seed ?? 1);
  const bytesByPart = new Map<number, number>();
  const injected: Record<Fault, number> = {
    'drop-request': 0,
    'drop-response': 0,
    'status-500': 0,
    'status-503': 0,
    'status-429': 0,
    'expired-403': 0,
    stall: 0,
    slow: 0,
  };
  const sockets = new Set<import('node:net').Socket>();
  let total = 0;

  const script = [...(opts.script ?? [])];
  function pickFault(): Fault | null {
    if (script.length) return script.shift()!;
    const roll = random();
    let cumulative = 0;
    for (const [fault, p] of Object.entries(opts.faults ?? {}) as [Fault, number][]) {
      cumulative += p;
      if (roll < cumulative) return fault;
    }
    return null;
  }

  function countBytes(request: IncomingMessage) {
    if (request.method !== 'PUT') return;
    const part = Number(new URL(request.url!, 'http://x').searchParams.get('partNumber') ?? 1);
    request.on('data', (chunk: Buffer) => {
      bytesByPart.set(part, (bytesByPart.get(part) ?? 0) + chunk.length);
      total += chunk.length;
      opts.onPutBytes?.(total);
    });
  }

  const server = http.createServer((request, response) => {
    countBytes(request);
    const fault = request.method === 'PUT' ? pickFault() : null;
    if (fault) injected[fault] += 1;
    const size = Number(request.headers['content-length'] ?? 0);
    switch (fault) {
      case 'drop-request': {
        const cutAt = Math.floor(random() * size);
        let seen = 0;
        request.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen >= cutAt) request.socket.destroy();
        });
        if (cutAt === 0) request.socket.destroy();
        return;
      }
      case 'status-500':
      case 'status-503':
      case 'status-429':
      case 'expired-403':
        return drainThen(request, () => answerFault(response, fault));
      case 'stall':
        request.resume(); // take the body and never answer; the client's stall timer must fire
        return;
      default:
        return relay(request, response, fault);
    }
  });

  function relay(request: IncomingMessage, response: ServerResponse, fault: Fault | null) {
    if (!target) throw new Error('fault proxy has no target');
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      async (upstreamResponse) => {
        if (fault === 'drop-response') {
          upstreamResponse.resume();
          upstreamResponse.on('end', () => response.socket?.destroy());
          return;
        }
        try {
          await opts.beforeRelay?.(request, upstreamResponse.statusCode ?? 0);
        } catch {
          // the hook's business
        }
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    upstream.on('error', () => response.socket?.destroy());
    request.on('aborted', () => upstream.destroy());
    request.on('error', () => upstream.destroy());
    if (fault === 'slow') trickle(request, upstream, opts.slowBytesPerSecond ?? 2 * 1024 * 1024);
    else request.pipe(upstream);
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (t) => (target = new URL(t)),
    bytesByPart,
    totalPutBytes: () => [...bytesByPart.values()].reduce((a, b) => a + b, 0),
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function drainThen(request: IncomingMessage, then: () => void) {
  request.resume();
  request.on('end', then);
}

function answerFault(response: ServerResponse, fault: Fault) {
  const xml = (code: string, message: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  switch (fault) {
    case 'status-500':
      response
        .writeHead(500, { 'content-type': 'application/xml' })
        .end(xml('InternalError', 'We encountered an internal error.'));
      return;
    case 'status-503':
      response
        .writeHead(503, { 'content-type': 'application/xml', 'retry-after': '0' })
        .end(xml('SlowDown', 'Please reduce your request rate.'));
      return;
    case 'status-429':
      response
        .writeHead(429, { 'content-type': 'application/xml', 'retry-after': '0' })
        .end(xml('TooManyRequests', 'Slow down.'));
      return;
    default:
      response.writeHead(403, { 'content-type': 'application/xml' }).end(xml('AccessDenied', 'Request has expired'));
  }
}

/** Forwards the body in small slices with pauses: a slow uplink. */
function trickle(request: IncomingMessage, upstream: http.ClientRequest, bytesPerSecond: number) {
  const sliceBytes = 64 * 1024;
  const pauseMs = (sliceBytes / bytesPerSecond) * 1000;
  request.on('data', (chunk: Buffer) => {
    request.pause();
    let offset = 0;
    const step = () => {
      if (offset >= chunk.length) return request.resume();
      upstream.write(chunk.subarray(offset, offset + sliceBytes));
      offset += sliceBytes;
      setTimeout(step, pauseMs);
    };
    step();
  });
  request.on('end', () => upstream.end());
}
