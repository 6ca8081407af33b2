import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  event: { id: string; type: string; data: { object: any } };
  /** performance.now() when the request's body had arrived. */
  at: number;
}

/** What to do with a request: answer it (status, headers, body), or take over the response. */
export type Responder = (
  request: Received,
  response: http.ServerResponse,
) => void | { status: number; headers?: Record<string, string>; body?: string };

/**
 * A webhook receiver on loopback that records every delivery. A test scripts its answers with
 * `respond` and waits for deliveries with `waitFor`, never for time.
 */
export class Receiver {
  readonly received: Received[] = [];
  respond: Responder = () => ({ status: 204 });
  private readonly server: http.Server;
  private readonly waiters = new Set<() => void>();
  /** Connections seen (for canaries that must see none). */
  connections = 0;

  private constructor() {
    this.server = http.createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      const h = request.headers;
      let event: Received['event'];
      try {
        event = JSON.parse(body);
      } catch {
        event = { id: '', type: '', data: { object: null } };
      }
      const entry: Received = {
        id: String(h['webhook-id']),
        timestamp: String(h['webhook-timestamp']),
        signature: String(h['webhook-signature']),
        headers: h,
        body,
        event,
        at: performance.now(),
      };
      this.received.push(entry);
      for (const wake of this.waiters) wake();
      const answer = this.respond(entry, response);
      if (answer) response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
    this.server.on('connection', () => this.connections++);
  }

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Resolves once `done(received)` holds; rejects after `timeoutMs` naming what arrived. */
  waitFor(done: (received: Received[]) => boolean, timeoutMs = 60_000): Promise<Received[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.received)) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.received);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out; received: ${this.received.map((r) => r.event.type).join(', ') || 'nothing'}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  ofType(type: string): Received[] {
    return this.received.filter((r) => r.event.type === type);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
